package dev.plume.internal.compression;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Streams zstd frames (with or without content size) into a sink with an output cap. */
final class ZstdFrameDecompressor implements Decompressor {

  @Override
  public void decompress(byte[] src, int offset, int length, ByteSink out, int maxOutputBytes) {
    try (ZstdInputStreamNoFinalizer in =
        new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(src, offset, length))) {
      StreamCopy.copyCapped(in, out, maxOutputBytes, "zstd");
    } catch (IOException | RuntimeException e) {
      if (e instanceof CorruptCompressedDataException corrupt) {
        throw corrupt;
      }
      throw new CorruptCompressedDataException("Malformed zstd data: " + e.getMessage(), e);
    }
  }
}
