package dev.plume.bench.stats;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative longs (here: latencies in microseconds), in the spirit of
 * HdrHistogram: values below 256 are exact, larger ones fall into buckets whose width is at most
 * 1/128 of their value, so a reported percentile is within 0.8% of the true one. Recording is O(1)
 * and allocation-free.
 *
 * <p>Not thread-safe: one thread records (both clients run callbacks on their single I/O thread);
 * readers must see its writes through a happens-before edge (a join, or a volatile counter written
 * after {@link #record}).
 */
public final class LatencyHistogram {

  /** 2^SUB_BITS exact values, then 2^(SUB_BITS-1) buckets per power of two. */
  private static final int SUB_BITS = 8;

  private static final int EXACT = 1 << SUB_BITS;
  private static final int HALF = EXACT >>> 1;
  private static final int BUCKETS = EXACT + (63 - SUB_BITS) * HALF;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long sum;
  private long max;
  private long min = Long.MAX_VALUE;

  /** Records one value; negative values (a clock stepping backwards) count as 0. */
  public void record(long value) {
    long v = Math.max(0, value);
    counts[indexOf(v)]++;
    count++;
    sum += v;
    if (v > max) {
      max = v;
    }
    if (v < min) {
      min = v;
    }
  }

  public long count() {
    return count;
  }

  public long max() {
    return count == 0 ? 0 : max;
  }

  public long min() {
    return count == 0 ? 0 : min;
  }

  public double mean() {
    return count == 0 ? 0 : (double) sum / count;
  }

  /**
   * The smallest recorded bucket's upper bound such that at least {@code percentile}% of the values
   * are at or below it (clamped to the largest recorded value); 0 when empty.
   *
   * @param percentile in [0, 100]
   */
  public long valueAtPercentile(double percentile) {
    if (percentile < 0 || percentile > 100 || Double.isNaN(percentile)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
    }
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, Math.max(min, upperBound(i)));
      }
    }
    return max;
  }

  /** Adds every value recorded in {@code other}. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sum += other.sum;
    max = Math.max(max, other.max);
    min = Math.min(min, other.min);
  }

  public void reset() {
    Arrays.fill(counts, 0);
    count = 0;
    sum = 0;
    max = 0;
    min = Long.MAX_VALUE;
  }

  static int indexOf(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    int shift = exponent - (SUB_BITS - 1);
    long top = v >>> shift; // in [HALF, EXACT)
    return EXACT + (shift - 1) * HALF + (int) (top - HALF);
  }

  /** The largest value that maps to bucket {@code index}. */
  static long upperBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int shift = (index - EXACT) / HALF + 1;
    long top = HALF + (index - EXACT) % HALF;
    long upper = ((top + 1) << shift) - 1;
    return upper < 0 ? Long.MAX_VALUE : upper;
  }
}
