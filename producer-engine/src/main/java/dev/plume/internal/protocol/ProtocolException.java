package dev.plume.internal.protocol;

/**
 * Bytes from the wire could not be decoded (truncated, oversized, negative size, malformed varint,
 * unknown version, ...). Unchecked: the caller's only sane reaction is to close the connection.
 */
public final class ProtocolException extends RuntimeException {

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
