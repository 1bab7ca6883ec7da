package dev.plume.internal.protocol;

/** A request body that can be written at any version its API implements. */
public interface RequestMessage {

  ApiKey apiKey();

  /**
   * Writes the body (not the header) at {@code version}.
   *
   * @throws UnsupportedVersionException if we do not implement {@code version}
   */
  void write(ProtocolWriter writer, short version);
}
