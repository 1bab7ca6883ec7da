package dev.plume.bench.compare;

import dev.plume.bench.client.ClientKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Formats the comparison: a Markdown table (medians over rounds) and the RATIO line. */
final class Report {

  private Report() {}

  private static final ToDoubleFunction<RunResult> TPUT = CompareMain::throughput;
  private static final ToDoubleFunction<RunResult> CPU_MAX = RunResult::tputCpuMicrosPerRecord;
  private static final ToDoubleFunction<RunResult> ALLOC_MAX = RunResult::tputAllocPerRecord;
  private static final ToDoubleFunction<RunResult> GC_MAX =
      r -> r.tputNanos() <= 0 ? Double.NaN : r.tputGcMillis() * 1e9 / r.tputNanos();
  private static final ToDoubleFunction<RunResult> CPU_RATE = RunResult::rateCpuMicrosPerRecord;
  private static final ToDoubleFunction<RunResult> ALLOC_RATE = RunResult::rateAllocPerRecord;
  private static final ToDoubleFunction<RunResult> P50 = RunResult::p50Micros;
  private static final ToDoubleFunction<RunResult> P99 = RunResult::p99Micros;
  private static final ToDoubleFunction<RunResult> P999 = RunResult::p999Micros;
  private static final ToDoubleFunction<RunResult> MAX = RunResult::maxMicros;

  static String table(
      Map<String, Map<ClientKind, List<RunResult>>> results, CompareOptions options) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| case | client | delivered rec/s (min-max) | MB/s | CPU us/rec | alloc B/rec | GC ms/s"
            + " | rate rec/s | CPU us/rec @rate | alloc B/rec @rate | p50 us | p99 us | p99.9 us"
            + " | max us | errors |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var caseEntry : results.entrySet()) {
      BenchCase c = BenchCase.parse(caseEntry.getKey());
      for (var clientEntry : caseEntry.getValue().entrySet()) {
        List<RunResult> runs = clientEntry.getValue();
        double[] tput = runs.stream().mapToDouble(TPUT).sorted().toArray();
        long errors = runs.stream().mapToLong(r -> r.tputErrors() + r.rateErrors()).sum();
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f (%,.0f-%,.0f) | %.1f | %.2f | %.0f | %.0f | %,d | %.2f | %.0f |"
                    + " %.0f | %.0f | %.0f | %.0f | %d |%n",
                c.name(),
                clientEntry.getKey().label(),
                CompareMain.median(runs, TPUT),
                tput.length == 0 ? Double.NaN : tput[0],
                tput.length == 0 ? Double.NaN : tput[tput.length - 1],
                CompareMain.median(runs, TPUT) * c.valueSizeBytes() / (1024.0 * 1024.0),
                CompareMain.median(runs, CPU_MAX),
                CompareMain.median(runs, ALLOC_MAX),
                CompareMain.median(runs, GC_MAX),
                options.rateFor(c),
                CompareMain.median(runs, CPU_RATE),
                CompareMain.median(runs, ALLOC_RATE),
                CompareMain.median(runs, P50),
                CompareMain.median(runs, P99),
                CompareMain.median(runs, P999),
                CompareMain.median(runs, MAX),
                errors));
      }
      List<RunResult> theirs = caseEntry.getValue().get(ClientKind.KAFKA_CLIENTS);
      for (var oursEntry : caseEntry.getValue().entrySet()) {
        List<RunResult> ours = oursEntry.getValue();
        if (oursEntry.getKey() == ClientKind.KAFKA_CLIENTS || theirs == null) {
          continue;
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | **ratio %s** | **%.2f** | | %.2f | %.2f | | | **%.2f** | **%.2f** | %.2f |"
                    + " **%.2f** | %.2f | %.2f | |%n",
                c.name(),
                oursEntry.getKey().label(),
                ratio(ours, theirs, TPUT),
                ratio(ours, theirs, CPU_MAX),
                ratio(ours, theirs, ALLOC_MAX),
                ratio(ours, theirs, CPU_RATE),
                ratio(ours, theirs, ALLOC_RATE),
                ratio(ours, theirs, P50),
                ratio(ours, theirs, P99),
                ratio(ours, theirs, P999),
                ratio(ours, theirs, MAX)));
      }
    }
    sb.append(
        "\nMedians over rounds. delivered = broker end offsets of the unthrottled window / its"
            + " length; CPU = process CPU (all threads incl. GC/JIT) per record; alloc = bytes"
            + " allocated by all threads per record; @rate = open-loop window at the fixed rate,"
            + " latency = ack - due time. ratio X = client X / kafka-clients (lower is better"
            + " except throughput).");
    return sb.toString();
  }

  /**
   * {@code RATIO throughput=X cpu_per_record=Y alloc_per_record=Z p99=W} for the defaults case with
   * 100 B values (6 partitions if run); CPU and allocation come from the fixed-rate window, where
   * both clients do the same work. Null if a client is missing.
   */
  static String ratioLine(Map<String, Map<ClientKind, List<RunResult>>> results) {
    return ratioLine(results, ClientKind.PLUME);
  }

  /**
   * The same line for another client against kafka-clients, prefixed with {@code RATIO <label>}
   * unless it is Plume's own API.
   */
  static String ratioLine(
      Map<String, Map<ClientKind, List<RunResult>>> results, ClientKind ourKind) {
    String name = BenchCase.RATIO_CASE;
    if (!results.containsKey(name)) {
      name =
          results.keySet().stream()
              .filter(n -> n.startsWith("defaults-100B-"))
              .findFirst()
              .orElse(results.keySet().stream().findFirst().orElse(null));
      if (name == null) {
        return null;
      }
      System.err.println("RATIO taken from " + name + " (" + BenchCase.RATIO_CASE + " not run)");
    }
    List<RunResult> ours = results.get(name).get(ourKind);
    List<RunResult> theirs = results.get(name).get(ClientKind.KAFKA_CLIENTS);
    if (ours == null || theirs == null) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        (ourKind == ClientKind.PLUME ? "RATIO" : "RATIO " + ourKind.label())
            + " throughput=%.2f cpu_per_record=%.2f alloc_per_record=%.2f p99=%.2f",
        ratio(ours, theirs, TPUT),
        ratio(ours, theirs, CPU_RATE),
        ratio(ours, theirs, ALLOC_RATE),
        ratio(ours, theirs, P99));
  }

  private static double ratio(
      List<RunResult> ours, List<RunResult> theirs, ToDoubleFunction<RunResult> metric) {
    return CompareMain.median(ours, metric) / CompareMain.median(theirs, metric);
  }
}
