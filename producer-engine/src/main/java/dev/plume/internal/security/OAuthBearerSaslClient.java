package dev.plume.internal.security;

import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.LongSupplier;

/**
 * SASL OAUTHBEARER (RFC 7628) client: presents one bearer token per exchange, either from an {@link
 * OAuthBearerTokenProvider} (tokens of a real identity provider) or an unsecured JWS ({@code
 * "alg":"none"}) made locally, as Kafka's {@code unsecuredLoginStringClaim_sub} option does, for
 * development and tests against brokers using the default unsecured validator.
 */
final class OAuthBearerSaslClient implements SaslMechanismClient {

  private static final byte SEPARATOR = 0x01;

  private final OAuthBearerTokenProvider tokens;
  private boolean sentInitial;
  private boolean awaitingErrorAck;
  private boolean complete;

  OAuthBearerSaslClient(OAuthBearerTokenProvider tokens) {
    this.tokens = tokens;
  }

  /** With a locally made unsecured token for {@code subject}, valid {@code lifetimeMs}. */
  static OAuthBearerSaslClient unsecured(String subject, long lifetimeMs, LongSupplier clockMs) {
    return new OAuthBearerSaslClient(() -> unsecuredToken(subject, lifetimeMs, clockMs));
  }

  @Override
  public String mechanism() {
    return "OAUTHBEARER";
  }

  @Override
  public byte[] initialResponse() {
    String token = tokens.token();
    if (token == null || token.isBlank()) {
      throw new AuthenticationException("OAUTHBEARER: the token provider returned no token");
    }
    sentInitial = true;
    String message =
        "n,," + (char) SEPARATOR + "auth=Bearer " + token + (char) SEPARATOR + (char) SEPARATOR;
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /** header.payload. with an empty signature. */
  static String unsecuredToken(String subject, long lifetimeMs, LongSupplier clockMs) {
    long nowMs = clockMs.getAsLong();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"none\"}";
    String payload =
        "{\"iat\":"
            + nowMs / 1000
            + ",\"exp\":"
            + (nowMs + lifetimeMs) / 1000
            + ",\"sub\":\""
            + jsonEscape(subject)
            + "\"}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  @Override
  public byte[] evaluate(byte[] challenge) {
    if (!sentInitial) {
      throw new IllegalStateException("initialResponse() first");
    }
    if (awaitingErrorAck) {
      throw new AuthenticationException("OAUTHBEARER: the broker rejected the token");
    }
    if (challenge.length == 0) {
      complete = true;
      return null;
    }
    // RFC 7628 3.2.2: the server sent an error (JSON); the client answers with a single 0x01 and
    // the server then fails the exchange, with its message in SaslAuthenticate's ErrorMessage.
    awaitingErrorAck = true;
    return new byte[] {SEPARATOR};
  }

  @Override
  public boolean isComplete() {
    return complete;
  }

  private static String jsonEscape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
