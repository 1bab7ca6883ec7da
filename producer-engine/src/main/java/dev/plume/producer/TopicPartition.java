package dev.plume.producer;

import java.util.Objects;

/** A topic and a partition index. */
public record TopicPartition(String topic, int partition) {

  public TopicPartition {
    Objects.requireNonNull(topic, "topic");
  }

  /**
   * Written out rather than generated: the I/O thread looks partitions up in hash maps several
   * times per batch (sequence numbers, results), and the generated record methods showed up in its
   * profile at 1,000 partitions. Same meaning as the generated ones; the identity check first,
   * since the engine hands around one shared instance per partition.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof TopicPartition other
        && partition == other.partition
        && topic.equals(other.topic);
  }

  @Override
  public int hashCode() {
    return 31 * topic.hashCode() + partition;
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
