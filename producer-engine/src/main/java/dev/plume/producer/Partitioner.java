package dev.plume.producer;

/**
 * Chooses the partition of a record that has none. A custom partitioner replaces the built-in logic
 * (murmur2 for keyed records, uniform sticky for keyless ones) entirely.
 */
public interface Partitioner extends Configurable, AutoCloseable {

  /**
   * @return a partition in {@code [0, partition count)}; a negative result fails the send
   */
  int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster);

  @Override
  default void close() {}
}
