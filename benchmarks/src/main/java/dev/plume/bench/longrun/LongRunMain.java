package dev.plume.bench.longrun;

import dev.plume.bench.history.CheckReport;
import dev.plume.bench.history.Finding;
import dev.plume.bench.history.HistoryCheckMain;
import dev.plume.bench.history.HistoryLog;
import dev.plume.broker.ClusterSpec;
import dev.plume.broker.ProxiedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code benchmarks.jar longrun [--runs 10] [--seconds 300] [--dir /tmp/longrun] ...}: each run
 * starts a fresh 3-node cluster with a fault proxy per broker, runs idempotent and transactional
 * producers against the proxies while {@link FaultInjector} breaks things, heals everything, lets
 * the producers finish, then checks every send against the topic read back both ways. Prints one
 * line per run and a total; exit status 1 if any run found an anomaly or failed.
 */
public final class LongRunMain {

  private LongRunMain() {}

  public static void main(String[] args) throws Exception {
    LongRunOptions options = LongRunOptions.parse(args);
    Files.createDirectories(options.dir());
    PrintStream out = System.out;
    out.printf(
        "longrun: %d run(s) of %d s, %d idempotent + %d transactional producer(s) at %d rec/s,"
            + " %d partitions, seed %d, in %s%n",
        options.runs(),
        options.seconds(),
        options.idempotent(),
        options.transactional(),
        options.ratePerSec(),
        options.partitions(),
        options.seed(),
        options.dir());
    Map<Finding, Long> total = new EnumMap<>(Finding.class);
    Map<String, Integer> faultTotal = new TreeMap<>();
    long sends = 0;
    long acked = 0;
    long failedRecords = 0;
    int badRuns = 0;
    for (int run = 1; run <= options.runs(); run++) {
      try {
        RunResult result = runOnce(options, run, out);
        CheckReport report = result.report();
        sends += report.sends();
        acked += report.acked();
        failedRecords += report.failed();
        for (Finding finding : Finding.values()) {
          total.merge(finding, report.count(finding), Long::sum);
        }
        result.faults().forEach((k, v) -> faultTotal.merge(k, v, Integer::sum));
        if (!report.clean()) {
          badRuns++;
        }
        out.printf("RUN %d %s faults=%s%n", run, report.summaryLine(), result.faults());
      } catch (RuntimeException e) {
        badRuns++;
        out.printf("RUN %d FAILED: %s%n", run, e);
        e.printStackTrace(out);
      }
      out.flush();
    }
    StringBuilder line =
        new StringBuilder("TOTAL runs=")
            .append(options.runs())
            .append(" bad_runs=")
            .append(badRuns)
            .append(" sends=")
            .append(sends)
            .append(" acked=")
            .append(acked)
            .append(" failed=")
            .append(failedRecords);
    total.forEach(
        (finding, count) ->
            line.append(' ')
                .append(finding.name().toLowerCase(java.util.Locale.ROOT))
                .append('=')
                .append(count));
    line.append(" faults=").append(faultTotal);
    out.println(line);
    out.flush();
    System.exit(badRuns == 0 ? 0 : 1);
  }

  private record RunResult(CheckReport report, Map<String, Integer> faults) {}

  private static RunResult runOnce(LongRunOptions options, int run, PrintStream out)
      throws IOException, InterruptedException {
    Path runDir = Files.createDirectories(options.dir().resolve("run-" + run));
    String topic = "longrun-" + run;
    long seed = options.seed() + run;
    out.printf("run %d: starting a 3-node cluster at %s (seed %d)%n", run, Instant.now(), seed);
    try (ProxiedCluster cluster = ProxiedCluster.start(ClusterSpec.threeNodes());
        Admin admin = Admin.create(adminProps(cluster.directBootstrapServers()));
        PrintStream faultLog =
            new PrintStream(
                Files.newOutputStream(runDir.resolve("faults.log")),
                true,
                StandardCharsets.UTF_8)) {
      admin
          .createTopics(List.of(new NewTopic(topic, options.partitions(), (short) 3)))
          .all()
          .get(1, TimeUnit.MINUTES);
      Map<String, Object> settings = Map.of("bootstrap.servers", cluster.bootstrapServers());
      List<Path> historyFiles = new ArrayList<>();
      List<HistoryLog> logs = new ArrayList<>();
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < options.idempotent() + options.transactional(); i++) {
        boolean transactional = i >= options.idempotent();
        String role = transactional ? "tx" + (i - options.idempotent()) : "idem" + i;
        Path file = runDir.resolve("history-" + role + ".tsv");
        HistoryLog history = HistoryLog.create(file);
        historyFiles.add(file);
        logs.add(history);
        workers.add(
            transactional
                ? new TransactionalWorker(
                    role,
                    topic,
                    options.partitions(),
                    options.ratePerSec(),
                    settings,
                    history,
                    seed * 31 + i)
                : new IdempotentWorker(
                    role,
                    topic,
                    options.partitions(),
                    options.ratePerSec(),
                    settings,
                    history,
                    seed * 31 + i));
      }
      List<Thread> threads = new ArrayList<>();
      for (Worker worker : workers) {
        Thread thread = new Thread(worker, "longrun-" + worker.role);
        thread.start();
        threads.add(thread);
      }
      FaultInjector faults = new FaultInjector(cluster, admin, topic, seed, faultLog);
      Thread faultThread = new Thread(faults, "longrun-faults");
      faultThread.start();

      Thread.sleep(TimeUnit.SECONDS.toMillis(options.seconds()));

      faults.stop();
      faultThread.join();
      faults.healAll();
      workers.forEach(Worker::stop);
      for (Thread thread : threads) {
        thread.join(TimeUnit.MINUTES.toMillis(5));
        if (thread.isAlive()) {
          out.printf("run %d: %s did not stop within 5 min%n", run, thread.getName());
        }
      }
      logs.forEach(HistoryLog::close);
      long generations = workers.stream().mapToLong(w -> w.generations.get()).sum();
      out.printf(
          "run %d: producers done (%d producer instance(s)); checking at %s%n",
          run, generations, Instant.now());
      CheckReport report =
          HistoryCheckMain.check(cluster.directBootstrapServers(), List.of(topic), historyFiles);
      Files.writeString(
          runDir.resolve("report.txt"),
          report + "faults: " + faults.counts() + "\nproducer instances: " + generations + "\n");
      out.print(report);
      return new RunResult(report, faults.counts());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("run " + run + ": cannot create topic " + topic, e);
    }
  }

  private static Properties adminProps(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return props;
  }
}
