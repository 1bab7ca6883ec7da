package dev.plume.internal.compression;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads one LZ4 frame with the rules Kafka's reader applies: version 01, independent blocks,
 * reserved bits 0, block size code 4-7, correct header checksum; optional content size, block and
 * content checksums are accepted (checksums are skipped, the batch CRC covers the data).
 */
final class Lz4FrameDecompressor implements Decompressor {

  private static final int FLG_VERSION_MASK = 0xC0;
  private static final int FLG_VERSION_01 = 0x40;
  private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
  private static final int FLG_BLOCK_CHECKSUM = 0x10;
  private static final int FLG_CONTENT_SIZE = 0x08;
  private static final int FLG_CONTENT_CHECKSUM = 0x04;
  private static final int FLG_RESERVED = 0x02;
  private static final int FLG_DICT_ID = 0x01;
  private static final int BD_RESERVED = 0x8F;

  private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();

  @Override
  public void decompress(byte[] src, int offset, int length, ByteSink out, int maxOutputBytes) {
    int end = offset + length;
    int position = offset;
    if (length < 7 || ByteSink.getIntLittleEndian(src, position) != Lz4FrameCompressor.MAGIC) {
      throw new CorruptCompressedDataException("Missing LZ4 frame magic");
    }
    position += 4;
    int descriptorStart = position;
    int flg = src[position++] & 0xFF;
    int bd = src[position++] & 0xFF;
    if ((flg & FLG_VERSION_MASK) != FLG_VERSION_01
        || (flg & (FLG_RESERVED | FLG_DICT_ID)) != 0
        || (bd & BD_RESERVED) != 0) {
      throw new CorruptCompressedDataException("Unsupported LZ4 frame descriptor");
    }
    if ((flg & FLG_BLOCK_INDEPENDENCE) == 0) {
      throw new CorruptCompressedDataException("Dependent LZ4 blocks are not supported");
    }
    int sizeCode = (bd >>> 4) & 0x07;
    if (sizeCode < 4) {
      throw new CorruptCompressedDataException("Invalid LZ4 block size code " + sizeCode);
    }
    int maxBlockSize = 1 << (8 + 2 * sizeCode);
    if ((flg & FLG_CONTENT_SIZE) != 0) {
      position += 8;
    }
    if (end - position < 1) {
      throw new CorruptCompressedDataException("Truncated LZ4 frame descriptor");
    }
    byte expected =
        Lz4FrameCompressor.headerChecksum(src, descriptorStart, position - descriptorStart);
    if (src[position++] != expected) {
      throw new CorruptCompressedDataException("LZ4 frame descriptor checksum mismatch");
    }
    boolean blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
    int written = 0;
    while (true) {
      if (end - position < 4) {
        throw new CorruptCompressedDataException("Truncated LZ4 block size");
      }
      int rawSize = ByteSink.getIntLittleEndian(src, position);
      position += 4;
      if (rawSize == 0) {
        break;
      }
      boolean stored = (rawSize & Lz4FrameCompressor.UNCOMPRESSED_FLAG) != 0;
      int size = rawSize & ~Lz4FrameCompressor.UNCOMPRESSED_FLAG;
      int trailer = blockChecksum ? 4 : 0;
      if (size > maxBlockSize || size > end - position - trailer) {
        throw new CorruptCompressedDataException("LZ4 block size " + size + " is invalid");
      }
      int room = Math.min(maxBlockSize, maxOutputBytes - written);
      if (stored) {
        if (size > room) {
          throw tooLarge(maxOutputBytes);
        }
        out.write(src, position, size);
        written += size;
      } else {
        // An LZ4 sequence expands at most ~255x: never reserve more than the block could justify.
        out.ensureRemaining((int) Math.min(room, size * 256L + 64));
        int n;
        try {
          n =
              decompressor.decompress(
                  src,
                  position,
                  size,
                  out.array(),
                  out.position(),
                  Math.min(room, out.remaining()));
        } catch (LZ4Exception e) {
          if (room < maxBlockSize || out.remaining() < maxBlockSize) {
            throw new CorruptCompressedDataException(
                "Malformed LZ4 block, or data over the limit of " + maxOutputBytes + " bytes", e);
          }
          throw new CorruptCompressedDataException("Malformed LZ4 block", e);
        }
        out.position(out.position() + n);
        written += n;
      }
      position += size + trailer;
    }
    if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
      position += 4;
    }
    if (position != end) {
      throw new CorruptCompressedDataException(
          "LZ4 frame ends " + (end - position) + " bytes before the data (or after it)");
    }
  }

  private static CorruptCompressedDataException tooLarge(int maxOutputBytes) {
    return new CorruptCompressedDataException(
        "lz4 data decompresses to more than the limit of " + maxOutputBytes + " bytes");
  }
}
