package dev.plume.producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
   * Finds the transaction coordinator, gets a producer id and fences older producers with the same
   * {@code transactional.id} (their open transaction is aborted). Call once, before any other
   * transactional method. Blocks at most {@code max.block.ms}, then throws a TimeoutException;
   * calling it again keeps waiting for the same request.
   *
   * <p>Transactional methods called in the wrong order throw {@link IllegalStateException} naming
   * the current state. An abortable error ({@link
   * dev.plume.producer.errors.TransactionAbortableException}) means: call {@link
   * #abortTransaction()} and go on. A fatal error ({@link
   * dev.plume.producer.errors.ProducerFencedException}, {@link
   * dev.plume.producer.errors.AuthorizationException}, {@link
   * dev.plume.producer.errors.FatalTransactionException}) means: close the producer; every later
   * call fails with an error of the same type.
   */
  void initTransactions();

  /** Starts a transaction (local only); records sent until commit or abort belong to it. */
  void beginTransaction();

  /**
   * Adds consumer offsets to the current transaction, committed or aborted with it (read-process-
   * write). Blocks at most {@code max.block.ms} until the group coordinator accepted them.
   */
  void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata);

  /**
   * Flushes every record of the transaction, then commits it. Blocks at most {@code max.block.ms};
   * after a TimeoutException, call it again to keep waiting. If a record of the transaction failed,
   * throws TransactionAbortableException: abort instead.
   */
  void commitTransaction();

  /**
   * Aborts the current transaction: records still queued fail with a TransactionAbortableException
   * saying so, records already written are never seen by read_committed consumers. Blocks at most
   * {@code max.block.ms}.
   */
  void abortTransaction();

  /**
   * The error that made this producer unusable (fenced by a newer producer with the same {@code
   * transactional.id}, refused authorization for idempotent or transactional writes, ...), or null
   * while it is usable. Once set, every later call fails: close the producer and create a new one.
   * Cheap enough to call before every send.
   */
  default RuntimeException fatalError() {
    return null;
  }

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
