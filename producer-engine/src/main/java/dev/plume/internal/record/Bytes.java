package dev.plume.internal.record;

/** Big-endian stores into byte arrays, for header writes without ByteBuffer index translation. */
final class Bytes {

  private Bytes() {}

  static void putShort(byte[] a, int index, short value) {
    a[index] = (byte) (value >>> 8);
    a[index + 1] = (byte) value;
  }

  static void putInt(byte[] a, int index, int value) {
    a[index] = (byte) (value >>> 24);
    a[index + 1] = (byte) (value >>> 16);
    a[index + 2] = (byte) (value >>> 8);
    a[index + 3] = (byte) value;
  }

  static void putLong(byte[] a, int index, long value) {
    putInt(a, index, (int) (value >>> 32));
    putInt(a, index + 4, (int) value);
  }
}
