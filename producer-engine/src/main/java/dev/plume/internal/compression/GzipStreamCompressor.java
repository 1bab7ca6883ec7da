package dev.plume.internal.compression;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * RFC 1952 gzip member: a fixed 10-byte header (no name, no mtime, OS unknown), raw deflate data,
 * then CRC-32 and ISIZE little-endian. The Deflater is reused between batches.
 */
final class GzipStreamCompressor implements Compressor {

  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };
  private static final int MIN_DEFLATE_CHUNK = 512;

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();

  GzipStreamCompressor(int level) {
    // nowrap: raw deflate, since the gzip header and trailer are written here.
    this.deflater = new Deflater(level, true);
  }

  @Override
  public void compress(byte[] src, int offset, int length, ByteSink out) {
    out.write(HEADER, 0, HEADER.length);
    deflater.reset();
    deflater.setInput(src, offset, length);
    deflater.finish();
    // Deflate's worst case is a few bytes per 16 KiB block over the input size.
    out.ensureRemaining(length + (length >>> 12) + 64);
    while (!deflater.finished()) {
      if (out.remaining() < MIN_DEFLATE_CHUNK) {
        out.ensureRemaining(Math.max(MIN_DEFLATE_CHUNK, out.array().length / 2));
      }
      int written = deflater.deflate(out.array(), out.position(), out.remaining());
      out.position(out.position() + written);
    }
    crc.reset();
    crc.update(src, offset, length);
    out.writeIntLittleEndian((int) crc.getValue());
    out.writeIntLittleEndian(length);
  }

  @Override
  public void close() {
    deflater.end();
  }
}
