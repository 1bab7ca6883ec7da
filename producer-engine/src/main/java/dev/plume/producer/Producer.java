package dev.plume.producer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A thread-safe Kafka producer. Many application threads may call {@link #send} at once; one I/O
 * thread does all network work and runs callbacks.
 */
public interface Producer<K, V> extends AutoCloseable {

  /**
   * Queues a record. Blocks only while the buffer is full or the topic's metadata was never seen,
   * each at most {@code max.block.ms}. Every failure after queueing, including a record that is too
   * large, completes the future exceptionally instead of throwing.
   */
  CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

  /** Like {@link #send(ProducerRecord)}, and also calls {@code callback} on the I/O thread. */
  CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

  /** Waits until every record sent before this call has its outcome. */
  void flush();

  /** The partitions of a topic, fetching metadata for at most {@code max.block.ms}. */
  List<PartitionInfo> partitionsFor(String topic);

  /**
   * Finds the transaction coordinator and fences older producers with the same {@code
   * transactional.id}. Call once, before any other transactional method.
   */
  void initTransactions();

  /** Starts a transaction (local only). */
  void beginTransaction();

  /** Adds consumer offsets to the current transaction. */
  void sendOffsetsToTransaction(
      java.util.Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata groupMetadata);

  /** Flushes, then commits the current transaction. */
  void commitTransaction();

  /** Aborts the current transaction; records sent in it that are still queued fail. */
  void abortTransaction();

  /** A consistent snapshot of the producer's statistics. */
  ProducerStats metrics();

  /** Flushes and stops, waiting as long as needed. */
  @Override
  void close();

  /**
   * Flushes and stops within {@code timeout}; records still pending after it fail. {@code
   * Duration.ZERO} fails pending records at once.
   */
  void close(Duration timeout);
}
