package dev.plume.internal.compression;

import java.util.Arrays;

/**
 * A growable byte array with a write position: the reusable output of compressors and
 * decompressors. Not thread-safe; owned by one {@link CompressionContext} or one reader.
 */
public final class ByteSink {

  private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 16;

  private byte[] array;
  private int position;

  public ByteSink(int initialCapacity) {
    this.array = new byte[Math.max(16, initialCapacity)];
  }

  /** The backing array; valid bytes are {@code [0, position())}. Replaced when the sink grows. */
  public byte[] array() {
    return array;
  }

  public int position() {
    return position;
  }

  public void position(int newPosition) {
    if (newPosition < 0 || newPosition > array.length) {
      throw new IllegalArgumentException(
          "position " + newPosition + " outside [0, " + array.length + "]");
    }
    position = newPosition;
  }

  /** Forgets the content, keeping the array for reuse. */
  public void reset() {
    position = 0;
  }

  /** Free bytes after the position. */
  public int remaining() {
    return array.length - position;
  }

  /** Grows the array, if needed, so that at least {@code bytes} can be written after position. */
  public void ensureRemaining(int bytes) {
    long needed = (long) position + bytes;
    if (needed > array.length) {
      if (needed > MAX_ARRAY_SIZE) {
        throw new IllegalStateException("Cannot grow a buffer beyond " + MAX_ARRAY_SIZE + " bytes");
      }
      long grown = Math.max(needed, Math.min(MAX_ARRAY_SIZE, (long) array.length * 2));
      array = Arrays.copyOf(array, (int) grown);
    }
  }

  public void writeByte(int b) {
    ensureRemaining(1);
    array[position++] = (byte) b;
  }

  public void write(byte[] src, int offset, int length) {
    ensureRemaining(length);
    System.arraycopy(src, offset, array, position, length);
    position += length;
  }

  public void writeIntBigEndian(int value) {
    ensureRemaining(4);
    putIntBigEndian(array, position, value);
    position += 4;
  }

  public void writeIntLittleEndian(int value) {
    ensureRemaining(4);
    putIntLittleEndian(array, position, value);
    position += 4;
  }

  static void putIntBigEndian(byte[] a, int index, int value) {
    a[index] = (byte) (value >>> 24);
    a[index + 1] = (byte) (value >>> 16);
    a[index + 2] = (byte) (value >>> 8);
    a[index + 3] = (byte) value;
  }

  static void putIntLittleEndian(byte[] a, int index, int value) {
    a[index] = (byte) value;
    a[index + 1] = (byte) (value >>> 8);
    a[index + 2] = (byte) (value >>> 16);
    a[index + 3] = (byte) (value >>> 24);
  }

  static int getIntBigEndian(byte[] a, int index) {
    return ((a[index] & 0xFF) << 24)
        | ((a[index + 1] & 0xFF) << 16)
        | ((a[index + 2] & 0xFF) << 8)
        | (a[index + 3] & 0xFF);
  }

  static int getIntLittleEndian(byte[] a, int index) {
    return (a[index] & 0xFF)
        | ((a[index + 1] & 0xFF) << 8)
        | ((a[index + 2] & 0xFF) << 16)
        | ((a[index + 3] & 0xFF) << 24);
  }
}
