package dev.plume.internal.accumulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The batches that do not have their outcome yet (flush waits for them, close fails them), as a
 * list threaded through the batches themselves: adding or removing a batch allocates nothing (a
 * concurrent set allocates an entry per batch). Appending threads add a batch when they open it
 * (under its queue's lock, which is always taken first), the sender removes it when it ends.
 *
 * <p>Thread-safety: every method holds this object's monitor, except {@link #isEmpty}, which reads
 * a volatile count.
 */
final class IncompleteBatches {

  private ProducerBatch head; // oldest
  private ProducerBatch tail; // newest
  private volatile int size;

  /** Adds a batch that is not in the list. */
  synchronized void add(ProducerBatch batch) {
    if (batch.listedIncomplete) {
      throw new IllegalStateException("A batch was added twice to the incomplete batches");
    }
    batch.listedIncomplete = true;
    batch.nextIncomplete = null;
    batch.prevIncomplete = tail;
    if (tail == null) {
      head = batch;
    } else {
      tail.nextIncomplete = batch;
    }
    tail = batch;
    size = size + 1;
  }

  /**
   * Removes a batch.
   *
   * @return false if it was not in the list (already removed)
   */
  synchronized boolean remove(ProducerBatch batch) {
    if (!batch.listedIncomplete) {
      return false;
    }
    ProducerBatch prev = batch.prevIncomplete;
    ProducerBatch next = batch.nextIncomplete;
    if (prev == null) {
      head = next;
    } else {
      prev.nextIncomplete = next;
    }
    if (next == null) {
      tail = prev;
    } else {
      next.prevIncomplete = prev;
    }
    batch.prevIncomplete = null;
    batch.nextIncomplete = null;
    batch.listedIncomplete = false;
    size = size - 1;
    return true;
  }

  /**
   * The batches in the list now, oldest first, so that close fails a partition's records in the
   * order they were sent (a copy: flush and close only).
   */
  synchronized List<ProducerBatch> snapshot() {
    List<ProducerBatch> out = new ArrayList<>(size);
    for (ProducerBatch b = head; b != null; b = b.nextIncomplete) {
      out.add(b);
    }
    return out;
  }

  /** The listed batches with the use each is listed for (a flush waits on exactly those uses). */
  synchronized List<ProducerBatch.Use> uses() {
    List<ProducerBatch.Use> out = new ArrayList<>(size);
    for (ProducerBatch b = head; b != null; b = b.nextIncomplete) {
      out.add(new ProducerBatch.Use(b, b.generation()));
    }
    return out;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
