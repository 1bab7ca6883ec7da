package dev.plume.internal.sender;

import java.util.function.Supplier;

/**
 * What the sender does with a batch whose Produce attempt came back: {@link ProduceErrorHandler}
 * decides, the sender carries it out. Immutable.
 */
sealed interface ProduceDecision {

  /** The broker has the batch (e.g. DUPLICATE_SEQUENCE_NUMBER: an earlier attempt wrote it). */
  record Complete(long baseOffset, long logAppendTimeMs) implements ProduceDecision {}

  /**
   * Send the batch again, with the producer state of its first attempt.
   *
   * @param lastError why this attempt failed, built only if the retry is logged
   */
  record Retry(Supplier<RuntimeException> lastError) implements ProduceDecision {}

  /** MESSAGE_TOO_LARGE for a batch that cannot be in the log: split it, and send the pieces. */
  record Split() implements ProduceDecision {}

  /**
   * Fail the batch's records for good.
   *
   * @param mayHaveBeenWritten whether the broker may have appended it (its outcome is unknown)
   */
  record Fail(RuntimeException error, boolean mayHaveBeenWritten) implements ProduceDecision {}
}
