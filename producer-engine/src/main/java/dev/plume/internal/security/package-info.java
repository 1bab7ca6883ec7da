/**
 * The TLS and SASL machinery built from the parsed settings of {@link dev.plume.producer.security}:
 * {@link dev.plume.internal.security.SslEngineFactory} (an {@link javax.net.ssl.SSLEngine} per
 * connection) and {@link dev.plume.internal.security.SaslClientFactory} (a SASL mechanism client
 * per connection or re-authentication).
 */
package dev.plume.internal.security;
