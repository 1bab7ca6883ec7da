package dev.plume.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreBucketUpperBoundsCappedByTheMaximum() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentileMs(0.5)).isZero();
    for (int ms = 1; ms <= 100; ms++) {
      h.record(ms);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.avgMs()).isEqualTo(50.5);
    assertThat(h.maxMs()).isEqualTo(100);
    assertThat(h.percentileMs(0.50)).isEqualTo(64); // 50 falls in (32, 64]
    assertThat(h.percentileMs(0.99)).isEqualTo(100); // bucket (64, 128], capped by the max
    assertThat(h.percentileMs(0.01)).isEqualTo(1);
  }

  @Test
  void negativeLatenciesCountAsZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-5);
    h.record(0);
    assertThat(h.percentileMs(1.0)).isZero();
    assertThat(h.avgMs()).isZero();
  }
}
