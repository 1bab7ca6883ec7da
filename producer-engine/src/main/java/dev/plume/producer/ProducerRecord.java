package dev.plume.producer;

import java.util.List;
import java.util.Objects;

/**
 * A record to send: topic, optional partition, optional timestamp (epoch ms, CreateTime), key,
 * value and headers. Immutable apart from the header values' byte arrays.
 *
 * @param partition the partition, or {@code null} to let the partitioner choose
 * @param timestampMs the CreateTime in epoch milliseconds, or {@code null} for "now" at send time
 */
public record ProducerRecord<K, V>(
    String topic, Integer partition, Long timestampMs, K key, V value, List<Header> headers) {

  public ProducerRecord {
    Objects.requireNonNull(topic, "topic must not be null");
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("topic must not be empty");
    }
    if (partition != null && partition < 0) {
      throw new IllegalArgumentException(
          "partition must be >= 0 or null, got " + partition + " for topic " + topic);
    }
    if (timestampMs != null && timestampMs < 0) {
      throw new IllegalArgumentException(
          "timestampMs must be >= 0 or null, got " + timestampMs + " for topic " + topic);
    }
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  public ProducerRecord(String topic, V value) {
    this(topic, null, null, null, value, List.of());
  }

  public ProducerRecord(String topic, K key, V value) {
    this(topic, null, null, key, value, List.of());
  }

  public ProducerRecord(String topic, Integer partition, K key, V value) {
    this(topic, partition, null, key, value, List.of());
  }
}
