package dev.plume.internal.partition;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * 32-bit MurmurHash2 with the seed and constants Kafka's Java client uses, so that a key lands in
 * the same partition as with the official producer. Stateless, allocation-free and thread-safe.
 */
public final class Murmur2 {

  private static final int SEED = 0x9747b28c;
  private static final int M = 0x5bd1e995;
  private static final int R = 24;

  /** Reads 4 bytes as one little-endian int; the JIT turns this into a single load. */
  private static final VarHandle LITTLE_ENDIAN_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Murmur2() {}

  /** The hash of the whole array. */
  public static int hash(byte[] data) {
    return hashUnchecked(data, 0, data.length);
  }

  /**
   * The hash of {@code data[offset, offset + length)}, equal to {@link #hash(byte[])} of a copy of
   * that range (for keys that live in a larger, reused buffer).
   *
   * @throws IndexOutOfBoundsException when the range is not inside the array
   */
  public static int hash(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    return hashUnchecked(data, offset, length);
  }

  /** {@code x & 0x7fffffff}: Kafka's way to make a hash non-negative (not {@code abs}). */
  public static int toPositive(int x) {
    return x & 0x7fffffff;
  }

  private static int hashUnchecked(byte[] data, int offset, int length) {
    int h = SEED ^ length;
    int i = offset;
    int wholeChunksEnd = offset + (length & ~3);
    while (i < wholeChunksEnd) {
      int k = (int) LITTLE_ENDIAN_INT.get(data, i);
      k *= M;
      k ^= k >>> R;
      k *= M;
      h *= M;
      h ^= k;
      i += 4;
    }
    // The tail: up to 3 bytes, as unsigned values; written without switch fall-through.
    int remaining = length & 3;
    if (remaining == 3) {
      h ^= (data[i + 2] & 0xff) << 16;
    }
    if (remaining >= 2) {
      h ^= (data[i + 1] & 0xff) << 8;
    }
    if (remaining >= 1) {
      h ^= data[i] & 0xff;
      h *= M;
    }
    h ^= h >>> 13;
    h *= M;
    h ^= h >>> 15;
    return h;
  }
}
