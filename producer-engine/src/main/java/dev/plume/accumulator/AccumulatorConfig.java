package dev.plume.accumulator;

import dev.plume.compression.CompressionType;

/**
 * What the accumulator needs from the producer configuration.
 *
 * @param batchSizeBytes target batch size; at least 1
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
    long partitionAvailabilityTimeoutMs) {

  public AccumulatorConfig {
    batchSizeBytes = Math.max(1, batchSizeBytes);
  }
}
