package dev.plume.internal.sender;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;

/**
 * The leaders whose connection is at its in-flight limit, as the I/O thread last saw them, for
 * appending threads to read: a batch filled for such a leader cannot be sent before one of its
 * requests completes, and that completion ends the I/O thread's poll by itself, so waking the I/O
 * thread for the batch would only cost two system calls and an idle round.
 *
 * <p>No batch is stranded. The I/O thread {@link #mark}s a node only after it found the node at its
 * limit, and at the start of every round, before it scans the accumulator, {@link #clearIdle}s
 * every marked node that has room again. An appender publishes its batch under the partition
 * queue's lock and then reads the mark ({@link #isAtLimit}, volatile); the I/O thread writes the
 * cleared mark (volatile) and then takes that lock to scan. All four are synchronization actions,
 * so in their one total order either the appender's read comes before the clear, and then its
 * unlock comes before the scan's lock and the scan sees the batch; or the clear comes first and the
 * appender reads it and goes on to the {@link WakeupGate}, as it always did. While a node stays
 * marked its requests are outstanding, and the round that follows their completion clears the mark
 * and scans. An appender whose metadata is older than the I/O thread's (a leader that just moved
 * away from a marked node) may skip a wake-up the new leader would have wanted; its batch then
 * waits for the I/O thread's next round, which comes at the latest with the old leader's next
 * completion (a response, a disconnect, or the request timeout) or the sender's poll cap, whichever
 * is first.
 *
 * <p>Nodes are kept in a small open table indexed by node id: a slot holds the id of the marked
 * node, or {@link #NONE}. Two marked nodes whose ids share a slot cannot both be marked; the second
 * is simply not, and batches for it wake the I/O thread as before. Appenders read one array element
 * and allocate nothing.
 */
final class BusyLeaders {

  /** Slots in the table; a power of two, far more than the brokers one producer talks to. */
  static final int SLOTS = 64;

  private static final int NONE = Integer.MIN_VALUE;

  private final AtomicIntegerArray slots = new AtomicIntegerArray(SLOTS);

  // I/O thread only: the marked node ids, so a round checks only those.
  private final int[] marked = new int[SLOTS];
  private int markedCount;

  BusyLeaders() {
    for (int i = 0; i < SLOTS; i++) {
      slots.set(i, NONE);
    }
  }

  private static int slotOf(int nodeId) {
    return nodeId & (SLOTS - 1);
  }

  /** Any thread: whether the node was at its in-flight limit when the I/O thread last looked. */
  boolean isAtLimit(int nodeId) {
    return nodeId != NONE && slots.get(slotOf(nodeId)) == nodeId;
  }

  /** I/O thread: the node is at its in-flight limit now (no effect if its slot is taken). */
  void mark(int nodeId) {
    int slot = slotOf(nodeId);
    if (nodeId == NONE || slots.get(slot) != NONE) {
      return; // already marked, or another node holds the slot
    }
    slots.set(slot, nodeId);
    marked[markedCount++] = nodeId;
  }

  /**
   * I/O thread, at the start of a round, before the accumulator is scanned: unmarks every node that
   * is no longer at its limit ({@code atLimit} false).
   */
  void clearIdle(IntPredicate atLimit) {
    for (int i = markedCount - 1; i >= 0; i--) {
      int nodeId = marked[i];
      if (!atLimit.test(nodeId)) {
        slots.set(slotOf(nodeId), NONE);
        marked[i] = marked[--markedCount];
      }
    }
  }

  /** I/O thread: how many nodes are marked (for tests). */
  int markedCount() {
    return markedCount;
  }
}
