package dev.plume.internal.compression;

/**
 * Compresses a records section into one complete stream in Kafka's framing for its codec.
 * Implementations keep native/deflater state between calls and are not thread-safe.
 */
public interface Compressor extends AutoCloseable {

  /**
   * Appends the compressed form of {@code src[offset, offset + length)} to {@code out} (from its
   * position, growing it as needed).
   */
  void compress(byte[] src, int offset, int length, ByteSink out);

  /** Releases native resources (Deflater, zstd context). The compressor is unusable after. */
  @Override
  default void close() {}
}
