package dev.plume.producer;

/**
 * A {@link Callback} that receives a record's outcome as plain values, so that the producer
 * allocates no {@link RecordMetadata} for it: for adapters that report the outcome in another API's
 * own metadata type. Records sent with one and no future (see {@code
 * PlumeProducer#appendSerialized}) are completed through {@link #onOutcome}.
 */
public interface RecordOutcome extends Callback {

  /**
   * @param offset the record's offset, or -1 (failed, acks=0, or unknown)
   * @param timestampMs CreateTime, or the broker's LogAppendTime when the topic uses it
   * @param keySizeBytes -1 for a null key
   * @param valueSizeBytes -1 for a null value
   * @param exception null on success
   */
  void onOutcome(
      String topic,
      int partition,
      long offset,
      long timestampMs,
      int keySizeBytes,
      int valueSizeBytes,
      Exception exception);

  @Override
  default void onCompletion(RecordMetadata metadata, Exception exception) {
    onOutcome(
        metadata.topic(),
        metadata.partition(),
        metadata.offset(),
        metadata.timestampMs(),
        metadata.serializedKeySizeBytes(),
        metadata.serializedValueSizeBytes(),
        exception);
  }
}
