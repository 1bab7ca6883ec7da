package dev.plume.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  /** The smallest draw of a uniform [0, 1) source: a factor of 0.8. */
  private static final double LOWEST = 0.0;

  /** A draw near the top: a factor of 1.1996, so 100 ms becomes 119 ms. */
  private static final double HIGHEST = 0.999;

  private static long waitMs(long backoffMs, long maxMs, int attempts, double draw) {
    return new RetryBackoff(backoffMs, maxMs, () -> draw).backoffMs(attempts);
  }

  @Test
  void eachAttemptDoublesTheWaitWithinPlusOrMinusTwentyPercent() {
    long term = 100;
    for (int attempts = 1; attempts <= 3; attempts++, term *= 2) {
      assertThat(waitMs(100, 10_000, attempts, LOWEST))
          .as("attempt %d, lowest", attempts)
          .isEqualTo(term * 8 / 10);
      assertThat(waitMs(100, 10_000, attempts, 0.5))
          .as("attempt %d, middle", attempts)
          .isEqualTo(term);
      assertThat(waitMs(100, 10_000, attempts, HIGHEST))
          .as("attempt %d, highest", attempts)
          .isEqualTo(term * 12 / 10 - 1);
    }
  }

  @Test
  void theCapAppliesAfterTheRandomFactorSoAWaitNeverExceedsIt() {
    // 100 ms doubled reaches 1,000 between the 4th and 5th attempt: from the 5th on the base is
    // the cap itself, so a wait lies in [800, 1000] and a factor above 1 is cut to the cap.
    for (int attempts : new int[] {5, 6, 30, 1_000, Integer.MAX_VALUE}) {
      assertThat(waitMs(100, 1_000, attempts, LOWEST)).as("attempt %d", attempts).isEqualTo(800);
      assertThat(waitMs(100, 1_000, attempts, 0.75)).as("attempt %d", attempts).isEqualTo(1_000);
      assertThat(waitMs(100, 1_000, attempts, HIGHEST)).as("attempt %d", attempts).isEqualTo(1_000);
    }
    // Below the cap the factor is not cut: the 4th wait (800 ms base) may reach 959 ms.
    assertThat(waitMs(100, 1_000, 4, HIGHEST)).isEqualTo(959);
    // A cap between two doublings (900): the 4th wait's base is 800, whose factor is cut at the
    // cap; the 5th wait's base is the cap itself, not 1,600.
    assertThat(waitMs(100, 900, 4, HIGHEST)).isEqualTo(900);
    assertThat(waitMs(100, 900, 4, LOWEST)).isEqualTo(640);
    assertThat(waitMs(100, 900, 5, 0.5)).isEqualTo(900);
    assertThat(waitMs(100, 900, 5, LOWEST)).isEqualTo(720);
  }

  @Test
  void aMaxNotAboveTheFirstWaitMeansAConstantWaitOfTheMaxWithoutJitter() {
    for (int attempts = 1; attempts < 5; attempts++) {
      assertThat(waitMs(100, 100, attempts, LOWEST)).isEqualTo(100);
      assertThat(waitMs(100, 100, attempts, HIGHEST)).isEqualTo(100);
      assertThat(waitMs(500, 200, attempts, LOWEST)).isEqualTo(200);
      assertThat(waitMs(500, 200, attempts, HIGHEST)).isEqualTo(200);
    }
  }

  @Test
  void noFailureMeansNoWaitAndAZeroBackoffNeverWaits() {
    assertThat(waitMs(100, 1_000, 0, 0.5)).isZero();
    assertThat(waitMs(100, 1_000, -1, 0.5)).isZero();
    for (int attempts = 1; attempts < 20; attempts++) {
      assertThat(waitMs(0, 1_000, attempts, HIGHEST)).isZero();
    }
  }

  @Test
  void everyCallDrawsAFreshFactor() {
    double[] draws = {0.0, 0.25, 0.5, 0.75};
    int[] next = {0};
    DoubleSupplier sequence = () -> draws[next[0]++ % draws.length];
    RetryBackoff backoff = new RetryBackoff(100, 1_000, sequence);
    assertThat(
            new long[] {
              backoff.backoffMs(1), backoff.backoffMs(1), backoff.backoffMs(1), backoff.backoffMs(1)
            })
        .containsExactly(80, 90, 100, 110);
    assertThat(next[0]).isEqualTo(4);
  }

  @Test
  void theConfiguredFirstWaitIsReportedAsIs() {
    assertThat(RetryBackoff.withJitter(250, 100).retryBackoffMs()).isEqualTo(250);
  }
}
