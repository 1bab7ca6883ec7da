package dev.plume.producer.serialization;

import java.nio.ByteBuffer;

/**
 * Sends the buffer's remaining bytes. A heap buffer that exactly wraps its array is passed without
 * copying; the buffer's position is never changed.
 */
public final class ByteBufferSerializer implements Serializer<ByteBuffer> {

  @Override
  public byte[] serialize(String topic, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (data.hasArray()
        && data.arrayOffset() == 0
        && data.position() == 0
        && data.remaining() == data.array().length) {
      return data.array();
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return bytes;
  }
}
