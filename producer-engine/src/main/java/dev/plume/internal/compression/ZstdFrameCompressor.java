package dev.plume.internal.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * One standard zstd frame, written like Kafka's streaming writer (no content size, no checksum),
 * from a context reused between batches.
 */
final class ZstdFrameCompressor implements Compressor {

  private final ZstdCompressCtx context;

  ZstdFrameCompressor(int level) {
    this.context = new ZstdCompressCtx();
    context.setLevel(level);
    context.setContentSize(false);
    context.setChecksum(false);
  }

  @Override
  public void compress(byte[] src, int offset, int length, ByteSink out) {
    long bound = Zstd.compressBound(length);
    out.ensureRemaining((int) Math.min(Integer.MAX_VALUE - 32, bound));
    int n =
        context.compressByteArray(
            out.array(), out.position(), out.remaining(), src, offset, length);
    out.position(out.position() + n);
  }

  @Override
  public void close() {
    context.close();
  }
}
