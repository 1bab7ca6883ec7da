package dev.plume.internal.compression;

/**
 * Decompresses one Kafka-framed stream. Input is untrusted: malformed input and output beyond the
 * cap fail with {@link CorruptCompressedDataException}, never with an allocation larger than the
 * cap. Not thread-safe.
 */
public interface Decompressor {

  /**
   * Appends the decompressed form of {@code src[offset, offset + length)} to {@code out}.
   *
   * @param maxOutputBytes the most bytes this call may append to {@code out}
   * @throws CorruptCompressedDataException if the input is malformed or decompresses to more than
   *     {@code maxOutputBytes}
   */
  void decompress(byte[] src, int offset, int length, ByteSink out, int maxOutputBytes);
}
