package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * SaslHandshake response (key 17), version 1 (not flexible).
 *
 * <pre>
 * ErrorCode int16 | Mechanisms int32-counted array of string
 * </pre>
 *
 * UNSUPPORTED_SASL_MECHANISM (33) lists the mechanisms the broker enables.
 */
public record SaslHandshakeResponse(short errorCode, List<String> mechanisms)
    implements ResponseMessage {

  public SaslHandshakeResponse {
    mechanisms = List.copyOf(mechanisms);
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.SASL_HANDSHAKE;
  }

  public static SaslHandshakeResponse read(ProtocolReader r, short version) {
    ApiKey.SASL_HANDSHAKE.requireSupported(version);
    short errorCode = r.readInt16("SaslHandshakeResponse.ErrorCode");
    List<String> mechanisms =
        r.readArray(
            "SaslHandshakeResponse.Mechanisms",
            2,
            m -> m.readString("SaslHandshakeResponse.Mechanisms"));
    return new SaslHandshakeResponse(errorCode, mechanisms);
  }
}
