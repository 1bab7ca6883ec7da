package dev.plume.producer.security;

/**
 * Supplies the OAUTHBEARER access token (a compact JWS, as issued by the identity provider) for
 * each SASL authentication: every new connection and every KIP-368 re-authentication asks again, so
 * a provider that refreshes its token ahead of expiry keeps sessions alive without failing sends.
 *
 * <p>Called on the producer's I/O thread: return a cached token and refresh it elsewhere (a
 * scheduler, or your OAuth2 client's own cache); a slow call here delays every broker connection.
 * An exception fails the authentication of that connection.
 */
@FunctionalInterface
public interface OAuthBearerTokenProvider {

  /** The token to present now; never null. */
  String token();
}
