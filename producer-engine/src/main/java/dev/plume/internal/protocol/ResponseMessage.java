package dev.plume.internal.protocol;

/** A response body; writing it is for tests and fake brokers. */
public interface ResponseMessage {

  ApiKey apiKey();

  void write(ProtocolWriter writer, short version);
}
