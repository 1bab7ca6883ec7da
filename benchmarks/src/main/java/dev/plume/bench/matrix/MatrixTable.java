package dev.plume.bench.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

  /** Rendered rows by version: kept from an earlier file (--merge), replaced by new ones. */
  private final Map<String, String> renderedRows = new LinkedHashMap<>();

  void add(Row row) {
    rows.add(row);
    renderedRows.put(row.kafkaVersion(), render(row));
  }

  /** Keeps the rows of an earlier matrix file, so re-running some versions updates only them. */
  void keepRowsOf(String earlierDocument) {
    for (String line : earlierDocument.split("\n")) {
      if (line.startsWith("| ") && !line.startsWith("| Kafka |") && !line.startsWith("| ---")) {
        String version = line.substring(2, line.indexOf(" |", 2)).trim();
        renderedRows.putIfAbsent(version, line + "\n");
      }
    }
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
    renderedRows.values().forEach(out::append);
    return out.toString();
  }

  private static String render(Row row) {
    StringBuilder out = new StringBuilder("| ");
    out.append(row.kafkaVersion()).append(" | ").append(row.mode()).append(" |");
    for (MatrixRun run : MatrixRun.values()) {
      CellResult cell = row.cells().get(run);
      out.append(' ').append(cell == null ? "not run" : cell.cell()).append(" |");
    }
    return out.append(' ').append(row.seconds()).append(" s |\n").toString();
  }
}
