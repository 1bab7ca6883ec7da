package dev.plume.internal.txn;

import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link ProducerTransactions#NONE}: a producer without transactions. */
final class NoTransactions implements ProducerTransactions {

  /** Produce v13 needs topic ids, which the sender does not track: v12 at most. */
  private static final short MAX_PRODUCE_VERSION = 12;

  // ---------------------------------------------------------------- application threads

  @Override
  public void requireTransactional(String operation) {
    throw notTransactional(operation);
  }

  @Override
  public void checkSendAllowed(String topic) {
    // Without transactions every send is allowed.
  }

  @Override
  public RuntimeException fatalError() {
    return null;
  }

  @Override
  public CompletableFuture<Void> initTransactions() {
    throw notTransactional("initTransactions()");
  }

  @Override
  public void beginTransaction() {
    throw notTransactional("beginTransaction()");
  }

  @Override
  public CompletableFuture<Void> sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    throw notTransactional("sendOffsetsToTransaction()");
  }

  @Override
  public CompletableFuture<Void> beginCommit() {
    throw notTransactional("commitTransaction()");
  }

  @Override
  public CompletableFuture<Void> beginAbort() {
    throw notTransactional("abortTransaction()");
  }

  private static IllegalStateException notTransactional(String operation) {
    return new IllegalStateException(
        "Cannot "
            + operation
            + ": this producer has no transactional.id; set transactional.id to use"
            + " transactions");
  }

  // ---------------------------------------------------------------- sender thread

  @Override
  public long maybeSendCoordinatorRequest(long nowMs, boolean batchesIncomplete) {
    return Long.MAX_VALUE;
  }

  @Override
  public boolean mayDrain(TopicPartition tp) {
    return true;
  }

  @Override
  public short maxProduceVersion() {
    return MAX_PRODUCE_VERSION;
  }

  @Override
  public RuntimeException queuedBatchesError() {
    return null;
  }

  @Override
  public void onBatchFailed(TopicPartition tp, boolean hadSequence, RuntimeException error) {}

  @Override
  public void onGracefulClose() {}

  @Override
  public boolean hasPendingCoordinatorWork() {
    return false;
  }
}
