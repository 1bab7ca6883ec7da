package dev.plume.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads Kafka wire primitives from UNTRUSTED bytes. Every length and count is checked against the
 * bytes remaining before anything is allocated, negative sizes other than the null marker are
 * refused, over-long varints are refused, and every failure is a {@link ProtocolException} whose
 * message names the field being read. Arrays of elements of at least one byte therefore never
 * allocate more than the input holds.
 *
 * <p>The reader works on its own slice of the given buffer: the caller's buffer is not moved.
 * Byte-array fields read as {@link ByteBuffer} are zero-copy slices of the input, valid as long as
 * the input buffer is. Not thread-safe.
 */
public final class ProtocolReader {

  private ByteBuffer buffer;

  /** Where {@link #position()} counts from in {@link #buffer} (0 but for a {@link #reset}). */
  private int origin;

  /** The buffer last given to {@link #reset}, which {@link #buffer} is a duplicate of. */
  private ByteBuffer resetSource;

  /** Reads the remaining bytes of {@code source} (its position and limit are left as they are). */
  public ProtocolReader(ByteBuffer source) {
    this.buffer = source.slice(); // slice() is big-endian whatever the source's order
  }

  /**
   * Points this reader at the remaining bytes of {@code source} instead (its position and limit are
   * left as they are), without allocating when {@code source} is the buffer of the previous reset:
   * one reader can then read every frame of a connection.
   */
  public ProtocolReader reset(ByteBuffer source) {
    if (source != resetSource) {
      resetSource = source;
      buffer = source.duplicate(); // big-endian whatever the source's order
    }
    buffer.clear();
    buffer.limit(source.limit()).position(source.position());
    origin = source.position();
    return this;
  }

  /**
   * An independent reader over the bytes not yet read, e.g. to retry a parse another way. Its
   * {@link #position()} counts from this reader's current position.
   */
  public ProtocolReader copy() {
    return new ProtocolReader(buffer);
  }

  /** Skips every remaining byte. */
  public void skipRemaining() {
    buffer.position(buffer.limit());
  }

  public int remaining() {
    return buffer.remaining();
  }

  public boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  public int position() {
    return buffer.position() - origin;
  }

  /** Fails unless every byte was consumed; catches version mismatches and trailing garbage. */
  public void requireEnd(String context) {
    if (buffer.hasRemaining()) {
      throw new ProtocolException(
          context + ": " + buffer.remaining() + " unexpected trailing bytes after the last field");
    }
  }

  private void require(int bytes, String field) {
    if (bytes > buffer.remaining()) {
      throw new ProtocolException(
          field
              + ": needs "
              + bytes
              + " bytes but only "
              + buffer.remaining()
              + " remain (truncated input)");
    }
  }

  public byte readInt8(String field) {
    require(1, field);
    return buffer.get();
  }

  /** Any non-zero byte is true, as Kafka readers do. */
  public boolean readBool(String field) {
    return readInt8(field) != 0;
  }

  public short readInt16(String field) {
    require(2, field);
    return buffer.getShort();
  }

  public int readInt32(String field) {
    require(4, field);
    return buffer.getInt();
  }

  public long readInt64(String field) {
    require(8, field);
    return buffer.getLong();
  }

  public UUID readUuid(String field) {
    require(16, field);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  /** LEB128 unsigned varint; more than 5 bytes is refused. */
  public int readUnsignedVarint(String field) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      require(1, field);
      byte b = buffer.get();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ProtocolException(field + ": unsigned varint longer than 5 bytes");
  }

  public int readVarint(String field) {
    int raw = readUnsignedVarint(field);
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Zigzag varlong; more than 10 bytes is refused. */
  public long readVarlong(String field) {
    long raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      require(1, field);
      byte b = buffer.get();
      raw |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new ProtocolException(field + ": varlong longer than 10 bytes");
  }

  public void skip(int bytes, String field) {
    if (bytes < 0) {
      throw new ProtocolException(field + ": negative size " + bytes);
    }
    require(bytes, field);
    buffer.position(buffer.position() + bytes);
  }

  /** A reader over the next {@code bytes} bytes, which this reader then skips. */
  public ProtocolReader slice(int bytes, String field) {
    if (bytes < 0) {
      throw new ProtocolException(field + ": negative size " + bytes);
    }
    require(bytes, field);
    ByteBuffer part = buffer.slice(buffer.position(), bytes);
    buffer.position(buffer.position() + bytes);
    return new ProtocolReader(part);
  }

  // ---- strings ----

  private String utf8(int length, String field) {
    require(length, field);
    String value;
    if (buffer.hasArray()) {
      value =
          new String(
              buffer.array(),
              buffer.arrayOffset() + buffer.position(),
              length,
              StandardCharsets.UTF_8);
      buffer.position(buffer.position() + length);
    } else {
      byte[] bytes = new byte[length];
      buffer.get(bytes);
      value = new String(bytes, StandardCharsets.UTF_8);
    }
    return value;
  }

  public String readString(String field) {
    short length = readInt16(field);
    if (length < 0) {
      throw new ProtocolException(field + ": non-nullable string has length " + length);
    }
    return utf8(length, field);
  }

  public String readNullableString(String field) {
    short length = readInt16(field);
    if (length == -1) {
      return null;
    }
    if (length < 0) {
      throw new ProtocolException(field + ": invalid string length " + length);
    }
    return utf8(length, field);
  }

  /** Decodes a compact length (N+1, 0 = null) into N, or -1 for null, checking it fits. */
  private int compactLength(String field, String what) {
    int lengthPlusOne = readUnsignedVarint(field);
    if (lengthPlusOne == 0) {
      return -1;
    }
    int length = lengthPlusOne - 1;
    // Unsigned values above Integer.MAX_VALUE arrive as negative ints.
    if (length < 0 || length > buffer.remaining()) {
      throw new ProtocolException(
          field
              + ": "
              + what
              + " length "
              + Integer.toUnsignedString(length)
              + " exceeds the "
              + buffer.remaining()
              + " bytes remaining");
    }
    return length;
  }

  public String readCompactString(String field) {
    int length = compactLength(field, "string");
    if (length < 0) {
      throw new ProtocolException(field + ": non-nullable string is null");
    }
    return utf8(length, field);
  }

  public String readCompactNullableString(String field) {
    int length = compactLength(field, "string");
    return length < 0 ? null : utf8(length, field);
  }

  // ---- bytes ----

  /** Compact bytes copied into a new array. */
  public byte[] readCompactBytes(String field) {
    int length = compactLength(field, "bytes");
    if (length < 0) {
      throw new ProtocolException(field + ": non-nullable bytes are null");
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /** Compact nullable bytes as a zero-copy slice of the input (null for null). */
  public ByteBuffer readCompactNullableBytesSlice(String field) {
    int length = compactLength(field, "bytes");
    if (length < 0) {
      return null;
    }
    ByteBuffer slice = buffer.slice(buffer.position(), length);
    buffer.position(buffer.position() + length);
    return slice;
  }

  // ---- arrays ----

  private int checkCount(long count, int minElementBytes, String field) {
    return checkCount(count, minElementBytes, field, "");
  }

  /**
   * {@code what} is appended to {@code field} in the error message only: building the name up front
   * would allocate a string for every count read on the I/O thread.
   */
  private int checkCount(long count, int minElementBytes, String field, String what) {
    if (count > buffer.remaining() / (long) Math.max(1, minElementBytes)) {
      throw new ProtocolException(
          field
              + what
              + ": array of "
              + count
              + " elements cannot fit in the "
              + buffer.remaining()
              + " bytes remaining");
    }
    return (int) count;
  }

  /** Classic (int32) non-nullable array count, bounded by the bytes remaining. */
  public int readArrayCount(String field, int minElementBytes) {
    int count = readInt32(field);
    if (count < 0) {
      throw new ProtocolException(field + ": invalid array count " + count);
    }
    return checkCount(count, minElementBytes, field);
  }

  /** Compact non-nullable array count, bounded by the bytes remaining. */
  public int readCompactArrayCount(String field, int minElementBytes) {
    int countPlusOne = readUnsignedVarint(field);
    if (countPlusOne == 0) {
      throw new ProtocolException(field + ": non-nullable array is null");
    }
    return checkCount(Integer.toUnsignedLong(countPlusOne) - 1, minElementBytes, field);
  }

  /** Compact nullable array count, or -1 for null. */
  public int readCompactNullableArrayCount(String field, int minElementBytes) {
    int countPlusOne = readUnsignedVarint(field);
    if (countPlusOne == 0) {
      return -1;
    }
    return checkCount(Integer.toUnsignedLong(countPlusOne) - 1, minElementBytes, field);
  }

  /** Reads one element of an array. */
  @FunctionalInterface
  public interface ElementReader<T> {
    T read(ProtocolReader reader);
  }

  /** A compact non-nullable array; every element must take at least {@code minElementBytes}. */
  public <T> List<T> readCompactArray(
      String field, int minElementBytes, ElementReader<T> elementReader) {
    return readElements(readCompactArrayCount(field, minElementBytes), elementReader);
  }

  /** A classic int32-counted non-nullable array. */
  public <T> List<T> readArray(String field, int minElementBytes, ElementReader<T> elementReader) {
    return readElements(readArrayCount(field, minElementBytes), elementReader);
  }

  private <T> List<T> readElements(int count, ElementReader<T> elementReader) {
    // The count is bounded by the input size already; the cap on the initial capacity also keeps
    // the reference array from being several times larger than the frame for 1-byte elements.
    List<T> list = new ArrayList<>(Math.min(count, 256));
    for (int i = 0; i < count; i++) {
      list.add(elementReader.read(this));
    }
    return list;
  }

  /** A compact array of int32. */
  public List<Integer> readCompactInt32Array(String field) {
    int count = readCompactArrayCount(field, 4);
    List<Integer> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(buffer.getInt());
    }
    return list;
  }

  // ---- tagged fields ----

  /** The number of fields in a tagged-field section; each takes at least 2 bytes. */
  public int readTaggedFieldCount(String field) {
    int count = readUnsignedVarint(field);
    return checkCount(Integer.toUnsignedLong(count), 2, field, " tagged fields");
  }

  /** The size of one tagged field's payload, checked against the bytes remaining. */
  public int readTaggedFieldSize(String field) {
    int size = readUnsignedVarint(field);
    if (size < 0 || size > buffer.remaining()) {
      throw new ProtocolException(
          field
              + ": tagged field size "
              + Integer.toUnsignedString(size)
              + " exceeds the "
              + buffer.remaining()
              + " bytes remaining");
    }
    return size;
  }

  /** Reads a tagged-field section of which no tag is known to us: everything is skipped. */
  public void skipTaggedFields(String field) {
    int count = readTaggedFieldCount(field);
    for (int i = 0; i < count; i++) {
      readUnsignedVarint(field);
      skip(readTaggedFieldSize(field), field);
    }
  }

  /**
   * Reads a non-nullable string (compact when {@code flexible}) if it is {@code expected}, without
   * decoding it; otherwise reads nothing and returns false (then read it with {@link
   * #readString(String, boolean)}, which also reports a malformed length). Lets a response be
   * matched against names a request sent with no String per response.
   */
  public boolean tryReadString(String field, boolean flexible, String expected) {
    int start = buffer.position();
    int length;
    try {
      length = flexible ? compactLength(field, "string") : readInt16(field);
    } catch (ProtocolException e) {
      buffer.position(start);
      return false;
    }
    if (length >= 0 && length <= buffer.remaining() && utf8Equals(length, expected)) {
      buffer.position(buffer.position() + length);
      return true;
    }
    buffer.position(start);
    return false;
  }

  /** Whether the next {@code length} bytes are the UTF-8 form of {@code expected}. */
  private boolean utf8Equals(int length, String expected) {
    int at = buffer.position();
    if (length == expected.length()) {
      boolean ascii = true;
      for (int i = 0; i < length; i++) {
        char c = expected.charAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        if (buffer.get(at + i) != (byte) c) {
          return false;
        }
      }
      if (ascii) {
        return true;
      }
    }
    // Non-ASCII names (Kafka topic names never are): compare the encoded form.
    byte[] encoded = expected.getBytes(StandardCharsets.UTF_8);
    if (encoded.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (buffer.get(at + i) != encoded[i]) {
        return false;
      }
    }
    return true;
  }

  // ---- either encoding: compact for flexible versions, classic (int16/int32 lengths) below ----

  public String readString(String field, boolean flexible) {
    return flexible ? readCompactString(field) : readString(field);
  }

  public String readNullableString(String field, boolean flexible) {
    return flexible ? readCompactNullableString(field) : readNullableString(field);
  }

  /**
   * {@code minElementBytes} is the element's minimum in the flexible encoding; a classic element
   * can be one byte shorter (no tagged-field section; its strings and nested arrays are longer).
   */
  public int readArrayCount(String field, int minElementBytes, boolean flexible) {
    return flexible
        ? readCompactArrayCount(field, minElementBytes)
        : readArrayCount(field, classicMinElementBytes(minElementBytes));
  }

  private static int classicMinElementBytes(int flexibleMinElementBytes) {
    return Math.max(1, flexibleMinElementBytes - 1);
  }

  /** Nullable array count, or -1 for null. */
  public int readNullableArrayCount(String field, int minElementBytes, boolean flexible) {
    if (flexible) {
      return readCompactNullableArrayCount(field, minElementBytes);
    }
    int count = readInt32(field);
    if (count == -1) {
      return -1;
    }
    if (count < 0) {
      throw new ProtocolException(field + ": invalid array count " + count);
    }
    return checkCount(count, classicMinElementBytes(minElementBytes), field);
  }

  public <T> List<T> readArray(
      String field, int minElementBytes, boolean flexible, ElementReader<T> elementReader) {
    return readElements(readArrayCount(field, minElementBytes, flexible), elementReader);
  }

  /** An array of int32. */
  public List<Integer> readInt32Array(String field, boolean flexible) {
    // Elements are exactly 4 bytes in both encodings: no relaxed classic bound here.
    int count = flexible ? readCompactArrayCount(field, 4) : readArrayCount(field, 4);
    List<Integer> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(buffer.getInt());
    }
    return list;
  }

  /** Classic length of bytes (int32, -1 = null), checked against the bytes remaining. */
  private int classicBytesLength(String field) {
    int length = readInt32(field);
    if (length < -1 || length > buffer.remaining()) {
      throw new ProtocolException(
          field + ": bytes length " + length + " invalid with " + buffer.remaining() + " left");
    }
    return length;
  }

  /** Bytes copied into a new array. */
  public byte[] readBytes(String field, boolean flexible) {
    if (flexible) {
      return readCompactBytes(field);
    }
    int length = classicBytesLength(field);
    if (length < 0) {
      throw new ProtocolException(field + ": non-nullable bytes are null");
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /** Nullable bytes as a zero-copy slice of the input (null for null). */
  public ByteBuffer readNullableBytesSlice(String field, boolean flexible) {
    if (flexible) {
      return readCompactNullableBytesSlice(field);
    }
    int length = classicBytesLength(field);
    if (length < 0) {
      return null;
    }
    ByteBuffer slice = buffer.slice(buffer.position(), length);
    buffer.position(buffer.position() + length);
    return slice;
  }

  /** Skips a tagged-field section, which only flexible versions have. */
  public void skipTaggedFields(String field, boolean flexible) {
    if (flexible) {
      skipTaggedFields(field);
    }
  }
}
