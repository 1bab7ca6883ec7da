package dev.plume.producer.security;

import javax.net.ssl.SSLContext;

/**
 * Supplies the TLS context for each new broker connection, instead of key and trust stores named in
 * the configuration: for frameworks that manage TLS material themselves (Spring Boot SSL bundles)
 * and may replace it at run time. The protocols, cipher suites and hostname verification of the
 * configuration ({@code ssl.enabled.protocols}, {@code ssl.cipher.suites}, {@code
 * ssl.endpoint.identification.algorithm}) still apply to every engine made from it.
 *
 * <p>Called on the producer's I/O thread once per connection attempt; must be cheap and thread-safe
 * (typically a volatile read).
 */
@FunctionalInterface
public interface SslContextProvider {

  SSLContext sslContext();
}
