package dev.plume.internal.security;

import dev.plume.producer.errors.AuthenticationException;

/**
 * The client side of one SASL mechanism for one connection: the messages it sends, in order, each
 * computed from the broker's previous answer. Not thread-safe; one instance per connection.
 */
public interface SaslMechanismClient {

  /** The mechanism name sent in SaslHandshake, e.g. {@code SCRAM-SHA-256}. */
  String mechanism();

  /** The first message to send. */
  byte[] initialResponse();

  /**
   * Handles the broker's answer to our last message.
   *
   * @return the next message to send, or null once the exchange is complete
   * @throws AuthenticationException if the broker's answer is invalid or fails verification
   */
  byte[] evaluate(byte[] challenge);

  boolean isComplete();
}
