package dev.plume.bench.compare;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one client JVM measured, sent to the parent as one {@code RESULT k=v ...} line on stdout.
 *
 * <p>"tput" is the unthrottled window (delivered throughput, CPU and allocation at full speed);
 * "rate" is the open-loop window at a fixed rate (latency, CPU and allocation at equal work).
 *
 * <p>The footprint fields are sampled after both windows with every producer still open: {@code
 * liveThreads} of the whole JVM, {@code heapAfterGcBytes} (heap used right after a full {@code
 * System.gc()}) and {@code directBufferBytes} (the JVM's direct buffer pool).
 */
public record RunResult(
    String client,
    long tputRecords,
    long tputErrors,
    long tputNanos,
    long tputCpuNanos,
    long tputAllocBytes,
    long tputGcMillis,
    long rateRecords,
    long rateErrors,
    long rateNanos,
    long rateCpuNanos,
    long rateAllocBytes,
    long rateGcMillis,
    long p50Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros,
    int threadsLost,
    int liveThreads,
    long heapAfterGcBytes,
    long directBufferBytes) {

  static final String PREFIX = "RESULT ";

  String format() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (var c : RunResult.class.getRecordComponents()) {
      try {
        m.put(c.getName(), c.getAccessor().invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    StringBuilder sb = new StringBuilder(PREFIX);
    m.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
    return sb.toString().trim();
  }

  static RunResult parse(String line) {
    if (!line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a result line: " + line);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : line.substring(PREFIX.length()).trim().split(" ")) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new RunResult(
        m.get("client"),
        l(m, "tputRecords"),
        l(m, "tputErrors"),
        l(m, "tputNanos"),
        l(m, "tputCpuNanos"),
        l(m, "tputAllocBytes"),
        l(m, "tputGcMillis"),
        l(m, "rateRecords"),
        l(m, "rateErrors"),
        l(m, "rateNanos"),
        l(m, "rateCpuNanos"),
        l(m, "rateAllocBytes"),
        l(m, "rateGcMillis"),
        l(m, "p50Micros"),
        l(m, "p99Micros"),
        l(m, "p999Micros"),
        l(m, "maxMicros"),
        (int) l(m, "threadsLost"),
        (int) l(m, "liveThreads"),
        l(m, "heapAfterGcBytes"),
        l(m, "directBufferBytes"));
  }

  private static long l(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("result line lacks " + key);
    }
    return Long.parseLong(v.toLowerCase(Locale.ROOT));
  }

  /** The same run with the record counts the broker confirmed. */
  RunResult withRecords(long tput, long rate) {
    return new RunResult(
        client,
        tput,
        tputErrors,
        tputNanos,
        tputCpuNanos,
        tputAllocBytes,
        tputGcMillis,
        rate,
        rateErrors,
        rateNanos,
        rateCpuNanos,
        rateAllocBytes,
        rateGcMillis,
        p50Micros,
        p99Micros,
        p999Micros,
        maxMicros,
        threadsLost,
        liveThreads,
        heapAfterGcBytes,
        directBufferBytes);
  }

  double tputCpuMicrosPerRecord() {
    return tputRecords == 0 ? Double.NaN : tputCpuNanos / 1000.0 / tputRecords;
  }

  double tputAllocPerRecord() {
    return tputRecords == 0 ? Double.NaN : (double) tputAllocBytes / tputRecords;
  }

  double rateCpuMicrosPerRecord() {
    return rateRecords == 0 ? Double.NaN : rateCpuNanos / 1000.0 / rateRecords;
  }

  double rateAllocPerRecord() {
    return rateRecords == 0 ? Double.NaN : (double) rateAllocBytes / rateRecords;
  }
}
