package dev.plume.txn;

import dev.plume.producer.TopicPartition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-partition sequence numbers of an idempotent producer, and what is needed to keep order with
 * up to five requests in flight: the sequences of batches sent but not yet completed, the last
 * acknowledged sequence, and partitions whose fate is unknown ("unresolved") after a local expiry.
 *
 * <p>Owned by the sender thread; not thread-safe.
 */
public final class SequenceTracker {

  private final Map<TopicPartition, PartitionSequences> partitions = new HashMap<>();

  private PartitionSequences state(TopicPartition tp) {
    return partitions.computeIfAbsent(tp, k -> new PartitionSequences());
  }

  /** Returns the next sequence for a new batch of {@code recordCount} records and advances it. */
  public int assign(TopicPartition tp, int recordCount) {
    PartitionSequences s = state(tp);
    int base = s.nextSequence;
    s.nextSequence = increment(base, recordCount);
    s.incomplete.addLast(base);
    return base;
  }

  /** The lowest sequence sent and not completed, or -1. */
  public int firstIncompleteSequence(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s == null || s.incomplete.isEmpty() ? -1 : s.incomplete.peekFirst();
  }

  public boolean hasIncomplete(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s != null && !s.incomplete.isEmpty();
  }

  public boolean hasAnyIncomplete() {
    for (PartitionSequences s : partitions.values()) {
      if (!s.incomplete.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** A batch's outcome is final (acknowledged or failed for good). */
  public void complete(TopicPartition tp, int baseSequence, int lastSequence, boolean acked) {
    PartitionSequences s = state(tp);
    s.incomplete.remove(baseSequence);
    if (acked && (s.lastAckedSequence < 0 || isAfter(lastSequence, s.lastAckedSequence))) {
      s.lastAckedSequence = lastSequence;
    }
  }

  /**
   * A batch was split into pieces that keep its sequence range: its entry is replaced, in place, by
   * the pieces' base sequences.
   */
  public void replace(TopicPartition tp, int originalBase, int[] pieceBases) {
    PartitionSequences s = state(tp);
    ArrayDeque<Integer> rebuilt = new ArrayDeque<>(s.incomplete.size() + pieceBases.length);
    for (Integer seq : s.incomplete) {
      if (seq == originalBase) {
        for (int base : pieceBases) {
          rebuilt.addLast(base);
        }
      } else {
        rebuilt.addLast(seq);
      }
    }
    s.incomplete.clear();
    s.incomplete.addAll(rebuilt);
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

  public void markUnresolved(TopicPartition tp) {
    state(tp).unresolved = true;
  }

  public boolean isUnresolved(TopicPartition tp) {
    PartitionSequences s = partitions.get(tp);
    return s != null && s.unresolved;
  }

  public boolean anyUnresolved() {
    for (PartitionSequences s : partitions.values()) {
      if (s.unresolved) {
        return true;
      }
    }
    return false;
  }

  /** After an epoch bump or new producer id: every partition starts again at sequence 0. */
  public void reset() {
    partitions.clear();
  }

  /** Kafka's sequence arithmetic: after Integer.MAX_VALUE comes 0. */
  static int increment(int sequence, int delta) {
    long next = (long) sequence + delta;
    return (int) (next > Integer.MAX_VALUE ? next - Integer.MAX_VALUE - 1 : next);
  }

  /** Whether {@code a} comes after {@code b}, allowing one wrap-around. */
  public static boolean isAfter(int a, int b) {
    return a > b || (b - a) > Integer.MAX_VALUE / 2;
  }

  private static final class PartitionSequences {
    int nextSequence;
    int lastAckedSequence = -1;
    boolean unresolved;
    final ArrayDeque<Integer> incomplete = new ArrayDeque<>();
  }
}
