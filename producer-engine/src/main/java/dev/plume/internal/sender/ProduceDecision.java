package dev.plume.internal.sender;

import dev.plume.internal.network.Node;
import dev.plume.producer.TopicPartition;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the sender does with a batch whose Produce attempt failed, as {@link ProduceErrorHandler}
 * decided it (without touching anything): first it applies the {@link Lessons} the error taught,
 * then it carries out the {@link Outcome}. Immutable.
 */
record ProduceDecision(Outcome outcome, Lessons lessons) {

  /** An outcome with nothing learned. */
  static ProduceDecision of(Outcome outcome) {
    return new ProduceDecision(outcome, Lessons.NONE);
  }

  /** What happens to the batch itself. */
  sealed interface Outcome {}

  /** The broker has the batch (e.g. DUPLICATE_SEQUENCE_NUMBER: an earlier attempt wrote it). */
  record Complete(long baseOffset, long logAppendTimeMs) implements Outcome {}

  /**
   * Send the batch again, with the producer state of its first attempt.
   *
   * @param lastError why this attempt failed, built only if the retry is logged
   */
  record Retry(Supplier<RuntimeException> lastError) implements Outcome {}

  /** MESSAGE_TOO_LARGE for a batch that cannot be in the log: split it, and send the pieces. */
  record Split() implements Outcome {}

  /**
   * Fail the batch's records for good.
   *
   * @param mayHaveBeenWritten whether the broker may have appended it (its outcome is unknown)
   */
  record Fail(RuntimeException error, boolean mayHaveBeenWritten) implements Outcome {}

  /**
   * What the error taught, applied by the sender before the outcome.
   *
   * @param batchMayHaveBeenWritten the broker may have appended the batch before failing, so its
   *     producer state must be kept for every retry (a retry is then recognised as a duplicate)
   * @param refreshMetadata the partition's leader may have moved: ask for new metadata
   * @param leaderHint the new leader the broker named, applied to the metadata at once
   * @param sequenceGap the partition's sequence chain has a gap from this sequence on: it restarts
   *     under a new epoch (an idempotent producer without transactional.id)
   */
  record Lessons(
      boolean batchMayHaveBeenWritten,
      boolean refreshMetadata,
      Optional<LeaderHint> leaderHint,
      Optional<SequenceGap> sequenceGap) {

    static final Lessons NONE = new Lessons(false, false, Optional.empty(), Optional.empty());

    static final Lessons MAY_HAVE_BEEN_WRITTEN =
        new Lessons(true, false, Optional.empty(), Optional.empty());

    static Lessons sequenceGap(TopicPartition tp, int sequence) {
      return new Lessons(
          false, false, Optional.empty(), Optional.of(new SequenceGap(tp, sequence)));
    }
  }

  /**
   * The leader a NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH response named.
   *
   * @param leaderNode its address from the response's endpoints, or null when they omit it
   */
  record LeaderHint(TopicPartition tp, int leaderId, int leaderEpoch, Node leaderNode) {}

  /** A gap in {@code tp}'s sequence chain, from {@code sequence} on. */
  record SequenceGap(TopicPartition tp, int sequence) {}
}
