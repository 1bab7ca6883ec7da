package dev.plume.internal.protocol;

/**
 * No version of an API is acceptable to both us and the broker, or a message was asked to be
 * encoded or decoded at a version it does not support. Never resolved by guessing a version.
 */
public final class UnsupportedVersionException extends RuntimeException {

  public UnsupportedVersionException(String message) {
    super(message);
  }
}
