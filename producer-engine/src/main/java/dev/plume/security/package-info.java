/**
 * The TLS and SASL machinery built from the parsed settings of {@link dev.plume.producer.security}:
 * {@link dev.plume.security.SslEngineFactory} (an {@link javax.net.ssl.SSLEngine} per connection)
 * and {@link dev.plume.security.SaslClientFactory} (a SASL mechanism client per connection or
 * re-authentication).
 */
package dev.plume.security;
