package dev.plume.bench.compare;

import dev.plume.bench.client.ClientKind;
import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Side-by-side load driver: for every case, runs each client in its own child JVM (same JDK, same
 * flags) against the same broker, alternating the order per round, then prints a Markdown table and
 * the {@code RATIO} line (Plume divided by kafka-clients, {@value BenchCase#RATIO_CASE}).
 *
 * <p>Delivered throughput counts what the broker holds: the end offsets of the run's fresh
 * throughput topic, read here after the child exits, divided by the child's send-to-last-ack
 * window.
 */
public final class CompareMain {

  private final CompareOptions options;
  private final Admin admin;
  private final String bootstrap;

  private CompareMain(CompareOptions options, String bootstrap, Admin admin) {
    this.options = options;
    this.bootstrap = bootstrap;
    this.admin = admin;
  }

  public static void main(String[] args) throws Exception {
    CompareOptions options;
    try {
      options = CompareOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    KafkaCluster cluster = null;
    Path brokerDir = null;
    String bootstrap = options.bootstrap();
    if (bootstrap == null) {
      ClusterSpec spec =
          ClusterSpec.singleNode().withJvmOptions(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"));
      if (options.brokerDataDir() != null) {
        Files.createDirectories(options.brokerDataDir());
        brokerDir = Files.createTempDirectory(options.brokerDataDir(), "plume-bench-broker-");
        spec = spec.withDataDir(brokerDir);
      }
      System.err.println(
          "starting a Kafka broker (kafka-test-broker, 1 GiB heap, G1, log in "
              + (brokerDir == null ? "a temporary directory" : brokerDir)
              + ") ...");
      cluster = EmbeddedKafka.start(spec);
      bootstrap = cluster.bootstrapServers();
    }
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin");
    try (Admin admin = Admin.create(adminProps)) {
      new CompareMain(options, bootstrap, admin).run();
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      if (brokerDir != null) {
        deleteTree(brokerDir);
      }
    }
  }

  /** Removes a broker log directory this driver created (on tmpfs it holds memory). */
  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void run() throws Exception {
    System.err.printf(
        Locale.ROOT,
        "broker %s; %d case(s) x %d client(s) x %d round(s); windows: warm-up %d s, throughput %d"
            + " s, rate %d s; client JVM %s%n",
        bootstrap,
        options.cases().size(),
        options.clients().size(),
        options.rounds(),
        options.warmupSec(),
        options.measureSec(),
        options.measureSec(),
        String.join(" ", options.jvmOptions()));
    Map<String, Map<ClientKind, List<RunResult>>> results = new LinkedHashMap<>();
    ResultsCsv csv = options.csvPath() == null ? null : ResultsCsv.create(options.csvPath());
    int runId = 0;
    if (options.brokerWarmup() && !options.cases().isEmpty()) {
      // The first client to run on a fresh broker met its JIT still compiling the produce path:
      // in the ABBA order that is always the first listed client, whose first round then came out
      // at half the throughput of its later ones. One discarded run (the rival's, when it is
      // listed) warms the broker for everybody.
      BenchCase first = options.cases().get(0);
      ClientKind warmer =
          options.clients().contains(ClientKind.KAFKA_CLIENTS)
              ? ClientKind.KAFKA_CLIENTS
              : options.clients().get(0);
      RunResult warm = runOnce(first, warmer, 0, ++runId);
      System.err.printf(
          Locale.ROOT,
          "  broker warm-up (discarded): %s %s, %,.0f rec/s%n",
          first.name(),
          warmer.label(),
          throughput(warm));
    }
    for (BenchCase c : options.cases()) {
      Map<ClientKind, List<RunResult>> byClient = new LinkedHashMap<>();
      for (ClientKind k : options.clients()) {
        byClient.put(k, new ArrayList<>());
      }
      results.put(c.name(), byClient);
      for (int round = 1; round <= options.rounds(); round++) {
        List<ClientKind> order = new ArrayList<>(options.clients());
        if (round % 2 == 0) {
          Collections.reverse(order); // ABBA: neither client always runs on a fresher broker
        }
        for (ClientKind k : order) {
          runId++;
          RunResult r = runOnce(c, k, round, runId);
          byClient.get(k).add(r);
          if (csv != null) {
            csv.append(c, round, options.rateFor(c), r);
          }
          System.err.printf(
              Locale.ROOT,
              "  %-18s %-15s round %d: %,.0f rec/s, %.2f us CPU/rec, %.0f B/rec, p99 %d us @ %d"
                  + " rec/s%n",
              c.name(),
              k.label(),
              round,
              throughput(r),
              r.tputCpuMicrosPerRecord(),
              r.tputAllocPerRecord(),
              r.p99Micros(),
              options.rateFor(c));
        }
      }
    }
    System.out.println(Report.table(results, options));
    if (csv != null) {
      System.err.println("one CSV row per run in " + options.csvPath().toAbsolutePath());
    }
    for (ClientKind k : options.clients()) {
      String ratio = k == ClientKind.KAFKA_CLIENTS ? null : Report.ratioLine(results, k);
      if (ratio != null) {
        System.out.println(ratio);
      }
    }
  }

  /** Broker-confirmed records of the throughput window per second of that window. */
  static double throughput(RunResult r) {
    return r.tputNanos() <= 0 ? Double.NaN : r.tputRecords() * 1e9 / r.tputNanos();
  }

  private RunResult runOnce(BenchCase c, ClientKind kind, int round, int runId)
      throws IOException, InterruptedException, ExecutionException {
    String prefix = "bench-" + runId + "-" + c.name().toLowerCase(Locale.ROOT) + "-" + kind.label();
    List<String> topics = List.of(prefix + "-warm", prefix + "-tput", prefix + "-rate");
    List<NewTopic> newTopics = new ArrayList<>();
    for (String t : topics) {
      newTopics.add(new NewTopic(t, c.partitions(), (short) 1));
    }
    admin.createTopics(newTopics).all().get();
    // With hundreds of partitions the broker takes a while to become leader of all of them after
    // the controller accepted the topic; until then produce requests fail with
    // NOT_LEADER_OR_FOLLOWER and both clients retry through the warm-up. Listing every partition's
    // end offset goes to its leader, so once it answers for all of them (Admin gives up at once on
    // a topic its metadata does not know yet, hence the retries) the topic is ready; it must read
    // 0.
    for (String t : topics) {
      long offsets = awaitReady(t, c.partitions());
      if (offsets != 0) {
        throw new IllegalStateException(
            "fresh topic " + t + " already holds " + offsets + " records");
      }
    }
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(options.jvmOptions());
      if (options.profileDir() != null) {
        Files.createDirectories(options.profileDir());
        Path jfr =
            options.profileDir().resolve(c.name() + "-" + kind.label() + "-r" + round + ".jfr");
        cmd.add(
            "-XX:StartFlightRecording=settings="
                + options.jfrSettings()
                + ",filename="
                + jfr.toAbsolutePath());
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(ClientRun.class.getName());
      cmd.add("client=" + kind.label());
      cmd.add("bootstrap=" + bootstrap);
      cmd.add("topicPrefix=" + prefix);
      cmd.add("valueSize=" + c.valueSizeBytes());
      cmd.add("threads=" + c.threads());
      cmd.add("producers=" + c.producers());
      cmd.add("seed=" + options.seed());
      cmd.add("warmupSec=" + options.warmupSec());
      cmd.add("measureSec=" + options.measureSec());
      cmd.add("rate=" + options.rateFor(c));
      c.configs().forEach((k, v) -> cmd.add("prop." + k + "=" + v));

      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      RunResult parsed = null;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(RunResult.PREFIX)) {
            parsed = RunResult.parse(line);
            System.err.println("    " + line);
          } else {
            System.err.println("    [" + kind.label() + "] " + line);
          }
        }
      }
      // 20 producers or 1,000 partitions take longer to start, fetch metadata and close
      long limitSec = options.warmupSec() + 4L * options.measureSec() + 120 + 2L * c.producers();
      if (!p.waitFor(limitSec, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(kind.label() + " run did not finish in " + limitSec + " s");
      }
      if (p.exitValue() != 0 || parsed == null) {
        throw new IllegalStateException(
            kind.label() + " client JVM failed (exit " + p.exitValue() + "), see its stderr above");
      }
      // The child primes both measured topics before their windows (ClientRun.primeRecords).
      long primed = ClientRun.primeRecords(c.valueSizeBytes(), c.partitions(), c.producers());
      long confirmedTput = endOffsetSum(prefix + "-tput", c.partitions()) - primed;
      long confirmedRate = endOffsetSum(prefix + "-rate", c.partitions()) - primed;
      if (confirmedTput != parsed.tputRecords() || confirmedRate != parsed.rateRecords()) {
        System.err.printf(
            Locale.ROOT,
            "    WARNING: broker holds %d/%d records, client acknowledged %d/%d (tput/rate);"
                + " using the broker's count%n",
            confirmedTput,
            confirmedRate,
            parsed.tputRecords(),
            parsed.rateRecords());
      }
      return parsed.withRecords(confirmedTput, confirmedRate);
    } finally {
      admin.deleteTopics(topics).all().get();
    }
  }

  private long awaitReady(String topic, int partitions)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        return endOffsetSum(topic, partitions);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private long endOffsetSum(String topic, int partitions)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int i = 0; i < partitions; i++) {
      request.put(new TopicPartition(topic, i), OffsetSpec.latest());
    }
    long sum = 0;
    for (ListOffsetsResult.ListOffsetsResultInfo info :
        admin.listOffsets(request).all().get().values()) {
      sum += info.offset();
    }
    return sum;
  }

  /** Median of a metric over runs. */
  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
