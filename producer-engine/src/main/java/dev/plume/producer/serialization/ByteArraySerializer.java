package dev.plume.producer.serialization;

/** Passes byte arrays through unchanged (no copy). */
public final class ByteArraySerializer implements Serializer<byte[]> {

  @Override
  public byte[] serialize(String topic, byte[] data) {
    return data;
  }
}
