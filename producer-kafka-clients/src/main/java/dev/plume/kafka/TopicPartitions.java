package dev.plume.kafka;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@link TopicPartition} objects, one per partition, made once and shared by every record's
 * metadata (they are immutable), instead of one per acknowledged record.
 */
final class TopicPartitions {

  private final ConcurrentHashMap<String, TopicPartition[]> byTopic = new ConcurrentHashMap<>();

  TopicPartition of(String topic, int partition) {
    if (partition < 0) {
      return new TopicPartition(topic, partition);
    }
    TopicPartition[] known = byTopic.get(topic);
    if (known != null && partition < known.length) {
      TopicPartition tp = known[partition];
      if (tp != null) {
        return tp;
      }
    }
    return add(topic, partition);
  }

  private TopicPartition add(String topic, int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    // Copy on write: readers see either array, both valid.
    byTopic.compute(
        topic,
        (t, old) -> {
          TopicPartition[] next =
              new TopicPartition[Math.max(partition + 1, old == null ? 0 : old.length)];
          if (old != null) {
            System.arraycopy(old, 0, next, 0, old.length);
          }
          if (next[partition] == null) {
            next[partition] = tp;
          }
          return next;
        });
    return tp;
  }
}
