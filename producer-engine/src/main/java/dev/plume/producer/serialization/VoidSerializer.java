package dev.plume.producer.serialization;

/** Always null: for records without a key. */
public final class VoidSerializer implements Serializer<Void> {

  @Override
  public byte[] serialize(String topic, Void data) {
    return null;
  }
}
