package dev.plume.internal.retry;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The retry backoff of KIP-580, with kafka-clients' numbers: {@code retry.backoff.ms} doubled per
 * failed attempt, times a random factor in [0.8, 1.2), and never more than {@code
 * retry.backoff.max.ms}. The factor keeps retries that failed together (the batches of every
 * partition in one lost Produce request, or many producers after a broker restart) from all coming
 * back in the same millisecond and failing together again.
 *
 * <p>The doubling stops where it reaches the cap (the exponent is cut at {@code log2(max /
 * initial)}, a fraction), and the cap applies after the random factor, as in kafka-clients: from
 * then on the wait lies in [0.8 x max, max], and is max itself half the time. With {@code
 * retry.backoff.max.ms <= retry.backoff.ms} there is nothing to grow into and the wait is always
 * {@code retry.backoff.max.ms}, with no jitter (kafka-clients' rule too).
 *
 * <p>Thread-safe if {@code random01} is (the default one is).
 */
public final class RetryBackoff {

  /** The random factor's half width: waits vary by up to 20% either way. */
  public static final double JITTER = 0.2;

  private final long retryBackoffMs;
  private final long firstMs;
  private final long maxMs;
  private final double maxExponent;
  private final DoubleSupplier random01;

  /**
   * @param retryBackoffMs {@code retry.backoff.ms}
   * @param retryBackoffMaxMs {@code retry.backoff.max.ms}
   * @param random01 uniform numbers in [0, 1) for the random factor; tests pass a constant ({@code
   *     () -> 0.5} is a factor of exactly 1)
   */
  public RetryBackoff(long retryBackoffMs, long retryBackoffMaxMs, DoubleSupplier random01) {
    this.retryBackoffMs = retryBackoffMs;
    this.firstMs = Math.min(retryBackoffMs, retryBackoffMaxMs);
    this.maxMs = retryBackoffMaxMs;
    // 0 means "no growth": the first wait is already the cap.
    this.maxExponent =
        retryBackoffMaxMs > retryBackoffMs
            ? Math.log((double) retryBackoffMaxMs / Math.max(1, retryBackoffMs)) / Math.log(2)
            : 0;
    this.random01 = Objects.requireNonNull(random01, "random01");
  }

  /** The rule with real randomness (each call draws a new factor). */
  public static RetryBackoff withJitter(long retryBackoffMs, long retryBackoffMaxMs) {
    return new RetryBackoff(
        retryBackoffMs, retryBackoffMaxMs, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * {@code retry.backoff.ms} as configured: the plain wait where there is no attempt count (no
   * broker to send to yet).
   */
  public long retryBackoffMs() {
    return retryBackoffMs;
  }

  /**
   * How long to wait before the next attempt; each call draws a new random factor, so call it once
   * per failure and keep the result.
   *
   * @param attempts failed attempts so far, including the one just failed (1 for the first wait); 0
   *     or less: no wait
   */
  public long backoffMs(int attempts) {
    if (attempts <= 0) {
      return 0;
    }
    if (maxExponent == 0) {
      return firstMs;
    }
    double exponent = Math.min(attempts - 1, maxExponent);
    double factor = 1 - JITTER + 2 * JITTER * random01.getAsDouble();
    return Math.min((long) (factor * firstMs * Math.pow(2, exponent)), maxMs);
  }

  @Override
  public String toString() {
    return "RetryBackoff[retry.backoff.ms="
        + retryBackoffMs
        + ", retry.backoff.max.ms="
        + maxMs
        + "]";
  }
}
