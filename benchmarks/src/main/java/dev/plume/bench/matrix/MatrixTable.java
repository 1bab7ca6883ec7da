package dev.plume.bench.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The matrix as Markdown: one row per broker version, one column per run. */
final class MatrixTable {

  /** One broker version's row. */
  record Row(String kafkaVersion, String mode, long seconds, Map<MatrixRun, CellResult> cells) {
    Row {
      cells = Map.copyOf(new EnumMap<>(cells));
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The table alone, for the matrix file and for the console. */
  String markdown() {
    StringBuilder out = new StringBuilder("| Kafka | mode |");
    for (MatrixRun run : MatrixRun.values()) {
      out.append(' ').append(run.label()).append(" |");
    }
    out.append(" time |\n| --- | --- |");
    for (int i = 0; i < MatrixRun.values().length; i++) {
      out.append(" --- |");
    }
    out.append(" --- |\n");
    for (Row row : rows) {
      out.append("| ").append(row.kafkaVersion()).append(" | ").append(row.mode()).append(" |");
      for (MatrixRun run : MatrixRun.values()) {
        CellResult cell = row.cells().get(run);
        out.append(' ').append(cell == null ? "not run" : cell.cell()).append(" |");
      }
      out.append(' ').append(row.seconds()).append(" s |\n");
    }
    return out.toString();
  }
}
