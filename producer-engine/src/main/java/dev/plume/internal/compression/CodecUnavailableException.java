package dev.plume.internal.compression;

/** A codec was requested whose optional library is not on the classpath (or failed to load). */
public final class CodecUnavailableException extends IllegalStateException {

  public CodecUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
