package dev.plume.internal.txn;

import dev.plume.producer.TopicPartition;

/**
 * What the sender asks about transactions. Every method runs on the sender thread. The producer id
 * and epoch are not asked here: {@link ProducerIdManager} owns them. Producers without {@code
 * transactional.id} use {@link ProducerTransactions#NONE}, which answers as if transactions did not
 * exist, so the sender needs no null checks.
 */
public interface TransactionCoordinatorClient {

  /**
   * Sends the next coordinator request (FindCoordinator, InitProducerId, AddPartitionsToTxn,
   * AddOffsetsToTxn, TxnOffsetCommit, EndTxn) if one is due and none is in flight.
   *
   * @param batchesIncomplete whether any record batch still awaits its outcome (EndTxn waits)
   * @return milliseconds until calling again makes sense
   */
  long maybeSendCoordinatorRequest(long nowMs, boolean batchesIncomplete);

  /** Whether a batch for {@code tp} may be sent now (TV1: the partition was added first). */
  boolean mayDrain(TopicPartition tp);

  /** Highest Produce version the transaction protocol in use allows (11 without TV2). */
  short maxProduceVersion();

  /** Non-null when every queued batch must be failed with it (abort, abortable or fatal error). */
  RuntimeException queuedBatchesError();

  /**
   * A batch failed for good.
   *
   * @param hadSequence whether it carried a sequence number (was sent), leaving a sequence gap
   */
  void onBatchFailed(TopicPartition tp, boolean hadSequence, RuntimeException error);

  /**
   * Graceful close: aborts a transaction left open, so read_committed consumers are not held up
   * until transaction.timeout.ms; a commit already under way is let finish.
   */
  void onGracefulClose();

  /** Whether a commit, abort or other coordinator exchange still has to finish. */
  boolean hasPendingCoordinatorWork();
}
