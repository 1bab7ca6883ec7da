package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.Arrays;
import java.util.Objects;

/**
 * SaslAuthenticate response (key 36), versions 0-2 (flexible from 2).
 *
 * <pre>
 * ErrorCode int16 | ErrorMessage compact nullable string | AuthBytes compact bytes |
 * SessionLifetimeMs int64 (1+) | tags (2+)
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
    boolean flex = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
    short errorCode = r.readInt16("SaslAuthenticateResponse.ErrorCode");
    String errorMessage = r.readNullableString("SaslAuthenticateResponse.ErrorMessage", flex);
    byte[] bytes = r.readBytes("SaslAuthenticateResponse.AuthBytes", flex);
    long lifetimeMs = version >= 1 ? r.readInt64("SaslAuthenticateResponse.SessionLifetimeMs") : 0L;
    r.skipTaggedFields("SaslAuthenticateResponse", flex);
    return new SaslAuthenticateResponse(errorCode, errorMessage, bytes, lifetimeMs);
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
