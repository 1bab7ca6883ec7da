package dev.plume.internal.security;

import dev.plume.producer.security.Password;
import java.nio.charset.StandardCharsets;

/** SASL PLAIN (RFC 4616): one message, {@code [authzid] NUL authcid NUL passwd}, in clear text. */
final class PlainSaslClient implements SaslMechanismClient {

  private final String username;
  private final Password password;
  private boolean complete;

  PlainSaslClient(String username, Password password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public String mechanism() {
    return "PLAIN";
  }

  @Override
  public byte[] initialResponse() {
    return ("\0" + username + "\0" + password.value()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] evaluate(byte[] challenge) {
    complete = true; // the broker's (empty) answer ends the exchange
    return null;
  }

  @Override
  public boolean isComplete() {
    return complete;
  }
}
