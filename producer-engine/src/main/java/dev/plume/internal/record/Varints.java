package dev.plume.internal.record;

/**
 * Zigzag varint/varlong sizes and encoding into byte arrays, as the v2 record format uses them.
 * Package-local on purpose: the record format must not depend on the protocol package.
 */
final class Varints {

  private Varints() {}

  static int zigzag(int value) {
    return (value << 1) ^ (value >> 31);
  }

  static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  /** Bytes of the unsigned LEB128 form of {@code value} (1..5), branch-free. */
  static int sizeOfUnsignedVarint(int value) {
    int leadingZeros = Integer.numberOfLeadingZeros(value);
    return (38 - leadingZeros) / 7 + (leadingZeros >>> 5);
  }

  /** Bytes of the unsigned LEB128 form of {@code value} (1..10), branch-free. */
  static int sizeOfUnsignedVarlong(long value) {
    int leadingZeros = Long.numberOfLeadingZeros(value);
    return (70 - leadingZeros) / 7 + (leadingZeros >>> 6);
  }

  static int sizeOfVarint(int value) {
    return sizeOfUnsignedVarint(zigzag(value));
  }

  static int sizeOfVarlong(long value) {
    return sizeOfUnsignedVarlong(zigzag(value));
  }

  /** Writes the zigzag varint at {@code index}; returns the index after it. */
  static int writeVarint(byte[] array, int index, int value) {
    int v = zigzag(value);
    while ((v & ~0x7F) != 0) {
      array[index++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    array[index++] = (byte) v;
    return index;
  }

  /** Writes the zigzag varlong at {@code index}; returns the index after it. */
  static int writeVarlong(byte[] array, int index, long value) {
    long v = zigzag(value);
    while ((v & ~0x7FL) != 0) {
      array[index++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    array[index++] = (byte) v;
    return index;
  }
}
