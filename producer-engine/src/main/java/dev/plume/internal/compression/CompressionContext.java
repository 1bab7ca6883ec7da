package dev.plume.internal.compression;

import java.util.zip.CRC32C;

/**
 * Per-thread compression state kept by the single thread that seals batches: one lazily created
 * compressor per codec, a reusable scratch buffer for compressed output, and a CRC-32C.
 *
 * <p>Ownership: the context owns the scratch buffer; callers may read {@link #scratch()} only until
 * their next use of this context. Not thread-safe. {@link #close()} releases native state.
 */
public final class CompressionContext implements AutoCloseable {

  private static final int INITIAL_SCRATCH_BYTES = 64 * 1024;

  private final CompressionLevels levels;
  private final Compressor[] compressors = new Compressor[CompressionType.values().length];
  private final ByteSink scratch = new ByteSink(INITIAL_SCRATCH_BYTES);
  private final CRC32C crc32c = new CRC32C();

  public CompressionContext(CompressionLevels levels) {
    this.levels = levels;
  }

  /** A context with Kafka's default levels. */
  public CompressionContext() {
    this(CompressionLevels.DEFAULTS);
  }

  public CompressionLevels levels() {
    return levels;
  }

  /**
   * The compressor for {@code type}, created on first use.
   *
   * @throws CodecUnavailableException if the codec's library is missing
   */
  public Compressor compressor(CompressionType type) {
    Compressor compressor = compressors[type.id()];
    if (compressor == null) {
      compressor = Codecs.newCompressor(type, levels);
      compressors[type.id()] = compressor;
    }
    return compressor;
  }

  /** The reusable scratch buffer; its content is only valid until the next use of this context. */
  public ByteSink scratch() {
    return scratch;
  }

  /** A reusable CRC-32C; callers must {@code reset()} it before use. */
  public CRC32C crc32c() {
    return crc32c;
  }

  @Override
  public void close() {
    for (int i = 0; i < compressors.length; i++) {
      if (compressors[i] != null) {
        compressors[i].close();
        compressors[i] = null;
      }
    }
  }
}
