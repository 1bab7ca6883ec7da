package dev.plume.internal.sender;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latency in milliseconds, in power-of-two-ish buckets (0, 1, 2, 3-4, 5-8, ... up to about
 * 9 hours). Recording is lock-free and allocation-free; percentiles are approximate (bucket upper
 * bounds), which is what an operator needs.
 */
public final class LatencyHistogram {

  private static final int BUCKETS = 26;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong sumMs = new AtomicLong();
  private final AtomicLong maxMs = new AtomicLong();

  void record(long ms) {
    long v = Math.max(0, ms);
    counts.incrementAndGet(bucket(v));
    total.incrementAndGet();
    sumMs.addAndGet(v);
    maxMs.accumulateAndGet(v, Math::max);
  }

  private static int bucket(long ms) {
    if (ms <= 0) {
      return 0;
    }
    int b = 64 - Long.numberOfLeadingZeros(ms - 1) + 1;
    return Math.min(BUCKETS - 1, b);
  }

  private static long upperBound(int bucket) {
    return bucket == 0 ? 0 : 1L << (bucket - 1);
  }

  public long count() {
    return total.get();
  }

  public double avgMs() {
    long n = total.get();
    return n == 0 ? 0 : (double) sumMs.get() / n;
  }

  public long maxMs() {
    return maxMs.get();
  }

  /** The upper bound of the bucket holding the {@code quantile} (0..1) sample. */
  public long percentileMs(double quantile) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(quantile * n);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperBound(i), maxMs.get());
      }
    }
    return maxMs.get();
  }
}
