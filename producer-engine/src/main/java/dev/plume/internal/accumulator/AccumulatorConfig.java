package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.retry.RetryBackoff;
import java.util.Objects;

/**
 * What the accumulator needs from the producer configuration.
 *
 * @param batchSizeBytes target batch size; at least 1
 * @param retryBackoff the wait before a failed batch is sent again (retry.backoff.ms,
 *     retry.backoff.max.ms, with its random factor: tests pass a fixed one)
 * @param adaptiveBatching a batch is ready as soon as its leader has no request in flight (it
 *     lingers only while requests are outstanding)
 */
public record AccumulatorConfig(
    int batchSizeBytes,
    long lingerMs,
    long deliveryTimeoutMs,
    RetryBackoff retryBackoff,
    CompressionType compression,
    boolean transactional,
    boolean adaptivePartitioning,
    long partitionAvailabilityTimeoutMs,
    boolean adaptiveBatching) {

  public AccumulatorConfig {
    batchSizeBytes = Math.max(1, batchSizeBytes);
    Objects.requireNonNull(retryBackoff, "retryBackoff");
  }

  /** Kafka's batching: a batch waits for linger.ms or batch.size. */
  public AccumulatorConfig(
      int batchSizeBytes,
      long lingerMs,
      long deliveryTimeoutMs,
      RetryBackoff retryBackoff,
      CompressionType compression,
      boolean transactional,
      boolean adaptivePartitioning,
      long partitionAvailabilityTimeoutMs) {
    this(
        batchSizeBytes,
        lingerMs,
        deliveryTimeoutMs,
        retryBackoff,
        compression,
        transactional,
        adaptivePartitioning,
        partitionAvailabilityTimeoutMs,
        false);
  }
}
