package dev.plume.internal.network;

import dev.plume.internal.security.SaslClientFactory;
import dev.plume.internal.security.SaslMechanismClient;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SaslConfig;
import java.io.IOException;

/**
 * SASL_PLAINTEXT / SASL_SSL: the bytes flow through {@code inner}'s transport unchanged; the
 * network client's connection setup runs the SaslHandshake / SaslAuthenticate exchange after
 * ApiVersions with the mechanism clients made here.
 *
 * @param tokens OAUTHBEARER tokens, or null for unsecured tokens
 */
record SaslTransportFactory(
    TransportFactory inner, SaslConfig config, OAuthBearerTokenProvider tokens)
    implements TransportFactory {

  @Override
  public Transport create(Node node, NetworkConfig networkConfig) throws IOException {
    return inner.create(node, networkConfig);
  }

  @Override
  public SaslMechanismClient newSaslClient() {
    return new SaslClientFactory(config, tokens).newClient();
  }
}
