package dev.plume.internal.compression;

import java.util.zip.Deflater;

/**
 * Per-codec compression levels, with Kafka's config names, defaults and ranges (KIP-390).
 *
 * @param gzipLevel {@value #GZIP_LEVEL_CONFIG}: -1 (zlib default, i.e. 6) or 1..9
 * @param lz4Level {@value #LZ4_LEVEL_CONFIG}: 1..17; 9 uses the fast compressor, others LZ4 HC
 * @param zstdLevel {@value #ZSTD_LEVEL_CONFIG}: -131072..22
 */
public record CompressionLevels(int gzipLevel, int lz4Level, int zstdLevel) {

  public static final String GZIP_LEVEL_CONFIG = "compression.gzip.level";
  public static final String LZ4_LEVEL_CONFIG = "compression.lz4.level";
  public static final String ZSTD_LEVEL_CONFIG = "compression.zstd.level";

  public static final int GZIP_DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;
  public static final int GZIP_MIN_LEVEL = 1;
  public static final int GZIP_MAX_LEVEL = 9;
  public static final int LZ4_DEFAULT_LEVEL = 9;
  public static final int LZ4_MIN_LEVEL = 1;
  public static final int LZ4_MAX_LEVEL = 17;
  public static final int ZSTD_DEFAULT_LEVEL = 3;
  public static final int ZSTD_MIN_LEVEL = -131072;
  public static final int ZSTD_MAX_LEVEL = 22;

  /** Kafka's defaults: gzip -1, lz4 9, zstd 3. */
  public static final CompressionLevels DEFAULTS =
      new CompressionLevels(GZIP_DEFAULT_LEVEL, LZ4_DEFAULT_LEVEL, ZSTD_DEFAULT_LEVEL);

  /**
   * @throws IllegalArgumentException naming the config key, the value and the rule it breaks
   */
  public CompressionLevels {
    if (gzipLevel != GZIP_DEFAULT_LEVEL
        && (gzipLevel < GZIP_MIN_LEVEL || gzipLevel > GZIP_MAX_LEVEL)) {
      throw invalid(GZIP_LEVEL_CONFIG, gzipLevel, "must be -1 (default) or between 1 and 9");
    }
    if (lz4Level < LZ4_MIN_LEVEL || lz4Level > LZ4_MAX_LEVEL) {
      throw invalid(LZ4_LEVEL_CONFIG, lz4Level, "must be between 1 and 17");
    }
    if (zstdLevel < ZSTD_MIN_LEVEL || zstdLevel > ZSTD_MAX_LEVEL) {
      throw invalid(ZSTD_LEVEL_CONFIG, zstdLevel, "must be between -131072 and 22");
    }
  }

  /** The level used for {@code type}, or 0 for codecs without levels (none, snappy). */
  public int levelFor(CompressionType type) {
    return switch (type) {
      case GZIP -> gzipLevel;
      case LZ4 -> lz4Level;
      case ZSTD -> zstdLevel;
      case NONE, SNAPPY -> 0;
    };
  }

  private static IllegalArgumentException invalid(String key, int value, String rule) {
    return new IllegalArgumentException(
        "Invalid value " + value + " for configuration " + key + ": " + rule);
  }
}
