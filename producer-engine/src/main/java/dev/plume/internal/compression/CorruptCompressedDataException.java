package dev.plume.internal.compression;

/** Compressed input was malformed, truncated, or decompresses to more than the allowed size. */
public final class CorruptCompressedDataException extends RuntimeException {

  public CorruptCompressedDataException(String message) {
    super(message);
  }

  public CorruptCompressedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
