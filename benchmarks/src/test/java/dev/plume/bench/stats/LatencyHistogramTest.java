package dev.plume.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.valueAtPercentile(50)).isEqualTo(50);
    assertThat(h.valueAtPercentile(99)).isEqualTo(99);
    assertThat(h.valueAtPercentile(99.9)).isEqualTo(100);
    assertThat(h.valueAtPercentile(100)).isEqualTo(100);
    assertThat(h.valueAtPercentile(0)).isEqualTo(1);
    assertThat(h.mean()).isEqualTo(50.5);
    assertThat(h.min()).isEqualTo(1);
    assertThat(h.max()).isEqualTo(100);
  }

  @Test
  void largeValuesAreWithinOnePercentOfTheExactPercentile() {
    SplittableRandom random = new SplittableRandom(7);
    long[] values = new long[100_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(random.nextDouble() * 20); // 1 .. ~5e8, log-uniform
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double p : new double[] {50, 90, 99, 99.9}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertThat((double) h.valueAtPercentile(p))
          .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
    }
    assertThat(h.valueAtPercentile(100)).isEqualTo(values[values.length - 1]);
  }

  @Test
  void bucketsAreContiguousAndUpperBoundsMapBack() {
    for (int i = 0; i < 2000; i++) {
      long upper = LatencyHistogram.upperBound(i);
      assertThat(LatencyHistogram.indexOf(upper)).isEqualTo(i);
      assertThat(LatencyHistogram.indexOf(upper + 1)).isEqualTo(i + 1);
    }
    assertThat(LatencyHistogram.indexOf(Long.MAX_VALUE)).isLessThan(8000);
  }

  @Test
  void addMergesAndResetEmpties() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    b.record(1_000_000);
    b.record(-5); // counts as 0
    a.add(b);
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.min()).isZero();
    assertThat(a.max()).isEqualTo(1_000_000);
    a.reset();
    assertThat(a.count()).isZero();
    assertThat(a.valueAtPercentile(99)).isZero();
  }

  @Test
  void rejectsPercentilesOutsideTheRange() {
    assertThatThrownBy(() -> new LatencyHistogram().valueAtPercentile(100.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 100]");
  }
}
