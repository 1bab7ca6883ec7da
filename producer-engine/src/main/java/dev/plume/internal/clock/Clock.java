package dev.plume.internal.clock;

/** Wall-clock milliseconds and a monotonic nanosecond counter, injectable for tests. */
public interface Clock {

  /** Epoch milliseconds; used for record timestamps and every deadline in the engine. */
  long nowMs();

  /** Monotonic nanoseconds, for latency measurement only. */
  long nanoTime();

  /** The real clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
