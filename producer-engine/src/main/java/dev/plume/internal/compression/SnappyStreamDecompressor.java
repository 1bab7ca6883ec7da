package dev.plume.internal.compression;

import java.io.IOException;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/** Reads snappy-java stream framing (see {@link SnappyStreamCompressor}) with an output cap. */
final class SnappyStreamDecompressor implements Decompressor {

  private static final int MAGIC_LENGTH = 8;
  private static final int HEADER_LENGTH = SnappyStreamCompressor.HEADER.length;

  @Override
  public void decompress(byte[] src, int offset, int length, ByteSink out, int maxOutputBytes) {
    if (length < HEADER_LENGTH
        || !Arrays.equals(
            src, offset, offset + MAGIC_LENGTH, SnappyStreamCompressor.HEADER, 0, MAGIC_LENGTH)) {
      throw new CorruptCompressedDataException("Missing snappy-java stream header");
    }
    int end = offset + length;
    int position = offset + HEADER_LENGTH;
    int written = 0;
    while (position < end) {
      if (end - position < 4) {
        throw new CorruptCompressedDataException("Truncated snappy chunk length");
      }
      int chunkLength = ByteSink.getIntBigEndian(src, position);
      position += 4;
      if (chunkLength < 0 || chunkLength > end - position) {
        throw new CorruptCompressedDataException(
            "Snappy chunk length "
                + chunkLength
                + " exceeds the "
                + (end - position)
                + " bytes left");
      }
      try {
        int uncompressed = Snappy.uncompressedLength(src, position, chunkLength);
        // A Snappy element expands at most ~21x (3-byte copy of 64 bytes): a claimed length
        // beyond that is a lie, refused before reserving memory for it.
        if (uncompressed < 0 || uncompressed > chunkLength * 32L + 64) {
          throw new CorruptCompressedDataException("Snappy chunk claims an impossible length");
        }
        if (uncompressed > maxOutputBytes - written) {
          throw new CorruptCompressedDataException(
              "snappy data decompresses to more than the limit of " + maxOutputBytes + " bytes");
        }
        out.ensureRemaining(uncompressed);
        int n = Snappy.rawUncompress(src, position, chunkLength, out.array(), out.position());
        if (n != uncompressed) {
          throw new CorruptCompressedDataException("Snappy chunk size mismatch");
        }
        out.position(out.position() + n);
        written += n;
      } catch (IOException e) {
        throw new CorruptCompressedDataException("Malformed snappy chunk: " + e.getMessage(), e);
      }
      position += chunkLength;
    }
  }
}
