package dev.plume.producer.serialization;

import dev.plume.producer.Configurable;
import dev.plume.producer.Header;
import java.util.List;

/** Turns a key or value into bytes. Must be thread-safe: many threads may send at once. */
public interface Serializer<T> extends Configurable, AutoCloseable {

  /** Called once with the configuration and whether this serializes keys or values. */
  default void configure(java.util.Map<String, ?> configs, boolean isKey) {
    configure(configs);
  }

  /**
   * @return the bytes, or null for a null key or a tombstone value
   */
  byte[] serialize(String topic, T data);

  /** Like {@link #serialize(String, Object)}, with the record's headers for context. */
  default byte[] serialize(String topic, List<Header> headers, T data) {
    return serialize(topic, data);
  }

  @Override
  default void close() {}
}
