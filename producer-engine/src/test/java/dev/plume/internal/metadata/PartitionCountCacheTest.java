package dev.plume.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.network.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionCountCacheTest {

  private static PartitionState[] partitions(String topic, int count) {
    PartitionState[] parts = new PartitionState[count];
    for (int p = 0; p < count; p++) {
      parts[p] = new PartitionState(topic, p, 1, 0, List.of(1), List.of(1));
    }
    return parts;
  }

  private static ClusterSnapshot snapshot(int countOfT, int countOfU) {
    return new ClusterSnapshot(
        "c",
        Map.of(1, new Node(1, "b1", 9092)),
        Map.of("t", partitions("t", countOfT), "u", partitions("u", countOfU)),
        Map.of(),
        Map.of());
  }

  @Test
  void answersLikeTheSnapshotForEveryTopicAndSnapshot() {
    PartitionCountCache cache = new PartitionCountCache();
    ClusterSnapshot first = snapshot(6, 2);
    assertThat(cache.partitionCount(first, "t")).isEqualTo(6);
    assertThat(cache.partitionCount(first, "t")).isEqualTo(6);
    assertThat(cache.partitionCount(first, "u")).isEqualTo(2); // another topic
    assertThat(cache.partitionCount(first, "t")).isEqualTo(6); // and back
    assertThat(cache.partitionCount(first, "unknown")).isEqualTo(-1);
    assertThat(cache.partitionCount(first, "t")).isEqualTo(6);

    ClusterSnapshot grown = snapshot(12, 2); // the topic got partitions: a newer snapshot
    assertThat(cache.partitionCount(grown, "t")).isEqualTo(12);
    assertThat(cache.partitionCount(first, "t")).isEqualTo(6); // a caller with the older one
  }

  @Test
  void aTopicNameEqualButNotIdenticalHits() {
    PartitionCountCache cache = new PartitionCountCache();
    ClusterSnapshot cluster = snapshot(6, 2);
    assertThat(cache.partitionCount(cluster, "t")).isEqualTo(6);
    String sameName = new String(new char[] {'t'});
    assertThat(cache.partitionCount(cluster, sameName)).isEqualTo(6);
  }

  @Test
  void theTopicIsMadeOncePerSnapshotAndTopic() {
    ClusterSnapshot cluster = snapshot(6, 2);
    // The same object every time: keeping it in the cache allocates nothing.
    assertThat(cluster.leaders("t")).isSameAs(cluster.leaders("t"));
    assertThat(cluster.leaders("t").partitionCount()).isEqualTo(6);
    assertThat(cluster.leaders("t").isFor(cluster, "t")).isTrue();
    assertThat(cluster.leaders("t").isFor(snapshot(6, 2), "t")).isFalse();
    assertThat(cluster.leaders("t").isFor(cluster, "u")).isFalse();
  }

  @Test
  void anUnknownTopicIsNeverKept() {
    PartitionCountCache cache = new PartitionCountCache();
    ClusterSnapshot cluster = snapshot(6, 2);
    assertThat(cluster.leaders("unknown").partitionCount()).isZero();
    assertThat(cluster.leaders("unknown").isFor(cluster, "unknown")).isFalse();
    assertThat(cache.partitionCount(cluster, "unknown")).isEqualTo(-1);
    assertThat(cache.partitionCount(cluster, "unknown")).isEqualTo(-1);
    assertThat(cache.partitionCount(cluster, "t")).isEqualTo(6);
  }
}
