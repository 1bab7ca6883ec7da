package dev.plume.internal.accumulator;

/**
 * A bounded stack of finished {@link ProducerBatch} objects for reuse by new batches, so that a
 * batch costs no allocation in steady state. The sender thread gives a batch back once nothing can
 * reach it any more ({@link RecordAccumulator#release}); an appending thread takes it when it opens
 * a batch. Once per batch, so one short lock is cheaper than anything lock-free that allocates a
 * node per offer (as in {@link RecordSlotsPool}).
 */
final class BatchPool {

  private final ProducerBatch[] stack;
  private int size;

  BatchPool(int maxPooled) {
    this.stack = new ProducerBatch[Math.max(0, maxPooled)];
  }

  /** A pooled batch to {@link ProducerBatch#reuse}, or null when none is free. */
  ProducerBatch poll() {
    synchronized (this) {
      if (size == 0) {
        return null;
      }
      ProducerBatch batch = stack[--size];
      stack[size] = null;
      return batch;
    }
  }

  /**
   * Takes back a done batch that nothing references any more (it starts its next generation now);
   * dropped when the pool is full.
   *
   * @throws IllegalStateException if the batch is not {@link ProducerBatch#reusable}
   */
  void release(ProducerBatch batch) {
    batch.recycled();
    synchronized (this) {
      if (size < stack.length) {
        stack[size++] = batch;
      }
    }
  }

  /** Batches held now (for tests). */
  synchronized int pooledCount() {
    return size;
  }
}
