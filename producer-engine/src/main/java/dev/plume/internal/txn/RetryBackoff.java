package dev.plume.internal.txn;

import java.util.concurrent.ThreadLocalRandom;

/**
 * retry.backoff.ms doubled per failed attempt, capped at retry.backoff.max.ms, times a random
 * factor in [0.8, 1.2) so that many producers do not retry in lockstep; at least 1 ms.
 */
public record RetryBackoff(long retryBackoffMs, long retryBackoffMaxMs) {

  /**
   * @param attempts failed attempts so far, including the one just failed (1 for the first wait)
   */
  public long backoffMs(int attempts) {
    double exp = retryBackoffMs * Math.pow(2, Math.min(Math.max(0, attempts - 1), 30));
    long capped = (long) Math.min(exp, Math.max(retryBackoffMs, retryBackoffMaxMs));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.max(1, (long) (capped * jitter));
  }
}
