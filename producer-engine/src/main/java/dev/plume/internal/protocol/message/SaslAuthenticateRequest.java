package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.Arrays;

/**
 * SaslAuthenticate request (key 36), versions 0-2 (flexible from 2).
 *
 * <pre>
 * AuthBytes compact bytes | tags
 * </pre>
 */
public record SaslAuthenticateRequest(byte[] authBytes) implements RequestMessage {

  public SaslAuthenticateRequest {
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

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.SASL_AUTHENTICATE.requireSupported(version);
    boolean flex = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
    w.writeBytes(authBytes, flex).writeEmptyTaggedFields(flex);
  }

  // Records compare arrays by identity; compare content instead.
  @Override
  public boolean equals(Object other) {
    return other instanceof SaslAuthenticateRequest o && Arrays.equals(authBytes, o.authBytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(authBytes);
  }

  @Override
  public String toString() {
    // Auth bytes may hold credentials: show only their size.
    return "SaslAuthenticateRequest[authBytes=" + authBytes.length + " bytes]";
  }
}
