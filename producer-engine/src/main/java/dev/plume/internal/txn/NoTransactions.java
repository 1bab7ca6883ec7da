package dev.plume.internal.txn;

import dev.plume.producer.TopicPartition;

/** {@link TransactionCoordinatorClient#NONE}: a producer without transactions. */
final class NoTransactions implements TransactionCoordinatorClient {

  /** Produce v13 needs topic ids, which the sender does not track: v12 at most. */
  private static final short MAX_PRODUCE_VERSION = 12;

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
