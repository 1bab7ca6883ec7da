package dev.plume.internal.txn;

import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Transactions as the producer's application threads see them, on top of what the sender asks
 * ({@link TransactionCoordinatorClient}). A producer always has one: {@link TransactionManager}
 * with {@code transactional.id}, {@link #NONE} without. The send paths call it unconditionally;
 * with {@link #NONE} every send is allowed and every transactional operation fails.
 */
public interface ProducerTransactions extends TransactionCoordinatorClient {

  /**
   * A producer without {@code transactional.id}: sends are never held back, the transactional API
   * calls throw {@link IllegalStateException}, and the sender sees no coordinator work.
   */
  ProducerTransactions NONE = new NoTransactions();

  /**
   * Throws {@link IllegalStateException} naming {@code operation} (such as {@code
   * "beginTransaction()"}) when this producer cannot use transactions at all; returns otherwise.
   */
  void requireTransactional(String operation);

  /** Application thread, before each send: throws when the record may not be sent now. */
  void checkSendAllowed(String topic);

  /** The error that made the producer unusable for transactions (fenced...), or null. */
  RuntimeException fatalError();

  /** Starts (or resumes) getting a producer id; the future completes when it arrived. */
  CompletableFuture<Void> initTransactions();

  /** Starts a transaction (local only). */
  void beginTransaction();

  /** Adds consumer offsets to the transaction; the future completes once they are committed. */
  CompletableFuture<Void> sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group);

  /** Starts (or resumes) committing; the future completes with EndTxn. */
  CompletableFuture<Void> beginCommit();

  /** Starts (or resumes) aborting; the future completes with EndTxn. */
  CompletableFuture<Void> beginAbort();
}
