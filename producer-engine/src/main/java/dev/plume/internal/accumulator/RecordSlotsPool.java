package dev.plume.internal.accumulator;

/**
 * A bounded stack of {@link RecordSlots} for reuse by new batches. Appending threads take a set
 * when they open a batch and the sender thread gives it back when the batch completes: once per
 * batch, so one short lock is cheaper than anything lock-free that allocates a node per offer.
 */
final class RecordSlotsPool {

  /** Sets of this many slots or fewer are not worth keeping: every batch starts with as many. */
  static final int MIN_CAPACITY = 8;

  /** Sets larger than this are dropped rather than pooled, so one huge batch pins no memory. */
  static final int MAX_POOLED_CAPACITY = 1 << 12;

  private final RecordSlots[] stack;
  private int size;

  RecordSlotsPool(int maxPooled) {
    this.stack = new RecordSlots[Math.max(0, maxPooled)];
  }

  /** A set with room for at least {@code expectedRecords} (pooled if one is free). */
  RecordSlots acquire(int expectedRecords) {
    int wanted = Math.max(MIN_CAPACITY, expectedRecords);
    synchronized (this) {
      if (size > 0) {
        RecordSlots slots = stack[--size];
        stack[size] = null;
        // A smaller pooled set would only grow by copying: taking it still saves the allocation
        // of the set itself, and it ends up at the batch's size and stays there.
        return slots;
      }
    }
    return new RecordSlots(Math.min(wanted, MAX_POOLED_CAPACITY));
  }

  /** Gives back a set whose references were cleared; dropped when the pool is full. */
  void release(RecordSlots slots) {
    if (slots.capacity() > MAX_POOLED_CAPACITY) {
      return;
    }
    synchronized (this) {
      if (size < stack.length) {
        stack[size++] = slots;
      }
    }
  }

  /** Sets held now (for tests). */
  synchronized int pooledCount() {
    return size;
  }
}
