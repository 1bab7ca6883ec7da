package dev.plume.bench.perf;

import dev.plume.bench.client.Ack;
import dev.plume.bench.client.ClientAdapter;
import dev.plume.bench.client.ClientKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Scanner;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code plume-perf}: Kafka's {@code kafka-producer-perf-test} for Plume's producer, with the same
 * flags and output lines. Exits 1 and prints the count if any record failed. Environment variable
 * {@code PLUME_PERF_CLIENT=kafka-clients} runs the official client instead, for a quick
 * side-by-side.
 */
public final class PerfMain {

  private static final int MAX_PRINTED_FAILURES = 10;

  private PerfMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.out.println(PerfOptions.USAGE);
      System.exit(0);
    }
    PerfOptions options;
    try {
      options = PerfOptions.parse(args);
    } catch (PerfOptions.UsageException e) {
      System.err.println(PerfOptions.USAGE);
      System.err.println("plume-perf: error: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.exit(run(options));
  }

  /** Runs the test; returns the exit status. */
  static int run(PerfOptions options) throws IOException, InterruptedException {
    List<byte[]> payloads = readPayloadFile(options.payloadFile(), options.payloadDelimiter());
    Map<String, Object> configs = readProps(options);
    // As kafka-producer-perf-test: transactions are on when a transactional id is given (flag or
    // config) or a duration is; the duration defaults to 3000 ms, the id to a random one.
    boolean transactional =
        options.transactionalId() != null
            || options.transactionDurationMs() != null
            || configs.containsKey("transactional.id");
    long transactionDurationMs =
        options.transactionDurationMs() != null ? options.transactionDurationMs() : 3000L;
    if (transactional) {
      if (options.transactionalId() != null) {
        configs.put("transactional.id", options.transactionalId());
      } else {
        configs.putIfAbsent(
            "transactional.id", "performance-producer-" + java.util.UUID.randomUUID());
      }
    }
    if (!configs.containsKey("bootstrap.servers")) {
      System.err.println(
          "plume-perf: error: bootstrap.servers is required (--producer-props"
              + " bootstrap.servers=HOST:PORT or --producer.config FILE)");
      return 1;
    }
    ClientKind kind = ClientKind.parse(System.getenv().getOrDefault("PLUME_PERF_CLIENT", "plume"));

    AtomicLong failures = new AtomicLong();
    ClientAdapter producer = kind.create(configs);
    SplittableRandom random = new SplittableRandom(0);
    byte[] payload = options.recordSize() == null ? null : new byte[options.recordSize()];
    PerfStats stats = new PerfStats(options.numRecords(), System.currentTimeMillis(), System.out);
    // With --warmup-records the records after the warm-up are also counted on their own, from the
    // moment the first of them is sent: JIT compilation, connection set-up and the first requests
    // to fresh partitions fall in the warm-up, so this summary shows the steady-state tail.
    PerfStats steady = null;
    long startMs = System.currentTimeMillis();
    double throughput = options.throughput();
    if (transactional) {
      producer.initTransactions();
    }
    long transactionStartMs = 0;
    long currentTransactionSize = 0;
    for (long i = 0; i < options.numRecords(); i++) {
      if (transactional && currentTransactionSize == 0) {
        producer.beginTransaction();
        transactionStartMs = System.currentTimeMillis();
      }
      if (!payloads.isEmpty()) {
        payload = payloads.get(random.nextInt(payloads.size()));
      } else if (options.recordSize() != null) {
        for (int j = 0; j < payload.length; j++) {
          payload[j] = (byte) ('A' + random.nextInt(26));
        }
      } else {
        payload = Long.toString(i).getBytes(StandardCharsets.UTF_8);
      }
      long sendStartMs = System.currentTimeMillis();
      if (options.warmupRecords() > 0 && i == options.warmupRecords()) {
        steady = PerfStats.silent(options.numRecords() - options.warmupRecords(), sendStartMs);
      }
      producer.send(
          options.topic(),
          null,
          payload,
          new PerfAck(sendStartMs, payload.length, stats, steady, failures));
      currentTransactionSize++;
      if (transactional && transactionDurationMs <= sendStartMs - transactionStartMs) {
        producer.commitTransaction();
        currentTransactionSize = 0;
      }
      if (throughput > 0) {
        long dueMs = startMs + (long) ((i + 1) * 1000.0 / throughput);
        long aheadMs = dueMs - System.currentTimeMillis();
        if (aheadMs > 0) {
          Thread.sleep(aheadMs);
        }
      }
    }
    if (transactional && currentTransactionSize != 0) {
      producer.commitTransaction();
    }
    if (!options.printMetrics()) {
      producer.close();
      printSummaries(stats, steady, options.warmupRecords());
    } else {
      producer.flush();
      printSummaries(stats, steady, options.warmupRecords());
      printMetrics(producer.metrics());
      producer.close();
    }
    long failed = failures.get();
    if (failed > 0) {
      System.err.printf(Locale.ROOT, "%d of %d records failed.%n", failed, options.numRecords());
      return 1;
    }
    return 0;
  }

  private static void printSummaries(PerfStats all, PerfStats steady, long warmupRecords) {
    long nowMs = System.currentTimeMillis();
    System.out.println(all.totalLine(nowMs));
    if (steady != null) {
      System.out.println(
          "Steady state (after the first "
              + warmupRecords
              + " records): "
              + steady.totalLine(nowMs));
    }
  }

  /** Entries of the payload file split at the delimiter (a regular expression, as in Kafka). */
  static List<byte[]> readPayloadFile(String file, String delimiter) throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    if (file == null) {
      return payloads;
    }
    Path path = Path.of(file);
    System.out.println("Reading payloads from: " + path.toAbsolutePath());
    if (Files.notExists(path) || Files.size(path) == 0) {
      throw new IllegalArgumentException("File does not exist or empty file provided.");
    }
    try (Scanner scanner = new Scanner(path, StandardCharsets.UTF_8)) {
      scanner.useDelimiter(delimiter);
      while (scanner.hasNext()) {
        payloads.add(scanner.next().getBytes(StandardCharsets.UTF_8));
      }
    }
    System.out.println("Number of messages read: " + payloads.size());
    return payloads;
  }

  /** --producer.config first, then --producer-props over it; client.id defaults as in Kafka. */
  static Map<String, Object> readProps(PerfOptions options) throws IOException {
    Map<String, Object> configs = new LinkedHashMap<>();
    if (options.producerConfigFile() != null) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(options.producerConfigFile()))) {
        p.load(in);
      }
      for (String name : p.stringPropertyNames()) {
        configs.put(name, p.getProperty(name));
      }
    }
    for (String prop : options.producerProps()) {
      int eq = prop.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Invalid property: " + prop);
      }
      configs.put(prop.substring(0, eq), prop.substring(eq + 1));
    }
    configs.remove("key.serializer");
    configs.remove("value.serializer");
    configs.putIfAbsent("client.id", "perf-producer-client");
    return configs;
  }

  private static void printMetrics(Map<String, Object> metrics) {
    int width = "Metric Name".length();
    for (String name : metrics.keySet()) {
      width = Math.max(width, name.length());
    }
    String format = "%-" + width + "s : %s%n";
    System.out.printf(Locale.ROOT, "%n%-" + width + "s   %s%n", "Metric Name", "Value");
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      Object v = e.getValue();
      String text =
          v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
      System.out.printf(Locale.ROOT, format, e.getKey(), text);
    }
  }

  /** Per-record callback, as in Kafka's tool: measures send-to-ack in whole milliseconds. */
  private static final class PerfAck extends Ack {
    private final long startMs;
    private final int bytes;
    private final PerfStats stats;
    private final PerfStats steady; // null for warm-up records
    private final AtomicLong failures;

    PerfAck(long startMs, int bytes, PerfStats stats, PerfStats steady, AtomicLong failures) {
      this.startMs = startMs;
      this.bytes = bytes;
      this.stats = stats;
      this.steady = steady;
      this.failures = failures;
    }

    @Override
    protected void completed(Exception exception) {
      long now = System.currentTimeMillis();
      if (exception == null) {
        stats.record((int) (now - startMs), bytes, now);
        if (steady != null) {
          steady.record((int) (now - startMs), bytes, now);
        }
      } else if (failures.incrementAndGet() <= MAX_PRINTED_FAILURES) {
        exception.printStackTrace();
      } else if (failures.get() == MAX_PRINTED_FAILURES + 1) {
        System.err.println("(further failures are counted, not printed)");
      }
    }
  }
}
