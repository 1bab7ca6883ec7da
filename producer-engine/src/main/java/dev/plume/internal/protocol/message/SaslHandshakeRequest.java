package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;

/**
 * SaslHandshake request (key 17), version 1, which is NOT flexible (classic encodings, request
 * header v1, response header v0). With v1 the SASL tokens then travel in SaslAuthenticate.
 *
 * <pre>
 * Mechanism string (int16 length)
 * </pre>
 */
public record SaslHandshakeRequest(String mechanism) implements RequestMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.SASL_HANDSHAKE;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.SASL_HANDSHAKE.requireSupported(version);
    w.writeString(mechanism);
  }
}
