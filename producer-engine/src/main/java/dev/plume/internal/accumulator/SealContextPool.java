package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionContext;
import java.util.function.Supplier;

/**
 * Compression contexts lent to appending threads so that the thread that fills a compressed batch
 * also compresses it, instead of the single I/O thread (which then only does network work). At most
 * {@code maxContexts} exist; when all are lent, {@link #tryAcquire} says no and the batch is
 * compressed by the sender as before, so no appending thread ever waits for a context. This is the
 * {@link BatchSealing} of compressing producers.
 *
 * <p>Thread-safety: one short lock per acquire and release (once per batch).
 */
final class SealContextPool implements BatchSealing {

  private final Supplier<CompressionContext> factory;
  private final CompressionContext[] idle;
  private int idleCount;
  private int created;
  private boolean closed;

  SealContextPool(Supplier<CompressionContext> factory, int maxContexts) {
    this.factory = factory;
    this.idle = new CompressionContext[Math.max(1, maxContexts)];
  }

  /**
   * Compresses a batch this thread just filled, unless the sender got to it first or every context
   * is busy: the codec work then runs on the appending threads, in parallel, and the I/O thread
   * only does network work (kafka-clients compresses on appending threads too, record by record).
   */
  @Override
  public void batchFilled(ProducerBatch batch, int generation) {
    CompressionContext context = tryAcquire();
    if (context == null) {
      return;
    }
    try {
      batch.trySealEarly(context, generation);
    } finally {
      release(context);
    }
  }

  /** A context for one seal, or null when every context is in use (or the pool closed). */
  CompressionContext tryAcquire() {
    synchronized (this) {
      if (closed) {
        return null;
      }
      if (idleCount > 0) {
        CompressionContext c = idle[--idleCount];
        idle[idleCount] = null;
        return c;
      }
      if (created == idle.length) {
        return null;
      }
      created++;
    }
    // Creating one may load native codec state: outside the lock.
    return factory.get();
  }

  void release(CompressionContext context) {
    synchronized (this) {
      if (!closed) {
        idle[idleCount++] = context;
        return;
      }
    }
    context.close();
  }

  /** Contexts created so far (for tests). */
  synchronized int createdCount() {
    return created;
  }

  @Override
  public void close() {
    CompressionContext[] toClose;
    synchronized (this) {
      closed = true;
      toClose = java.util.Arrays.copyOf(idle, idleCount);
      java.util.Arrays.fill(idle, null);
      idleCount = 0;
    }
    for (CompressionContext c : toClose) {
      c.close();
    }
  }
}
