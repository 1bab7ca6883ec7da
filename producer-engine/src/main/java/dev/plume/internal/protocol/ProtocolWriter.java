package dev.plume.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes Kafka wire primitives into a growable heap buffer. Meant to be kept per connection and
 * reused: {@link #reset()} rewinds without freeing, so the backing array grows only when a request
 * is larger than any before it. Not thread-safe.
 *
 * <p>Typical use: {@code int frame = w.startSizePrefix(); header.write(w); request.write(w,
 * version); w.endSizePrefix(frame); channel.write(w.flip())}.
 */
public final class ProtocolWriter {

  private byte[] array;
  private int position;

  public ProtocolWriter() {
    this(1024);
  }

  public ProtocolWriter(int initialCapacityBytes) {
    if (initialCapacityBytes < 0) {
      throw new IllegalArgumentException("initialCapacityBytes < 0: " + initialCapacityBytes);
    }
    this.array = new byte[initialCapacityBytes];
  }

  /** Rewinds to position 0, keeping the backing array for the next message. */
  public ProtocolWriter reset() {
    position = 0;
    return this;
  }

  /** Number of bytes written since the last {@link #reset()}. */
  public int position() {
    return position;
  }

  public int capacityBytes() {
    return array.length;
  }

  /**
   * A view of the bytes written so far (position 0, limit = {@link #position()}), sharing the
   * backing array: valid until the next write or reset.
   */
  public ByteBuffer flip() {
    return ByteBuffer.wrap(array, 0, position);
  }

  /**
   * The backing array (bytes {@code [0, position())} are the ones written): valid until a write
   * grows the writer into a new array. For views kept across messages, which must check that the
   * array is still this one.
   */
  public byte[] array() {
    return array;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(array, position);
  }

  /** Reserves a 4-byte size prefix; returns its offset for {@link #endSizePrefix(int)}. */
  public int startSizePrefix() {
    int at = position;
    writeInt32(0);
    return at;
  }

  /** Patches the prefix reserved at {@code prefixOffset} with the number of bytes written since. */
  public void endSizePrefix(int prefixOffset) {
    putInt32At(prefixOffset, position - prefixOffset - 4);
  }

  /** Overwrites 4 bytes at an earlier offset without moving the position. */
  public void putInt32At(int offset, int value) {
    if (offset < 0 || offset + 4 > position) {
      throw new IndexOutOfBoundsException("offset " + offset + " outside written bytes");
    }
    array[offset] = (byte) (value >>> 24);
    array[offset + 1] = (byte) (value >>> 16);
    array[offset + 2] = (byte) (value >>> 8);
    array[offset + 3] = (byte) value;
  }

  private void ensure(int moreBytes) {
    int needed = position + moreBytes;
    if (needed > array.length) {
      if (needed < 0) {
        throw new IllegalStateException("message larger than 2 GiB");
      }
      // Grow by 1.5x to keep the number of copies logarithmic in the largest message size.
      int newLength = Math.max(needed, array.length + (array.length >> 1) + 16);
      array = Arrays.copyOf(array, newLength < 0 ? Integer.MAX_VALUE - 8 : newLength);
    }
  }

  public ProtocolWriter writeInt8(int value) {
    ensure(1);
    array[position++] = (byte) value;
    return this;
  }

  public ProtocolWriter writeBool(boolean value) {
    return writeInt8(value ? 1 : 0);
  }

  public ProtocolWriter writeInt16(int value) {
    ensure(2);
    array[position] = (byte) (value >>> 8);
    array[position + 1] = (byte) value;
    position += 2;
    return this;
  }

  public ProtocolWriter writeInt32(int value) {
    ensure(4);
    array[position] = (byte) (value >>> 24);
    array[position + 1] = (byte) (value >>> 16);
    array[position + 2] = (byte) (value >>> 8);
    array[position + 3] = (byte) value;
    position += 4;
    return this;
  }

  public ProtocolWriter writeInt64(long value) {
    writeInt32((int) (value >>> 32));
    return writeInt32((int) value);
  }

  public ProtocolWriter writeUuid(UUID value) {
    writeInt64(value.getMostSignificantBits());
    return writeInt64(value.getLeastSignificantBits());
  }

  /** LEB128 unsigned varint (1 to 5 bytes); {@code value} is treated as unsigned. */
  public ProtocolWriter writeUnsignedVarint(int value) {
    ensure(5);
    while ((value & ~0x7F) != 0) {
      array[position++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    array[position++] = (byte) value;
    return this;
  }

  /** Zigzag-encoded signed varint. */
  public ProtocolWriter writeVarint(int value) {
    return writeUnsignedVarint((value << 1) ^ (value >> 31));
  }

  /** Zigzag-encoded signed varlong (1 to 10 bytes). */
  public ProtocolWriter writeVarlong(long value) {
    long v = (value << 1) ^ (value >> 63);
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      array[position++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    array[position++] = (byte) v;
    return this;
  }

  /** Number of bytes {@link #writeUnsignedVarint(int)} takes for {@code value}. */
  public static int sizeOfUnsignedVarint(int value) {
    // 1 byte per started group of 7 significant bits, at least 1.
    int bits = 32 - Integer.numberOfLeadingZeros(value);
    return Math.max(1, (bits + 6) / 7);
  }

  public ProtocolWriter writeRawBytes(byte[] bytes) {
    return writeRawBytes(bytes, 0, bytes.length);
  }

  public ProtocolWriter writeRawBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, array, position, length);
    position += length;
    return this;
  }

  /** Copies the remaining bytes of {@code source} without moving its position. */
  public ProtocolWriter writeRawBytes(ByteBuffer source) {
    int length = source.remaining();
    ensure(length);
    // Absolute bulk get: the caller's buffer (e.g. a pooled record batch) keeps its position.
    source.get(source.position(), array, position, length);
    position += length;
    return this;
  }

  // ---- strings ----

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** True if every char is ASCII, so the UTF-8 form is one byte per char. */
  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  // Topic names and client ids are ASCII in practice: write them without a temporary byte[].
  private void writeAsciiChars(String value) {
    int length = value.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      array[position + i] = (byte) value.charAt(i);
    }
    position += length;
  }

  /** Classic string: int16 length, then UTF-8. */
  public ProtocolWriter writeString(String value) {
    if (isAscii(value) && value.length() <= Short.MAX_VALUE) {
      writeInt16(value.length());
      writeAsciiChars(value);
      return this;
    }
    byte[] bytes = utf8(value);
    if (bytes.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("string longer than 32767 bytes");
    }
    writeInt16(bytes.length);
    return writeRawBytes(bytes);
  }

  /** Classic nullable string: int16 length, -1 for null. */
  public ProtocolWriter writeNullableString(String value) {
    if (value == null) {
      return writeInt16(-1);
    }
    return writeString(value);
  }

  /** Compact string: unsigned varint length+1, then UTF-8. */
  public ProtocolWriter writeCompactString(String value) {
    if (isAscii(value)) {
      writeUnsignedVarint(value.length() + 1);
      writeAsciiChars(value);
      return this;
    }
    byte[] bytes = utf8(value);
    writeUnsignedVarint(bytes.length + 1);
    return writeRawBytes(bytes);
  }

  /** Compact nullable string: 0 for null. */
  public ProtocolWriter writeCompactNullableString(String value) {
    if (value == null) {
      return writeUnsignedVarint(0);
    }
    return writeCompactString(value);
  }

  // ---- bytes ----

  public ProtocolWriter writeCompactBytes(byte[] value) {
    writeUnsignedVarint(value.length + 1);
    return writeRawBytes(value);
  }

  /** Compact nullable bytes from the remaining bytes of {@code value}; its position is kept. */
  public ProtocolWriter writeCompactNullableBytes(ByteBuffer value) {
    if (value == null) {
      return writeUnsignedVarint(0);
    }
    writeUnsignedVarint(value.remaining() + 1);
    return writeRawBytes(value);
  }

  // ---- arrays ----

  public ProtocolWriter writeArrayLength(int count) {
    return writeInt32(count);
  }

  /** Compact array length: count+1. */
  public ProtocolWriter writeCompactArrayLength(int count) {
    return writeUnsignedVarint(count + 1);
  }

  /** Compact nullable array length: 0 for null, else count+1. */
  public ProtocolWriter writeCompactNullableArrayLength(int countOrMinusOneForNull) {
    return writeUnsignedVarint(countOrMinusOneForNull + 1);
  }

  // ---- tagged fields ----

  /** An empty tagged-field section: one 0 byte. */
  public ProtocolWriter writeEmptyTaggedFields() {
    return writeInt8(0);
  }

  /** Starts a tagged-field section holding {@code count} fields. */
  public ProtocolWriter writeTaggedFieldCount(int count) {
    return writeUnsignedVarint(count);
  }

  /** Writes one tagged field: its tag, its size (measured after the fact), then its payload. */
  public ProtocolWriter writeTaggedField(int tag, TaggedFieldBody body) {
    writeUnsignedVarint(tag);
    int start = position;
    body.write(this);
    int size = position - start;
    int sizeLength = sizeOfUnsignedVarint(size);
    // Shift the payload right to make room for its varint size; tagged fields are rare and
    // small, so this avoids a second pass or a scratch buffer.
    ensure(sizeLength);
    System.arraycopy(array, start, array, start + sizeLength, size);
    position = start;
    writeUnsignedVarint(size);
    position = start + sizeLength + size;
    return this;
  }

  // ---- either encoding: compact for flexible versions, classic (int16/int32 lengths) below ----

  public ProtocolWriter writeString(String value, boolean flexible) {
    return flexible ? writeCompactString(value) : writeString(value);
  }

  public ProtocolWriter writeNullableString(String value, boolean flexible) {
    return flexible ? writeCompactNullableString(value) : writeNullableString(value);
  }

  public ProtocolWriter writeArrayLength(int count, boolean flexible) {
    return flexible ? writeCompactArrayLength(count) : writeInt32(count);
  }

  /** Nullable array length: -1 (classic) or 0 (compact) for null. */
  public ProtocolWriter writeNullableArrayLength(int countOrMinusOneForNull, boolean flexible) {
    return flexible
        ? writeCompactNullableArrayLength(countOrMinusOneForNull)
        : writeInt32(countOrMinusOneForNull);
  }

  /** Bytes: int32 length (classic) or varint length+1 (compact), then the bytes. */
  public ProtocolWriter writeBytes(byte[] value, boolean flexible) {
    if (flexible) {
      return writeCompactBytes(value);
    }
    writeInt32(value.length);
    return writeRawBytes(value);
  }

  /** Nullable bytes from the remaining bytes of {@code value}; its position is kept. */
  public ProtocolWriter writeNullableBytes(ByteBuffer value, boolean flexible) {
    if (flexible) {
      return writeCompactNullableBytes(value);
    }
    if (value == null) {
      return writeInt32(-1);
    }
    writeInt32(value.remaining());
    return writeRawBytes(value);
  }

  /** An empty tagged-field section, which only flexible versions have. */
  public ProtocolWriter writeEmptyTaggedFields(boolean flexible) {
    return flexible ? writeEmptyTaggedFields() : this;
  }

  /** The payload of one tagged field. */
  @FunctionalInterface
  public interface TaggedFieldBody {
    void write(ProtocolWriter writer);
  }
}
