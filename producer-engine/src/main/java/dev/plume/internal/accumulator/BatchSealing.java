package dev.plume.internal.accumulator;

/**
 * Who compresses ("seals") a compressed batch once it is full. Either the I/O thread seals every
 * batch when it drains it ({@link #ON_IO_THREAD}), or the appending thread that filled a batch
 * seals it right away with a context from a small pool ({@link SealContextPool}), falling back to
 * the I/O thread when every context is lent.
 */
interface BatchSealing extends AutoCloseable {

  /** The sender seals every batch: for uncompressed batches, and when no contexts are given. */
  BatchSealing ON_IO_THREAD = new SealOnIoThread();

  /**
   * The appending thread that just filled {@code batch} (outside every queue lock) offers it for
   * sealing; the batch may be sealed now, or later by the sender. {@code generation} is the batch's
   * {@link ProducerBatch#generation} read under the queue lock: by now the batch may have been
   * sent, completed and reused, and then it is left alone.
   */
  void batchFilled(ProducerBatch batch, int generation);

  /** Frees the contexts held for sealing; call after the sender stopped. */
  @Override
  void close();
}
