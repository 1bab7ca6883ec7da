package dev.plume.bench.matrix;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The broker matrix: for each Kafka version, a fresh single-node broker (ZooKeeper mode before 3.3,
 * KRaft after), Plume's producer in each {@link MatrixRun}, and each run read back by the official
 * consumer of that broker's own version ({@link OfficialConsumerCheck}). Writes a Markdown table.
 *
 * <p>{@code matrix [--versions 2.1.1,2.8.2,...] [--out FILE] [--work-dir DIR] [--merge]}: with
 * {@code --merge} the rows of versions not run now are kept from the existing file.
 */
public final class MatrixMain {

  /** The versions of issue 17: the last patch of each line, and the newest release served. */
  static final List<String> DEFAULT_VERSIONS =
      List.of("2.1.1", "2.8.2", "3.0.2", "3.3.2", "3.6.2", "3.9.1", "4.0.2", "4.1.2", "4.4.0");

  /** Three partitions, so per-partition order is checked on more than one partition. */
  private static final int PARTITIONS = 3;

  private MatrixMain() {}

  public static void main(String[] args) throws IOException {
    List<String> versions = DEFAULT_VERSIONS;
    Path out = Path.of("docs", "broker-matrix.md");
    Path workDir = Path.of("target", "broker-matrix");
    boolean merge = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--merge")) {
        merge = true;
        continue;
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--versions" -> versions = List.of(required(args[i], value).split(","));
        case "--out" -> out = Path.of(required(args[i], value));
        case "--work-dir" -> workDir = Path.of(required(args[i], value));
        default -> {
          System.err.println(
              "usage: matrix [--versions V1,V2,...] [--out FILE] [--work-dir DIR] [--merge]");
          System.exit(2);
        }
      }
      i++;
    }
    ConsumerCheckProcess checks = new ConsumerCheckProcess(workDir);
    MatrixTable table = new MatrixTable();
    if (merge && Files.isRegularFile(out)) {
      table.keepRowsOf(Files.readString(out, StandardCharsets.UTF_8));
    }
    Instant started = Instant.now();
    for (String version : versions) {
      MatrixTable.Row row = runVersion(version.trim(), checks);
      table.add(row);
      System.out.printf("[matrix] Kafka %s done in %d s%n", version, row.seconds());
    }
    String markdown = table.markdown();
    System.out.print(markdown);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String note =
        merge
            ? "Only "
                + String.join(", ", versions)
                + " ran then (`--merge`); the other rows are kept from the earlier run.\n\n"
            : "";
    Files.writeString(out, document(markdown, started, note), StandardCharsets.UTF_8);
    System.out.println("[matrix] written to " + out);
    boolean allPassed =
        table.rows().stream().allMatch(r -> r.cells().values().stream().allMatch(c -> c.passed()));
    System.exit(allPassed ? 0 : 1);
  }

  private static MatrixTable.Row runVersion(String version, ConsumerCheckProcess checks) {
    long startNanos = System.nanoTime();
    ClusterSpec spec =
        ClusterSpec.singleNode()
            .withKafkaVersion(version)
            .withBrokerProperty("num.partitions", Integer.toString(PARTITIONS));
    String mode;
    try {
      mode = spec.effectiveMetadataMode().name().toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      mode = "?";
    }
    Map<MatrixRun, CellResult> cells = new EnumMap<>(MatrixRun.class);
    List<Path> jars;
    try {
      jars = EmbeddedKafka.kafkaJars(version);
    } catch (RuntimeException e) {
      return allFailed(version, mode, startNanos, CellResult.fail("resolve broker", e));
    }
    try (KafkaCluster cluster = EmbeddedKafka.start(spec)) {
      PlumeWriter writer = new PlumeWriter(cluster.bootstrapServers());
      for (MatrixRun run : MatrixRun.values()) {
        System.out.printf("[matrix] Kafka %s (%s): %s%n", version, mode, run.label());
        String writeError = writer.write(run);
        CellResult cell =
            writeError != null
                ? CellResult.fail("Plume " + writeError)
                : checks.check(version, jars, cluster.bootstrapServers(), run);
        System.out.printf("[matrix]   %s%n", cell.cell());
        cells.put(run, cell);
      }
    } catch (RuntimeException e) {
      CellResult failed = CellResult.fail("broker", e);
      for (MatrixRun run : MatrixRun.values()) {
        cells.putIfAbsent(run, failed);
      }
    }
    return new MatrixTable.Row(version, mode, secondsSince(startNanos), cells);
  }

  private static MatrixTable.Row allFailed(
      String version, String mode, long startNanos, CellResult failed) {
    Map<MatrixRun, CellResult> cells = new EnumMap<>(MatrixRun.class);
    for (MatrixRun run : MatrixRun.values()) {
      cells.put(run, failed);
    }
    return new MatrixTable.Row(version, mode, secondsSince(startNanos), cells);
  }

  private static long secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }

  private static String document(String table, Instant started, String mergeNote) {
    String commit = System.getProperty("plume.matrix.commit", "unknown");
    return "# Broker matrix\n\n"
        + "Generated by `bin/plume-broker-matrix` (do not edit by hand) on "
        + started.truncatedTo(ChronoUnit.SECONDS)
        + ", Plume commit `"
        + commit
        + "`, JDK "
        + Runtime.version().feature()
        + ".\n\n"
        + "Each row is a fresh single-node broker of that version (`mode`: ZooKeeper before 3.3,"
        + " KRaft from 3.3), topics with "
        + PARTITIONS
        + " partitions. Each run writes "
        + PlumeWriter.RECORDS
        + " keyed records with Plume's engine, then the official consumer of the broker's own"
        + " version (its kafka-clients, in a child JVM) reads them back with"
        + " `isolation.level=read_committed` and checks: every record exactly once, key matching"
        + " value, send order kept within each partition, no record of an aborted transaction.\n\n"
        + "- plain: `acks=1`, `enable.idempotence=false` (send order not checked: without"
        + " idempotence a retried batch may land after later ones)\n"
        + "- idempotent: the defaults (`acks=all`, idempotence on)\n"
        + "- zstd: `compression.type=zstd`\n"
        + "- transactional: one transaction of "
        + PlumeWriter.RECORDS
        + " records committed, then one of as many aborted\n\n"
        + mergeNote
        + table;
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
