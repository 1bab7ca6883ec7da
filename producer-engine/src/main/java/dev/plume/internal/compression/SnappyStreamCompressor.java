package dev.plume.internal.compression;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/**
 * snappy-java's stream framing (what Kafka reads with {@code SnappyInputStream}), not the official
 * Snappy framing format:
 *
 * <pre>
 *  0      8        12       16
 *  +------+--------+--------+----------------+-------------------+---
 *  |magic |version |compat  | chunk length   | raw snappy block  | ...
 *  |82 "SNAPPY" 00 | int32 1| int32 1 | int32 BE | (&lt;= 32 KiB input) |
 *  +------+--------+--------+----------------+-------------------+---
 * </pre>
 */
final class SnappyStreamCompressor implements Compressor {

  static final byte[] HEADER = {
    (byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1
  };

  /** Input bytes per block, as snappy-java's SnappyOutputStream default. */
  static final int BLOCK_SIZE = 32 * 1024;

  private final int maxBlockBytes;

  SnappyStreamCompressor() {
    // Also loads the native library now, so that a load failure surfaces at creation.
    this.maxBlockBytes = Snappy.maxCompressedLength(BLOCK_SIZE);
  }

  @Override
  public void compress(byte[] src, int offset, int length, ByteSink out) {
    out.write(HEADER, 0, HEADER.length);
    int end = offset + length;
    for (int blockStart = offset; blockStart < end; blockStart += BLOCK_SIZE) {
      int blockLength = Math.min(BLOCK_SIZE, end - blockStart);
      out.ensureRemaining(4 + maxBlockBytes);
      int lengthIndex = out.position();
      int compressed;
      try {
        compressed = Snappy.rawCompress(src, blockStart, blockLength, out.array(), lengthIndex + 4);
      } catch (IOException e) {
        throw new UncheckedIOException("snappy compression failed", e);
      }
      ByteSink.putIntBigEndian(out.array(), lengthIndex, compressed);
      out.position(lengthIndex + 4 + compressed);
    }
  }
}
