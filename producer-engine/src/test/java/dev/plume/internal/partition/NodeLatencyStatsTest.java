package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeLatencyStatsTest {

  @Test
  void disabledWhenTheTimeoutIsZero() {
    NodeLatencyStats stats = new NodeLatencyStats(0);
    stats.update(1, 0, true);
    stats.update(1, 1_000_000, false);

    assertThat(stats.enabled()).isFalse();
    assertThat(stats.isExcluded(1)).isFalse();
    assertThat(stats.readyTimeMs(1)).isEqualTo(NodeLatencyStats.UNKNOWN);
  }

  @Test
  void aNodeSeenForTheFirstTimeStartsWithBothTimesNow() {
    NodeLatencyStats stats = new NodeLatencyStats(500);
    stats.update(3, 1_000, false);

    assertThat(stats.readyTimeMs(3)).isEqualTo(1_000);
    assertThat(stats.drainTimeMs(3)).isEqualTo(1_000);
    assertThat(stats.isExcluded(3)).isFalse();
  }

  @Test
  void excludesANodeWhoseReadyDataWaitedLongerThanTheTimeout() {
    NodeLatencyStats stats = new NodeLatencyStats(500);
    stats.update(1, 1_000, true);
    stats.update(2, 1_000, true);

    stats.update(1, 1_500, false);
    assertThat(stats.isExcluded(1)).as("exactly the timeout is not longer").isFalse();

    stats.update(1, 1_501, false);
    stats.update(2, 1_501, true);
    assertThat(stats.isExcluded(1)).isTrue();
    assertThat(stats.isExcluded(2)).isFalse();
    assertThat(stats.drainTimeMs(1)).isEqualTo(1_000);
    assertThat(stats.readyTimeMs(1)).isEqualTo(1_501);
  }

  @Test
  void aSuccessfulDrainBringsTheNodeBack() {
    NodeLatencyStats stats = new NodeLatencyStats(100);
    stats.update(7, 0, true);
    stats.update(7, 200, false);
    assertThat(stats.isExcluded(7)).isTrue();

    stats.update(7, 250, true);
    assertThat(stats.isExcluded(7)).isFalse();
  }

  @Test
  void unknownNodesAreNeverExcluded() {
    NodeLatencyStats stats = new NodeLatencyStats(100);
    stats.update(1, 0, true);

    assertThat(stats.isExcluded(2)).isFalse();
    assertThat(stats.drainTimeMs(2)).isEqualTo(NodeLatencyStats.UNKNOWN);
  }

  @Test
  void keepsManyNodesApart() {
    NodeLatencyStats stats = new NodeLatencyStats(10);
    for (int node = 0; node < 50; node++) {
      stats.update(node * 1000, 0, true);
      stats.update(node * 1000, 100, node % 2 == 0);
    }
    for (int node = 0; node < 50; node++) {
      assertThat(stats.isExcluded(node * 1000)).as("node %d", node * 1000).isEqualTo(node % 2 == 1);
    }
  }
}
