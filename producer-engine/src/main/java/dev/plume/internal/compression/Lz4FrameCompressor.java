package dev.plume.internal.compression;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 frame as Kafka writes it: magic {@code 04 22 4D 18}, FLG 0x60 (version 01, independent
 * blocks, no checksums, no content size), BD 0x40 (64 KiB blocks), HC = second byte of XXH32 over
 * FLG..BD; then blocks, each an int32 little-endian size (bit 31 set = stored uncompressed) and its
 * data; then a 4-byte zero end mark.
 */
final class Lz4FrameCompressor implements Compressor {

  static final int MAGIC = 0x184D2204;
  static final int FLG = 0x60;
  static final int BD = 0x40;
  static final int BLOCK_SIZE = 64 * 1024;
  static final int UNCOMPRESSED_FLAG = 0x80000000;
  private static final int FAST_LEVEL = 9;

  private final LZ4Compressor compressor;
  private final int maxBlockBytes;
  private final byte headerChecksum;

  Lz4FrameCompressor(int level) {
    LZ4Factory factory = LZ4Factory.fastestInstance();
    this.compressor =
        level == FAST_LEVEL ? factory.fastCompressor() : factory.highCompressor(level);
    this.maxBlockBytes = compressor.maxCompressedLength(BLOCK_SIZE);
    this.headerChecksum = headerChecksum(new byte[] {FLG, BD}, 0, 2);
  }

  static byte headerChecksum(byte[] descriptor, int offset, int length) {
    int hash = XXHashFactory.fastestInstance().hash32().hash(descriptor, offset, length, 0);
    return (byte) ((hash >> 8) & 0xFF);
  }

  @Override
  public void compress(byte[] src, int offset, int length, ByteSink out) {
    out.writeIntLittleEndian(MAGIC);
    out.writeByte(FLG);
    out.writeByte(BD);
    out.writeByte(headerChecksum);
    int end = offset + length;
    for (int blockStart = offset; blockStart < end; blockStart += BLOCK_SIZE) {
      int blockLength = Math.min(BLOCK_SIZE, end - blockStart);
      out.ensureRemaining(4 + Math.max(maxBlockBytes, blockLength));
      int sizeIndex = out.position();
      int compressed =
          compressor.compress(
              src, blockStart, blockLength, out.array(), sizeIndex + 4, maxBlockBytes);
      if (compressed >= blockLength) {
        // Storing is smaller (or equal) than compressing: write the block raw, flagged.
        System.arraycopy(src, blockStart, out.array(), sizeIndex + 4, blockLength);
        ByteSink.putIntLittleEndian(out.array(), sizeIndex, blockLength | UNCOMPRESSED_FLAG);
        out.position(sizeIndex + 4 + blockLength);
      } else {
        ByteSink.putIntLittleEndian(out.array(), sizeIndex, compressed);
        out.position(sizeIndex + 4 + compressed);
      }
    }
    out.writeIntLittleEndian(0);
  }
}
