package dev.plume.producer;

import java.util.Objects;

/** A topic and a partition index. */
public record TopicPartition(String topic, int partition) {

  public TopicPartition {
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
