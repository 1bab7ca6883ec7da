/**
 * Partition choice: Kafka-compatible murmur2 key hashing, the per-topic uniform sticky partitioner
 * with adaptive (queue-weighted) choice and availability exclusion (KIP-794), the bundled
 * round-robin {@link dev.plume.producer.Partitioner}, and the rule order that decides which of them
 * applies to a record ({@link dev.plume.internal.partition.PartitionChooser}).
 *
 * <p>Depends only on the public API ({@code dev.plume.producer}) and {@code
 * dev.plume.internal.clock}.
 */
package dev.plume.internal.partition;
