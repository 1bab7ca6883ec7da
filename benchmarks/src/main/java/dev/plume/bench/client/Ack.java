package dev.plume.bench.client;

/**
 * A send callback that both clients accept as their own {@code Callback} type, so the harness hands
 * the same object to either without wrapping it in a per-record lambda: the harness itself then
 * allocates nothing per record and the allocation figures belong to the clients.
 */
public abstract class Ack
    implements dev.plume.producer.RecordOutcome, org.apache.kafka.clients.producer.Callback {

  /** Called once per record on the client's I/O thread; {@code exception} is null on success. */
  protected abstract void completed(Exception exception);

  @Override
  public final void onCompletion(dev.plume.producer.RecordMetadata metadata, Exception exception) {
    completed(exception);
  }

  @Override
  public final void onCompletion(
      org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
    completed(exception);
  }

  /** Plume's allocation-free send reports here, without a RecordMetadata. */
  @Override
  public final void onOutcome(
      String topic,
      int partition,
      long offset,
      long timestampMs,
      int keySizeBytes,
      int valueSizeBytes,
      Exception exception) {
    completed(exception);
  }
}
