package dev.plume.internal.network;

/**
 * {@code initial * 2^attempts}, capped at {@code max}, times a random factor in [0.8, 1.2) so that
 * many clients do not retry in lockstep. With {@code initial >= max} the value is always about
 * {@code max}.
 */
final class ExponentialBackoff {

  static final double JITTER = 0.2;

  private final long initialMs;
  private final long maxMs;

  ExponentialBackoff(long initialMs, long maxMs) {
    this.initialMs = initialMs;
    this.maxMs = Math.max(initialMs, maxMs);
  }

  /**
   * @param attempts failures so far before this wait (0 for the first wait)
   * @param random01 a uniform random number in [0, 1)
   */
  long backoffMs(int attempts, double random01) {
    if (initialMs == 0) {
      return 0;
    }
    // 2^attempts overflows quickly; past the cap the exact power does not matter.
    double term =
        attempts >= 62 ? maxMs : Math.min((double) maxMs, initialMs * Math.pow(2, attempts));
    double factor = 1 - JITTER + 2 * JITTER * random01;
    return (long) (term * factor);
  }
}
