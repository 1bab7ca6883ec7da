package dev.plume.internal.accumulator;

/** {@link BatchSealing#ON_IO_THREAD}: appending threads leave every batch to the sender. */
final class SealOnIoThread implements BatchSealing {

  @Override
  public void batchFilled(ProducerBatch batch, int generation) {
    // The sender seals the batch when it drains it.
  }

  @Override
  public void close() {
    // No contexts held.
  }
}
