package dev.plume.internal.compression;

/**
 * Creates compressors and decompressors, checking first that the codec's optional library is on the
 * classpath. This is the only class that names the library-backed codec classes, and it only loads
 * one after the check, so a missing library fails with a message naming the Maven coordinates to
 * add instead of a {@link NoClassDefFoundError} somewhere later.
 */
public final class Codecs {

  private Codecs() {}

  /**
   * Creates a compressor for {@code type} at the level given by {@code levels}.
   *
   * @throws IllegalArgumentException for {@link CompressionType#NONE}
   * @throws CodecUnavailableException if the codec's library is missing or fails to load
   */
  public static Compressor newCompressor(CompressionType type, CompressionLevels levels) {
    requireAvailable(type);
    try {
      return switch (type) {
        case NONE -> throw new IllegalArgumentException("No compressor for compression.type none");
        case GZIP -> new GzipStreamCompressor(levels.gzipLevel());
        case SNAPPY -> new SnappyStreamCompressor();
        case LZ4 -> new Lz4FrameCompressor(levels.lz4Level());
        case ZSTD -> new ZstdFrameCompressor(levels.zstdLevel());
      };
    } catch (LinkageError e) {
      throw unavailable(type, e);
    }
  }

  /**
   * Creates a decompressor for {@code type}.
   *
   * @throws IllegalArgumentException for {@link CompressionType#NONE}
   * @throws CodecUnavailableException if the codec's library is missing or fails to load
   */
  public static Decompressor newDecompressor(CompressionType type) {
    requireAvailable(type);
    try {
      return switch (type) {
        case NONE ->
            throw new IllegalArgumentException("No decompressor for compression.type none");
        case GZIP -> new GzipStreamDecompressor();
        case SNAPPY -> new SnappyStreamDecompressor();
        case LZ4 -> new Lz4FrameDecompressor();
        case ZSTD -> new ZstdFrameDecompressor();
      };
    } catch (LinkageError e) {
      throw unavailable(type, e);
    }
  }

  /** Whether the library {@code type} needs can be found (gzip and none need none). */
  public static boolean isAvailable(CompressionType type) {
    String probe = probeClass(type);
    if (probe == null) {
      return true;
    }
    try {
      Class.forName(probe, false, Codecs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * @throws CodecUnavailableException if {@link #isAvailable} is false
   */
  public static void requireAvailable(CompressionType type) {
    if (!isAvailable(type)) {
      throw unavailable(type, null);
    }
  }

  /** The Maven coordinates of the library {@code type} needs, or null if it needs none. */
  public static String mavenCoordinates(CompressionType type) {
    return switch (type) {
      case NONE, GZIP -> null;
      case SNAPPY -> "org.xerial.snappy:snappy-java";
      case LZ4 -> "at.yawk.lz4:lz4-java";
      case ZSTD -> "com.github.luben:zstd-jni";
    };
  }

  private static String probeClass(CompressionType type) {
    return switch (type) {
      case NONE, GZIP -> null;
      case SNAPPY -> "org.xerial.snappy.Snappy";
      case LZ4 -> "net.jpountz.lz4.LZ4Factory";
      case ZSTD -> "com.github.luben.zstd.ZstdCompressCtx";
    };
  }

  private static CodecUnavailableException unavailable(CompressionType type, Throwable cause) {
    String reason =
        cause == null ? "class " + probeClass(type) + " is not on the classpath" : cause.toString();
    return new CodecUnavailableException(
        "compression.type="
            + type.configName()
            + " needs the optional library "
            + mavenCoordinates(type)
            + ": add the Maven dependency "
            + mavenCoordinates(type)
            + " to your application ("
            + reason
            + ")",
        cause);
  }
}
