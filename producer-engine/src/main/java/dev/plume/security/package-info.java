/**
 * TLS and SASL settings and the machinery built from them: {@link dev.plume.security.SslConfig}
 * (the official {@code ssl.*} settings, typed), {@link dev.plume.security.SslEngineFactory} (an
 * {@link javax.net.ssl.SSLEngine} per connection). Secrets are held as {@link
 * dev.plume.security.Password} so they never reach a log line or an exception message.
 */
package dev.plume.security;
