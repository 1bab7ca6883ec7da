package dev.plume.internal.network;

import dev.plume.internal.security.SaslClientFactory;
import dev.plume.internal.security.SaslMechanismClient;
import dev.plume.internal.security.SslEngineFactory;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SaslConfig;
import dev.plume.producer.security.SslConfig;
import dev.plume.producer.security.SslContextProvider;
import dev.plume.producer.security.TransportSecurity;
import java.io.IOException;

/** Creates one unconnected {@link Transport} per connection attempt. */
@FunctionalInterface
public interface TransportFactory {

  Transport create(Node node, NetworkConfig config) throws IOException;

  /**
   * A fresh SASL mechanism client for one exchange (a connection's first authentication, or a
   * KIP-368 re-authentication: SCRAM clients are single-use), or null when connections made by this
   * factory do not authenticate with SASL. The transports stay byte pipes either way.
   */
  default SaslMechanismClient newSaslClient() {
    return null;
  }

  /** Plaintext TCP (security.protocol=PLAINTEXT). */
  static TransportFactory plaintext() {
    return (node, config) -> PlaintextTransport.open(config);
  }

  /**
   * TLS (security.protocol=SSL): one engine per connection, for the host name the node is known by,
   * so hostname verification checks the name the client was given.
   */
  static TransportFactory ssl(SslEngineFactory engines) {
    return (node, config) ->
        new SslTransport(
            PlaintextTransport.open(config), engines.createEngine(node.host(), node.port()));
  }

  /** The transport {@code security.protocol} asks for. */
  static TransportFactory from(ProducerConfig config) {
    return from(config, null, null);
  }

  /**
   * The transport {@code security.protocol} asks for; with SSL or SASL_SSL, TLS contexts come from
   * {@code sslContexts} when it is not null (the configured stores are then not read); with
   * OAUTHBEARER, tokens come from {@code tokens} when it is not null.
   */
  static TransportFactory from(
      ProducerConfig config, SslContextProvider sslContexts, OAuthBearerTokenProvider tokens) {
    TransportSecurity security = config.transportSecurity();
    security.sasl().ifPresent(sasl -> new SaslClientFactory(sasl, tokens).requireTokenSource());
    return switch (security.protocol()) {
      case PLAINTEXT -> plaintext();
      case SSL -> ssl(engines(security, sslContexts));
      case SASL_PLAINTEXT -> sasl(plaintext(), security.sasl().orElseThrow(), tokens);
      case SASL_SSL ->
          sasl(ssl(engines(security, sslContexts)), security.sasl().orElseThrow(), tokens);
    };
  }

  private static SslEngineFactory engines(
      TransportSecurity security, SslContextProvider sslContexts) {
    SslConfig ssl = security.ssl().orElseThrow();
    return sslContexts == null ? new SslEngineFactory(ssl) : new SslEngineFactory(ssl, sslContexts);
  }

  /**
   * SASL over {@code inner} (SASL_PLAINTEXT, SASL_SSL): a fresh mechanism client per connection.
   */
  static TransportFactory sasl(TransportFactory inner, SaslConfig sasl) {
    return sasl(inner, sasl, null);
  }

  /** SASL over {@code inner}; OAUTHBEARER tokens from {@code tokens} (null: unsecured tokens). */
  static TransportFactory sasl(
      TransportFactory inner, SaslConfig sasl, OAuthBearerTokenProvider tokens) {
    return new SaslTransportFactory(inner, sasl, tokens);
  }
}
