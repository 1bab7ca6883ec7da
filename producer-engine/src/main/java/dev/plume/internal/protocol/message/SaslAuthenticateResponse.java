package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.Arrays;
import java.util.Objects;

/**
 * SaslAuthenticate response (key 36), version 2.
 *
 * <pre>
 * ErrorCode int16 | ErrorMessage compact nullable string | AuthBytes compact bytes |
 * SessionLifetimeMs int64 | tags
 * </pre>
 *
 * A non-zero SessionLifetimeMs asks the client to re-authenticate before it elapses (KIP-368).
 */
public record SaslAuthenticateResponse(
    short errorCode, String errorMessage, byte[] authBytes, long sessionLifetimeMs)
    implements ResponseMessage {

  public SaslAuthenticateResponse {
    authBytes = authBytes.clone();
  }

  @Override
  public byte[] authBytes() {
    return authBytes.clone();
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.SASL_AUTHENTICATE;
  }

  public static SaslAuthenticateResponse read(ProtocolReader r, short version) {
    ApiKey.SASL_AUTHENTICATE.requireSupported(version);
    short errorCode = r.readInt16("SaslAuthenticateResponse.ErrorCode");
    String errorMessage = r.readCompactNullableString("SaslAuthenticateResponse.ErrorMessage");
    byte[] bytes = r.readCompactBytes("SaslAuthenticateResponse.AuthBytes");
    long lifetimeMs = r.readInt64("SaslAuthenticateResponse.SessionLifetimeMs");
    r.skipTaggedFields("SaslAuthenticateResponse");
    return new SaslAuthenticateResponse(errorCode, errorMessage, bytes, lifetimeMs);
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.SASL_AUTHENTICATE.requireSupported(version);
    w.writeInt16(errorCode).writeCompactNullableString(errorMessage);
    w.writeCompactBytes(authBytes).writeInt64(sessionLifetimeMs).writeEmptyTaggedFields();
  }

  // Records compare arrays by identity; compare content instead.
  @Override
  public boolean equals(Object other) {
    return other instanceof SaslAuthenticateResponse o
        && errorCode == o.errorCode
        && sessionLifetimeMs == o.sessionLifetimeMs
        && Objects.equals(errorMessage, o.errorMessage)
        && Arrays.equals(authBytes, o.authBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(errorCode, errorMessage, sessionLifetimeMs) * 31
        + Arrays.hashCode(authBytes);
  }

  @Override
  public String toString() {
    return "SaslAuthenticateResponse[errorCode="
        + errorCode
        + ", errorMessage="
        + errorMessage
        + ", authBytes="
        + authBytes.length
        + " bytes, sessionLifetimeMs="
        + sessionLifetimeMs
        + "]";
  }
}
