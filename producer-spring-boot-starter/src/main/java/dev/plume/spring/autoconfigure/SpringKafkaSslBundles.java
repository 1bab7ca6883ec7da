package dev.plume.spring.autoconfigure;

import dev.plume.producer.security.SslContextProvider;
import java.util.Map;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * An SSL bundle of Boot's Kafka connection details ({@code spring.kafka.ssl.bundle}) in the form
 * {@code PlumeKafkaProducer} takes: Boot hands kafka-clients an {@code ssl.engine.factory.class}
 * reading the bundle, which the Plume engine has no place for; it gets the bundle's {@code
 * SSLContext} through an {@link SslContextProvider}, and the bundle's protocols and ciphers as
 * {@code ssl.enabled.protocols} and {@code ssl.cipher.suites}.
 */
final class SpringKafkaSslBundles {

  /** The key {@code PlumeKafkaProducer} reads an {@link SslContextProvider} instance from. */
  static final String SSL_CONTEXT_PROVIDER = SslContextProvider.class.getName();

  private SpringKafkaSslBundles() {}

  /**
   * Puts the bundle's material into {@code configs}.
   *
   * @return the context provider the producers get, whose context {@link
   *     ReloadableSslContext#update} replaces for producers made from then on
   */
  static ReloadableSslContext apply(Map<String, Object> configs, SslBundle bundle) {
    configs.remove(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
    configs.remove(SslBundle.class.getName());
    // Stores of spring.kafka.ssl.* must not be read next to a bundle (Boot refuses both at once).
    configs
        .keySet()
        .removeIf(key -> key.startsWith("ssl.keystore.") || key.startsWith("ssl.truststore."));
    ReloadableSslContext provider = new ReloadableSslContext(bundle.createSslContext());
    configs.put(SSL_CONTEXT_PROVIDER, provider);
    SslOptions options = bundle.getOptions();
    if (options.getEnabledProtocols() != null) {
      configs.put(
          SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG, String.join(",", options.getEnabledProtocols()));
    }
    if (options.getCiphers() != null) {
      configs.put(SslConfigs.SSL_CIPHER_SUITES_CONFIG, String.join(",", options.getCiphers()));
    }
    configs.put(SslConfigs.SSL_PROTOCOL_CONFIG, bundle.getProtocol());
    return provider;
  }

  /** The bundle's current context; a bundle reload swaps it. */
  static final class ReloadableSslContext implements SslContextProvider {

    private volatile javax.net.ssl.SSLContext current;

    ReloadableSslContext(javax.net.ssl.SSLContext initial) {
      this.current = initial;
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
      return current;
    }

    void update(javax.net.ssl.SSLContext context) {
      this.current = context;
    }
  }
}
