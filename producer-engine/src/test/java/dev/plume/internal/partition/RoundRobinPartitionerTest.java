package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.RoundRobinPartitioner;
import org.junit.jupiter.api.Test;

class RoundRobinPartitionerTest {

  private final RoundRobinPartitioner partitioner = new RoundRobinPartitioner();

  private int next(String topic, TestCluster cluster) {
    return partitioner.partition(topic, "key", new byte[] {1}, "value", new byte[] {2}, cluster);
  }

  @Test
  void cyclesThroughThePartitionsWithALeader() {
    TestCluster cluster = new TestCluster().topic("t", 1, -1, 2, 3, -1);

    int[] chosen = new int[7];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = next("t", cluster);
    }

    assertThat(chosen).containsExactly(0, 2, 3, 0, 2, 3, 0);
  }

  @Test
  void cyclesThroughAllPartitionsWhenNoneHasALeader() {
    TestCluster cluster = new TestCluster().topic("t", -1, -1, -1);

    assertThat(
            new int[] {
              next("t", cluster), next("t", cluster), next("t", cluster), next("t", cluster)
            })
        .containsExactly(0, 1, 2, 0);
  }

  @Test
  void keepsOneCounterPerTopic() {
    TestCluster cluster = new TestCluster().topicWithLeaders("a", 3).topicWithLeaders("b", 3);

    assertThat(next("a", cluster)).isZero();
    assertThat(next("a", cluster)).isEqualTo(1);
    assertThat(next("b", cluster)).isZero();
    assertThat(next("a", cluster)).isEqualTo(2);
    assertThat(next("b", cluster)).isEqualTo(1);
  }

  @Test
  void ignoresKeys() {
    TestCluster cluster = new TestCluster().topicWithLeaders("t", 4);
    for (int i = 0; i < 8; i++) {
      assertThat(partitioner.partition("t", "same", new byte[] {9}, null, null, cluster))
          .isEqualTo(i % 4);
    }
  }

  @Test
  void failsClearlyForAnUnknownTopic() {
    assertThatThrownBy(() -> next("missing", new TestCluster()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing");
  }
}
