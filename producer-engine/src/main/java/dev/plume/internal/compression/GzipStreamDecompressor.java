package dev.plume.internal.compression;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Reads gzip (one or more concatenated members) with an output cap. */
final class GzipStreamDecompressor implements Decompressor {

  @Override
  public void decompress(byte[] src, int offset, int length, ByteSink out, int maxOutputBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(src, offset, length))) {
      StreamCopy.copyCapped(in, out, maxOutputBytes, "gzip");
    } catch (IOException e) {
      throw new CorruptCompressedDataException("Malformed gzip data: " + e.getMessage(), e);
    }
  }
}
