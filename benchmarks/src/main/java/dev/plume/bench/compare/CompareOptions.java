package dev.plume.bench.compare;

import dev.plume.bench.client.ClientKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code compare}; see {@link #USAGE}.
 *
 * @param bootstrap an existing broker, or null to start one with kafka-test-broker
 * @param rate records/s of the open-loop window, or 0 for the per-size default
 * @param csvPath where to write one CSV row per run ({@link ResultsCsv}), or null
 * @param brokerDataDir where a broker started here keeps its log (a fresh directory inside it,
 *     removed at the end), or null for a temporary directory
 * @param brokerWarmup whether one discarded client run warms the broker before the measured runs
 */
public record CompareOptions(
    String bootstrap,
    List<BenchCase> cases,
    List<ClientKind> clients,
    int rounds,
    int warmupSec,
    int measureSec,
    long rate,
    List<String> jvmOptions,
    long seed,
    Path profileDir,
    String jfrSettings,
    Path csvPath,
    Path brokerDataDir,
    boolean brokerWarmup) {

  static final List<String> DEFAULT_JVM =
      List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");

  static final String USAGE =
      String.join(
          "\n",
          "usage: compare [options]",
          "  --bootstrap HOST:PORT   use this broker (default: start one via kafka-test-broker)",
          "  --cases A,B,...|all|scaling  cases <settings>-<size>-<partitions>p[-<threads>t][-<producers>x],"
              + " settings in "
              + BenchCase.SETTINGS.keySet(),
          "                          scaling = " + String.join(",", BenchCase.SCALING_CASES),
          "                          (default " + String.join(",", BenchCase.DEFAULT_CASES) + ")",
          "  --clients plume,plume-kafka-api,kafka-clients   which clients (default plume,kafka-clients;",
          "                          plume-kafka-api = PlumeKafkaProducer, the kafka-clients API over Plume;",
          "                          plume-outcome = Plume's allocation-free send with a RecordOutcome)",
          "  --rounds N              alternating rounds per case (default 3)",
          "  --warmup-sec N          unthrottled warm-up per client JVM (default 4)",
          "  --measure-sec N         length of the throughput window and of the rate window (default"
              + " 5)",
          "  --rate N                records/s of the open-loop latency window (default 50000 for"
              + " values < 1 KB, 20000 below 64 KB, 300 above)",
          "  --jvm \"FLAGS\"           client JVM flags (default \""
              + String.join(" ", DEFAULT_JVM)
              + "\")",
          "  --seed N                payload seed (default 42)",
          "  --profile DIR           record a JFR profile of every client JVM into DIR",
          "  --jfr-settings S        JFR settings for --profile: a name or a .jfc file (default"
              + " profile)",
          "  --csv FILE              also write one CSV row per run (machine-readable, read by"
              + " benchmarks/plot-scaling.py)",
          "  --broker-data-dir DIR   keep the started broker's log in DIR, e.g. /dev/shm (tmpfs: no"
              + " disk writeback",
          "                          competing for the cores; default: a temporary directory)",
          "  --broker-warmup on|off  one discarded run (kafka-clients if listed) before the measured"
              + " ones,",
          "                          so the first measured client does not meet a cold broker"
              + " (default on)");

  public static CompareOptions parse(String... args) {
    String bootstrap = null;
    List<BenchCase> cases = BenchCase.DEFAULT_CASES.stream().map(BenchCase::parse).toList();
    List<ClientKind> clients = List.of(ClientKind.PLUME, ClientKind.KAFKA_CLIENTS);
    int rounds = 3;
    int warmup = 4;
    int measure = 5;
    long rate = 0;
    List<String> jvm = DEFAULT_JVM;
    long seed = 42;
    Path profile = null;
    String jfrSettings = "profile";
    Path csv = null;
    Path brokerDataDir = null;
    boolean brokerWarmup = true;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag + "\n" + USAGE);
      }
      String v = args[++i];
      switch (flag) {
        case "--bootstrap" -> bootstrap = v;
        case "--cases" -> cases = BenchCase.parseList(v);
        case "--clients" ->
            clients = Arrays.stream(v.split(",")).map(String::trim).map(ClientKind::parse).toList();
        case "--rounds" -> rounds = positive(flag, v);
        case "--warmup-sec" -> warmup = positive(flag, v);
        case "--measure-sec" -> measure = positive(flag, v);
        case "--rate" -> rate = positive(flag, v);
        case "--jvm" -> jvm = new ArrayList<>(Arrays.asList(v.trim().split("\\s+")));
        case "--seed" -> seed = Long.parseLong(v);
        case "--profile" -> profile = Path.of(v);
        case "--jfr-settings" -> jfrSettings = v;
        case "--csv" -> csv = Path.of(v);
        case "--broker-data-dir" -> brokerDataDir = Path.of(v);
        case "--broker-warmup" -> brokerWarmup = onOff(flag, v);
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new CompareOptions(
        bootstrap,
        cases,
        clients,
        rounds,
        warmup,
        measure,
        rate,
        jvm,
        seed,
        profile,
        jfrSettings,
        csv,
        brokerDataDir,
        brokerWarmup);
  }

  private static boolean onOff(String flag, String v) {
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(flag + " needs on or off, got " + v);
    };
  }

  private static int positive(String flag, String v) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a positive integer, got " + v, e);
    }
    if (n <= 0) {
      throw new IllegalArgumentException(flag + " needs a positive integer, got " + v);
    }
    return n;
  }

  /** The open-loop rate for a case. */
  long rateFor(BenchCase c) {
    if (rate > 0) {
      return rate;
    }
    if (c.valueSizeBytes() < 1024) {
      return 50_000;
    }
    // 100 KB values at 20k/s would be 2 GB/s; 300/s (~30 MB/s) is within reach of one broker on the
    // same machine, so the window measures latency rather than a growing queue.
    return c.valueSizeBytes() < 64 * 1024 ? 20_000 : 300;
  }
}
