package dev.plume.internal.partition;

import dev.plume.producer.Cluster;
import dev.plume.producer.PartitionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hand-built {@link Cluster}: partitions per topic, each with a leader id or -1 (none). */
final class TestCluster implements Cluster {

  private final Map<String, List<PartitionInfo>> partitions = new HashMap<>();

  /** Adds a topic whose partition i is led by {@code leaders[i]} (-1: no leader). */
  TestCluster topic(String topic, int... leaders) {
    List<PartitionInfo> list = new ArrayList<>();
    for (int i = 0; i < leaders.length; i++) {
      list.add(new PartitionInfo(topic, i, leaders[i], List.of(), List.of()));
    }
    partitions.put(topic, List.copyOf(list));
    return this;
  }

  /** Adds a topic with {@code count} partitions, all led by node 0. */
  TestCluster topicWithLeaders(String topic, int count) {
    return topic(topic, new int[count]);
  }

  @Override
  public List<PartitionInfo> partitionsForTopic(String topic) {
    return partitions.getOrDefault(topic, List.of());
  }

  @Override
  public List<PartitionInfo> availablePartitionsForTopic(String topic) {
    return partitionsForTopic(topic).stream().filter(p -> p.leaderId() >= 0).toList();
  }

  @Override
  public int partitionCountForTopic(String topic) {
    List<PartitionInfo> list = partitions.get(topic);
    return list == null ? -1 : list.size();
  }
}
