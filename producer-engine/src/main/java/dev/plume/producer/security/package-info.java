/**
 * Public TLS and SASL configuration: the parsed {@code ssl.*} and {@code sasl.*} settings ({@link
 * dev.plume.producer.security.SslConfig}, {@link dev.plume.producer.security.SaslConfig}), secrets
 * held as {@link dev.plume.producer.security.Password} so they never reach a log line or an
 * exception message, and the SPIs a framework implements to hand the producer TLS contexts or
 * OAUTHBEARER tokens.
 */
package dev.plume.producer.security;
