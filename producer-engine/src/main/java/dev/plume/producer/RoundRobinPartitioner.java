package dev.plume.producer;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads records over partitions in turn, ignoring keys: a per-topic counter indexes the
 * partitions that have a leader (all partitions when none has one), as the partitioner bundled with
 * Kafka does. Set {@code partitioner.class} to this class to use it.
 *
 * <p>Thread-safe; one counter per topic, created on the topic's first record.
 */
public final class RoundRobinPartitioner implements Partitioner {

  private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int next = nextValue(topic) & 0x7fffffff;
    List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
    if (!available.isEmpty()) {
      return available.get(next % available.size()).partition();
    }
    int partitionCount = cluster.partitionCountForTopic(topic);
    if (partitionCount <= 0) {
      throw new IllegalStateException(
          "RoundRobinPartitioner: the metadata knows no partition of topic " + topic);
    }
    return next % partitionCount;
  }

  private int nextValue(String topic) {
    AtomicInteger counter = counters.get(topic);
    if (counter == null) {
      counter = counters.computeIfAbsent(topic, t -> new AtomicInteger());
    }
    return counter.getAndIncrement();
  }
}
