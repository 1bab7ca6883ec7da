package dev.plume.internal.compression;

import java.util.Locale;

/**
 * The compression codec of a record batch, with its id in the batch attributes (bits 0-2) and its
 * {@code compression.type} config name.
 *
 * <p>Loading this enum never loads a codec library: see {@link Codecs}.
 */
public enum CompressionType {
  NONE(0, "none"),
  GZIP(1, "gzip"),
  SNAPPY(2, "snappy"),
  LZ4(3, "lz4"),
  ZSTD(4, "zstd");

  private static final CompressionType[] BY_ID = values();

  private final int id;
  private final String configName;

  CompressionType(int id, String configName) {
    this.id = id;
    this.configName = configName;
  }

  /** The codec id written in bits 0-2 of the batch attributes. */
  public int id() {
    return id;
  }

  /** The value of the {@code compression.type} config for this codec. */
  public String configName() {
    return configName;
  }

  /**
   * Returns the codec with this attribute id.
   *
   * @throws IllegalArgumentException if the id is not 0..4
   */
  public static CompressionType forId(int id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new IllegalArgumentException("Unknown compression codec id " + id + " (valid: 0-4)");
    }
    return BY_ID[id];
  }

  /**
   * Parses a {@code compression.type} value; case-insensitive, surrounding blanks ignored.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  public static CompressionType forConfigName(String name) {
    if (name != null) {
      String normalized = name.strip().toLowerCase(Locale.ROOT);
      for (CompressionType type : BY_ID) {
        if (type.configName.equals(normalized)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException(
        "Invalid value '"
            + name
            + "' for configuration compression.type: must be one of none, gzip, snappy, lz4, zstd");
  }
}
