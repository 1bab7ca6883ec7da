package dev.plume.bench.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency and rate bookkeeping with kafka-producer-perf-test's output: a line per 5 s window and a
 * summary with percentiles. Latencies are whole milliseconds from just before {@code send} to the
 * callback; percentiles come from at most 500,000 samples (every n-th record), as in Kafka's tool.
 * Called from the producer's I/O thread, read by the main thread: methods are synchronized.
 */
final class PerfStats {

  static final long REPORTING_INTERVAL_MS = 5000;
  private static final int MAX_SAMPLES = 500_000;

  private final PrintStream out; // null: no window lines
  private final long startMs;
  private final long sampleEvery;
  private final int[] samples;
  private int sampleCount;
  private long iteration;
  private long count;
  private long bytes;
  private long totalLatencyMs;
  private int maxLatencyMs;
  private long windowStartMs;
  private long windowCount;
  private long windowBytes;
  private long windowTotalLatencyMs;
  private int windowMaxLatencyMs;

  PerfStats(long numRecords, long nowMs, PrintStream out) {
    this.out = out;
    this.startMs = nowMs;
    this.windowStartMs = nowMs;
    this.sampleEvery = Math.max(1, numRecords / Math.min(numRecords, MAX_SAMPLES));
    this.samples = new int[(int) (numRecords / sampleEvery) + 1];
  }

  /** Stats that print no window lines, only their summary (the steady state of a warm-up run). */
  static PerfStats silent(long numRecords, long nowMs) {
    return new PerfStats(numRecords, nowMs, null);
  }

  synchronized void record(int latencyMs, int recordBytes, long nowMs) {
    count++;
    bytes += recordBytes;
    totalLatencyMs += latencyMs;
    maxLatencyMs = Math.max(maxLatencyMs, latencyMs);
    windowCount++;
    windowBytes += recordBytes;
    windowTotalLatencyMs += latencyMs;
    windowMaxLatencyMs = Math.max(windowMaxLatencyMs, latencyMs);
    if (iteration % sampleEvery == 0 && sampleCount < samples.length) {
      samples[sampleCount++] = latencyMs;
    }
    iteration++;
    if (out != null && nowMs - windowStartMs >= REPORTING_INTERVAL_MS) {
      out.println(windowLine(nowMs));
      windowStartMs = nowMs;
      windowCount = 0;
      windowBytes = 0;
      windowTotalLatencyMs = 0;
      windowMaxLatencyMs = 0;
    }
  }

  synchronized String windowLine(long nowMs) {
    long elapsedMs = Math.max(1, nowMs - windowStartMs);
    return String.format(
        Locale.ROOT,
        "%d records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max"
            + " latency.",
        windowCount,
        1000.0 * windowCount / elapsedMs,
        1000.0 * windowBytes / elapsedMs / (1024.0 * 1024.0),
        windowCount == 0 ? 0.0 : windowTotalLatencyMs / (double) windowCount,
        (double) windowMaxLatencyMs);
  }

  synchronized String totalLine(long nowMs) {
    long elapsedMs = Math.max(1, nowMs - startMs);
    int[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%d records sent, %f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency,"
            + " %d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.",
        count,
        1000.0 * count / elapsedMs,
        1000.0 * bytes / elapsedMs / (1024.0 * 1024.0),
        count == 0 ? 0.0 : totalLatencyMs / (double) count,
        (double) maxLatencyMs,
        percentile(sorted, 0.5),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        percentile(sorted, 0.999));
  }

  /** The sample at rank floor(p * n) of the sorted samples, 0 if none. */
  static int percentile(int[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  synchronized long count() {
    return count;
  }
}
