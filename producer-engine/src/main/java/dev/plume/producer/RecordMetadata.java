package dev.plume.producer;

/**
 * What the broker acknowledged for one record.
 *
 * @param offset the record's offset, or -1 when unknown (acks=0, or a duplicate acknowledged
 *     without its original offset)
 * @param timestampMs CreateTime given at send, or the broker's LogAppendTime when the topic uses it
 * @param serializedKeySizeBytes -1 for a null key
 * @param serializedValueSizeBytes -1 for a null value
 */
public record RecordMetadata(
    String topic,
    int partition,
    long offset,
    long timestampMs,
    int serializedKeySizeBytes,
    int serializedValueSizeBytes) {

  public boolean hasOffset() {
    return offset >= 0;
  }
}
