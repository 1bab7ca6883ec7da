package dev.plume.internal.security;

import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SaslConfig;
import java.util.Objects;

/**
 * Builds the SASL mechanism client of a parsed {@link SaslConfig}, one per connection or
 * re-authentication (SCRAM clients are single-use). Kept apart from the parsed value so the public
 * configuration does not depend on the engine's mechanism implementations.
 */
public final class SaslClientFactory {

  private final SaslConfig config;
  private final OAuthBearerTokenProvider tokens; // null: none given

  /**
   * @param tokens OAUTHBEARER tokens; null presents an unsecured token ({@code
   *     unsecuredLoginStringClaim_sub}) instead
   */
  public SaslClientFactory(SaslConfig config, OAuthBearerTokenProvider tokens) {
    this.config = Objects.requireNonNull(config, "config");
    this.tokens = tokens;
  }

  public SaslConfig config() {
    return config;
  }

  /** A new mechanism client, for one connection or re-authentication. */
  public SaslMechanismClient newClient() {
    return switch (config.mechanism()) {
      case "PLAIN" -> new PlainSaslClient(config.username(), config.password());
      case "OAUTHBEARER" -> {
        if (tokens != null) {
          yield new OAuthBearerSaslClient(tokens);
        }
        requireTokenSource();
        yield OAuthBearerSaslClient.unsecured(
            config.username(), config.tokenLifetimeMs(), System::currentTimeMillis);
      }
      default -> new ScramSaslClient(config.mechanism(), config.username(), config.password());
    };
  }

  /**
   * Fails, naming the fix, when OAUTHBEARER has neither a token provider nor an unsecured subject;
   * called when the producer is built, so a missing provider never reaches the I/O thread.
   */
  public void requireTokenSource() {
    if (tokens == null && config.needsTokenProvider()) {
      throw new ConfigException(
          SaslConfig.JAAS_CONFIG
              + ": OAUTHBEARER needs a token source: an OAuthBearerTokenProvider"
              + " (PlumeProducer.builder(..).oauthBearerTokenProvider(..), or a bean with the"
              + " Spring Boot starter), or "
              + SaslConfig.UNSECURED_SUBJECT
              + " for unsecured test tokens");
    }
  }
}
