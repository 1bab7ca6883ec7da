package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionType;

/**
 * What the accumulator needs from the producer configuration.
 *
 * @param batchSizeBytes target batch size; at least 1
 * @param adaptiveBatching a batch is ready as soon as its leader has no request in flight (it
 *     lingers only while requests are outstanding)
 */
public record AccumulatorConfig(
    int batchSizeBytes,
    long lingerMs,
    long deliveryTimeoutMs,
    long retryBackoffMs,
    long retryBackoffMaxMs,
    CompressionType compression,
    boolean transactional,
    boolean adaptivePartitioning,
    long partitionAvailabilityTimeoutMs,
    boolean adaptiveBatching) {

  public AccumulatorConfig {
    batchSizeBytes = Math.max(1, batchSizeBytes);
  }

  /** Kafka's batching: a batch waits for linger.ms or batch.size. */
  public AccumulatorConfig(
      int batchSizeBytes,
      long lingerMs,
      long deliveryTimeoutMs,
      long retryBackoffMs,
      long retryBackoffMaxMs,
      CompressionType compression,
      boolean transactional,
      boolean adaptivePartitioning,
      long partitionAvailabilityTimeoutMs) {
    this(
        batchSizeBytes,
        lingerMs,
        deliveryTimeoutMs,
        retryBackoffMs,
        retryBackoffMaxMs,
        compression,
        transactional,
        adaptivePartitioning,
        partitionAvailabilityTimeoutMs,
        false);
  }
}
