package dev.plume.internal.txn;

import dev.plume.producer.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-partition sequence chains of an idempotent producer (KIP-360 style): each partition runs
 * under its own producer id and epoch, so a new epoch never touches a batch that may already be on
 * the broker.
 *
 * <p>The rules, and why:
 *
 * <ul>
 *   <li>A batch keeps the (producer id, epoch, sequence) it was first sent with until it completes.
 *       The broker deduplicates retries on exactly that triple (it answers a retry of one of its
 *       last five batches with success), so re-stamping a batch whose outcome is unknown would make
 *       the broker write it a second time.
 *   <li>A partition moves to the producer's current epoch only when it has no incomplete batch
 *       ({@link #assign}); until then new batches of that partition wait ({@link
 *       #mayStartNewBatch}). Other partitions are not affected by one partition's trouble.
 *   <li>A batch that failed without reaching the log (the broker refused it) leaves a <em>gap</em>:
 *       later sequences can never be accepted under this epoch. Once nothing of the partition is in
 *       flight and every batch before the gap has completed, the partition restarts its chain under
 *       a new epoch and its queued batches are stamped afresh ({@link #partitionsNeedingNewEpoch});
 *       they are provably not on the broker, since the broker accepts sequences only in order.
 *   <li>A batch that failed with an unknown outcome (its request was lost and it ran out of retries
 *       or time) makes its partition <em>unresolved</em>: no new batch starts there until the
 *       batches already sequenced complete. If a later batch is acknowledged, the unknown one was
 *       written and the chain goes on; if the chain ends on it, the partition restarts under a new
 *       epoch.
 * </ul>
 *
 * <p>Owned by the sender thread; not thread-safe.
 */
public final class SequenceTracker {

  private final Map<TopicPartition, PartitionSequences> partitions = new HashMap<>();
  // The partitions that have had a gap or an unresolved batch since they were last scanned: the
  // sender asks every round which chains must restart, and scanning every partition each round
  // would cost O(partitions) per round (1,000 partitions: thousands of lookups per round) for a
  // state that is almost always empty. A partition is listed at most once (its flag says so).
  private final List<PartitionSequences> troubled = new ArrayList<>();

  private PartitionSequences state(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    if (s == null) {
      s = new PartitionSequences(tp);
      partitions.put(tp, s);
    }
    return s;
  }

  /** The producer id and epoch of the partition's current chain ({@code NONE} before any). */
  public ProducerIdAndEpoch epochOf(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null ? ProducerIdAndEpoch.NONE : s.producerIdAndEpoch;
  }

  /**
   * Whether a batch without a sequence may be sent now under {@code current}: not while the
   * partition has a gap or an unknown outcome to settle, not while it still has batches of an older
   * epoch, and under a fresh chain only one batch until the broker acknowledged one (a broker
   * without state for us would accept any first sequence, so a later batch could otherwise be
   * accepted ahead of an earlier one that failed).
   */
  public boolean mayStartNewBatch(TopicPartition tp, ProducerIdAndEpoch current) {
    PartitionSequences s = partitions.get(tp);
    if (s == null) {
      return true;
    }
    if (s.gapSequence >= 0 || s.unresolved) {
      return false;
    }
    if (!s.producerIdAndEpoch.equals(current)) {
      return s.incomplete.isEmpty();
    }
    return s.lastAckedSequence >= 0 || s.incomplete.isEmpty();
  }

  /**
   * A batch that already has a sequence goes again only as the oldest incomplete one, and not at or
   * after a gap: the broker would refuse it, and it waits to be stamped afresh.
   */
  public boolean mayResend(TopicPartition tp, int baseSequence) {
    PartitionSequences s = partitions.get(tp);
    if (s == null || s.incomplete.isEmpty() || s.incomplete.peekFirst() != baseSequence) {
      return false;
    }
    return s.gapSequence < 0 || isAfter(s.gapSequence, baseSequence);
  }

  /**
   * Returns the sequence for a new batch of {@code recordCount} records and advances the chain. A
   * partition whose chain runs under an older epoch (and has nothing incomplete, see {@link
   * #mayStartNewBatch}) first restarts at 0 under {@code current}.
   */
  public int assign(TopicPartition tp, int recordCount, ProducerIdAndEpoch current) {
    PartitionSequences s = state(tp);
    if (!s.producerIdAndEpoch.equals(current)) {
      if (!s.incomplete.isEmpty()) {
        throw new IllegalStateException(
            tp
                + " still has batches under "
                + s.producerIdAndEpoch
                + "; cannot move to "
                + current);
      }
      s.startOver(current);
    }
    int base = s.nextSequence;
    s.nextSequence = increment(base, recordCount);
    s.incomplete.addLast(base);
    return base;
  }

  /** A request carrying a batch of the partition was handed to the network. */
  public void onSent(TopicPartition tp) {
    state(tp).inFlight++;
  }

  /** A request carrying a batch of the partition came back (answered, failed or disconnected). */
  public void onReturned(TopicPartition tp) {
    PartitionSequences s = state(tp);
    if (s.inFlight > 0) {
      s.inFlight--;
    }
  }

  /** Requests carrying a batch of the partition that were sent and have not come back. */
  public int requestsInFlight(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null ? 0 : s.inFlight;
  }

  /** The lowest sequence assigned and not completed, or -1. */
  public int firstIncompleteSequence(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null || s.incomplete.isEmpty() ? -1 : s.incomplete.peekFirst();
  }

  public boolean hasIncomplete(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s != null && !s.incomplete.isEmpty();
  }

  /** A batch's outcome is final (acknowledged or failed for good). */
  public void complete(TopicPartition tp, int baseSequence, int lastSequence, boolean acked) {
    PartitionSequences s = state(tp);
    s.incomplete.remove(baseSequence);
    if (!acked) {
      return;
    }
    if (s.lastAckedSequence < 0 || isAfter(lastSequence, s.lastAckedSequence)) {
      s.lastAckedSequence = lastSequence;
    }
    if (s.unresolved && !isAfter(s.unresolvedSequence, lastSequence)) {
      // The broker took a later sequence, so it had the unknown batch: the chain is whole.
      s.unresolved = false;
    }
  }

  /**
   * A batch was split into pieces that keep its sequence range: its entry is replaced, in place, by
   * the pieces' base sequences.
   */
  public void replace(TopicPartition tp, int originalBase, int[] pieceBases) {
    PartitionSequences s = state(tp);
    IntQueue rebuilt = new IntQueue();
    for (int i = 0; i < s.incomplete.size(); i++) {
      int seq = s.incomplete.get(i);
      if (seq == originalBase) {
        for (int base : pieceBases) {
          rebuilt.addLast(base);
        }
      } else {
        rebuilt.addLast(seq);
      }
    }
    s.incomplete.clear();
    for (int i = 0; i < rebuilt.size(); i++) {
      s.incomplete.addLast(rebuilt.get(i));
    }
  }

  public int lastAckedSequence(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null ? -1 : s.lastAckedSequence;
  }

  /** The next sequence the broker expects: right after the last acknowledged one. */
  public int nextExpectedByBroker(TopicPartition tp) {
    int last = lastAckedSequence(tp);
    return last < 0 ? 0 : increment(last, 1);
  }

  /**
   * A batch ending at {@code lastSequence} failed and may or may not be in the log. New batches of
   * the partition wait until the ones already sequenced have settled the question.
   */
  public void markUnresolved(TopicPartition tp, int lastSequence) {
    PartitionSequences s = state(tp);
    if (!s.unresolved || isAfter(lastSequence, s.unresolvedSequence)) {
      s.unresolvedSequence = lastSequence;
    }
    s.unresolved = true;
    listTroubled(s);
  }

  /** The broker did not write the batch starting at {@code sequence}: the chain breaks there. */
  public void markGap(TopicPartition tp, int sequence) {
    PartitionSequences s = state(tp);
    if (s.gapSequence < 0 || isAfter(s.gapSequence, sequence)) {
      s.gapSequence = sequence;
    }
    listTroubled(s);
  }

  private void listTroubled(PartitionSequences s) {
    if (!s.listedTroubled) {
      s.listedTroubled = true;
      troubled.add(s);
    }
  }

  public boolean isUnresolved(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s != null && s.unresolved;
  }

  /** The last sequence whose outcome is unknown, or -1 when the partition is not unresolved. */
  public int unresolvedSequence(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null || !s.unresolved ? -1 : s.unresolvedSequence;
  }

  public boolean hasGap(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s != null && s.gapSequence >= 0;
  }

  /**
   * The partitions whose chain must restart under a new epoch now: those with a gap once nothing of
   * theirs is in flight and nothing before the gap is incomplete, and those left unresolved once
   * every batch of theirs completed without a later acknowledgement. Allocates only when it finds
   * one (called every round).
   */
  public List<TopicPartition> partitionsNeedingNewEpoch() {
    List<TopicPartition> due = List.of();
    int kept = 0;
    for (int i = 0; i < troubled.size(); i++) {
      PartitionSequences s = troubled.get(i);
      boolean restart;
      if (s.gapSequence >= 0) {
        int first = s.incomplete.isEmpty() ? -1 : s.incomplete.peekFirst();
        restart = s.inFlight == 0 && (first < 0 || !isAfter(s.gapSequence, first));
      } else {
        restart = s.unresolved && s.incomplete.isEmpty() && s.inFlight == 0;
      }
      if (restart) {
        if (due.isEmpty()) {
          due = new ArrayList<>();
        }
        due.add(s.tp);
      }
      // Keep it listed while it has a gap or an unresolved batch (a partition due now is listed
      // until startOver clears both); a partition whose chain healed leaves the list.
      if (s.gapSequence >= 0 || s.unresolved) {
        troubled.set(kept++, s);
      } else {
        s.listedTroubled = false;
      }
    }
    // Drop the tail left by compaction (removing from the end: no copying).
    for (int i = troubled.size() - 1; i >= kept; i--) {
      troubled.remove(i);
    }
    return due;
  }

  /**
   * Restarts the partition's chain at sequence 0 under {@code producerIdAndEpoch}: the caller
   * stamps its queued batches afresh (only ever after a gap, when none of them can be in the log).
   */
  public void startOver(TopicPartition tp, ProducerIdAndEpoch producerIdAndEpoch) {
    state(tp).startOver(producerIdAndEpoch);
  }

  /** The sequence right after {@code sequence}. */
  public static int next(int sequence) {
    return increment(sequence, 1);
  }

  /** Kafka's sequence arithmetic: after Integer.MAX_VALUE comes 0. */
  static int increment(int sequence, int delta) {
    long next = (long) sequence + delta;
    return (int) (next > Integer.MAX_VALUE ? next - Integer.MAX_VALUE - 1 : next);
  }

  /** Whether {@code a} comes after {@code b}, allowing one wrap-around. */
  public static boolean isAfter(int a, int b) {
    // Sequences are in [0, Integer.MAX_VALUE]: a nearby larger value is later, and a much smaller
    // one is later too (it wrapped); a much larger one is earlier (b wrapped).
    return a > b ? a - b <= Integer.MAX_VALUE / 2 : b - a > Integer.MAX_VALUE / 2;
  }

  private static final class PartitionSequences {
    final TopicPartition tp;
    ProducerIdAndEpoch producerIdAndEpoch = ProducerIdAndEpoch.NONE;
    int nextSequence;
    int lastAckedSequence = -1;
    int inFlight;
    boolean unresolved;
    int unresolvedSequence = -1;
    int gapSequence = -1;
    boolean listedTroubled; // in SequenceTracker.troubled
    // Oldest first; ints, not Integers: one per batch would be boxed above 127.
    final IntQueue incomplete = new IntQueue();

    PartitionSequences(TopicPartition tp) {
      this.tp = tp;
    }

    void startOver(ProducerIdAndEpoch next) {
      producerIdAndEpoch = next;
      nextSequence = 0;
      lastAckedSequence = -1;
      unresolved = false;
      unresolvedSequence = -1;
      gapSequence = -1;
      incomplete.clear();
    }
  }
}
