package dev.plume.internal.network;

import dev.plume.internal.security.SaslMechanismClient;
import java.util.function.DoubleSupplier;

/**
 * One connection's SASL state: the mechanism client of the exchange under way, and when the broker
 * wants the next exchange (KIP-368 re-authentication). Driven by {@link ConnectionSetup}; the
 * selector loop only asks whether sending must pause.
 */
final class SaslSession {

  private SaslMechanismClient client;

  /** Completed exchanges on this connection (the first, then re-authentications). */
  private int authentications;

  /** When to re-authenticate (the broker gave a session lifetime), else MAX_VALUE. */
  private long reauthAtMs = Long.MAX_VALUE;

  /** True once reauthAtMs passed: no new requests until the exchange is done. */
  private boolean reauthDue;

  SaslSession(SaslMechanismClient client) {
    this.client = client;
  }

  SaslMechanismClient client() {
    return client;
  }

  long reauthAtMs() {
    return reauthAtMs;
  }

  boolean reauthDue() {
    return reauthDue;
  }

  /** The session is about to expire: new requests wait until the next exchange is done. */
  void markReauthDue() {
    reauthDue = true;
  }

  /** Starts a re-authentication with {@code fresh} (SCRAM clients are single-use: nonces). */
  void restart(SaslMechanismClient fresh) {
    reauthDue = false;
    client = fresh;
  }

  /**
   * An exchange completed. With a session lifetime, schedules the next one at 85-95% of it, counted
   * from when our last token was sent (the broker starts the clock when it receives it), jittered
   * so that connections opened together do not re-authenticate together.
   *
   * @return true if this was a re-authentication
   */
  boolean authenticated(long lastTokenSentMs, long sessionLifetimeMs, DoubleSupplier random01) {
    boolean reauthentication = authentications > 0;
    authentications++;
    reauthAtMs = Long.MAX_VALUE;
    if (sessionLifetimeMs > 0) {
      double fraction = 0.85 + 0.10 * random01.getAsDouble();
      reauthAtMs = lastTokenSentMs + (long) (sessionLifetimeMs * fraction);
    }
    return reauthentication;
  }
}
