package dev.plume.internal.partition;

import dev.plume.producer.Cluster;
import dev.plume.producer.Partitioner;
import dev.plume.producer.ProducerRecord;

/**
 * Decides a record's partition by Kafka's rules, in order:
 *
 * <ol>
 *   <li>the record's explicit partition, as given (the caller checks it against the metadata, as it
 *       waits for metadata that knows that partition);
 *   <li>the custom {@code partitioner.class}, when configured; a result outside {@code [0,
 *       partition count)} fails with an {@link IllegalArgumentException} naming the partitioner
 *       class and the topic;
 *   <li>for keyed records (serialized key not null) unless {@code partitioner.ignore.keys=true}:
 *       {@code toPositive(murmur2(keyBytes)) % partition count} ({@link KeyPartitioning});
 *   <li>otherwise {@link #UNKNOWN_PARTITION}: the accumulator asks the topic's {@link
 *       BuiltInPartitioner}.
 * </ol>
 *
 * <p>Stateless apart from the partitioner it holds, allocation-free (the custom partitioner aside)
 * and thread-safe when the custom partitioner is.
 */
public final class PartitionChooser {

  /** "No partition yet": the sticky partitioner decides when the record is appended. */
  public static final int UNKNOWN_PARTITION = -1;

  private final Partitioner customPartitioner;
  private final boolean ignoreKeys;

  /**
   * @param customPartitioner the configured {@code partitioner.class} instance, or null for the
   *     built-in logic
   * @param ignoreKeys {@code partitioner.ignore.keys}
   */
  public PartitionChooser(Partitioner customPartitioner, boolean ignoreKeys) {
    this.customPartitioner = customPartitioner;
    this.ignoreKeys = ignoreKeys;
  }

  /**
   * @param keyBytes the serialized key, or null
   * @param valueBytes the serialized value, or null
   * @param cluster metadata that knows the topic (the caller has waited for it)
   * @return a partition index, or {@link #UNKNOWN_PARTITION}
   * @throws IllegalArgumentException when the custom partitioner returns an invalid partition
   * @throws IllegalStateException when a keyed record's topic has no known partition count
   */
  public int partition(
      ProducerRecord<?, ?> record, byte[] keyBytes, byte[] valueBytes, Cluster cluster) {
    Integer explicit = record.partition();
    if (explicit != null) {
      return explicit;
    }
    return partition(record.topic(), record.key(), keyBytes, record.value(), valueBytes, cluster);
  }

  /**
   * Like {@link #partition(ProducerRecord, byte[], byte[], Cluster)} for a record without explicit
   * partition, given as its parts (the allocation-free send has no {@link ProducerRecord}).
   */
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    if (customPartitioner != null) {
      int chosen = customPartitioner.partition(topic, key, keyBytes, value, valueBytes, cluster);
      validateCustom(topic, chosen, cluster);
      return chosen;
    }
    return partitionByKey(topic, keyBytes, cluster);
  }

  /**
   * The built-in rules alone (steps 3 and 4), for a record without explicit partition whose caller
   * runs no custom partitioner: murmur2 of the key, or {@link #UNKNOWN_PARTITION}.
   *
   * @throws IllegalStateException when a keyed record's topic has no known partition count
   */
  public int partitionByKey(String topic, byte[] keyBytes, Cluster cluster) {
    if (keyBytes != null && !ignoreKeys) {
      int partitionCount = cluster.partitionCountForTopic(topic);
      if (partitionCount <= 0) {
        throw new IllegalStateException(
            "cannot partition a keyed record of topic "
                + topic
                + ": the metadata knows no partition of it (partition count "
                + partitionCount
                + ")");
      }
      return KeyPartitioning.partitionForKey(keyBytes, partitionCount);
    }
    return UNKNOWN_PARTITION;
  }

  /** True when {@link #partition} consults a custom partitioner. */
  public boolean hasCustomPartitioner() {
    return customPartitioner != null;
  }

  private void validateCustom(String topic, int chosen, Cluster cluster) {
    if (chosen < 0) {
      throw new IllegalArgumentException(
          "partitioner "
              + customPartitioner.getClass().getName()
              + " returned partition "
              + chosen
              + " for topic "
              + topic
              + ": a partition must be >= 0");
    }
    int partitionCount = cluster.partitionCountForTopic(topic);
    if (partitionCount >= 0 && chosen >= partitionCount) {
      throw new IllegalArgumentException(
          "partitioner "
              + customPartitioner.getClass().getName()
              + " returned partition "
              + chosen
              + " for topic "
              + topic
              + ", which has only "
              + partitionCount
              + " partitions (valid: 0 to "
              + (partitionCount - 1)
              + ")");
    }
  }
}
