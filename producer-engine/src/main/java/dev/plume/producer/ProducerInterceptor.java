package dev.plume.producer;

/**
 * Sees every record before it is serialized and every outcome. An interceptor that throws is logged
 * and skipped; it never breaks a send. {@link #onAcknowledgement} runs on the I/O thread.
 */
public interface ProducerInterceptor<K, V> extends Configurable, AutoCloseable {

  /** May return a changed record; runs on the sending thread before serialization. */
  default ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    return record;
  }

  /** Called once per record with its outcome, before the record's callback. */
  default void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  /**
   * Called when {@code send} fails before the record was queued (serialization, partitioning,
   * buffer or metadata timeout, producer closed). {@link #onAcknowledgement} follows as well.
   */
  default void onSendError(ProducerRecord<K, V> record, Exception exception) {}

  @Override
  default void close() {}
}
