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

  static void apply(Map<String, Object> configs, SslBundle bundle) {
    configs.remove(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
    configs.remove(SslBundle.class.getName());
    // Stores of spring.kafka.ssl.* must not be read next to a bundle (Boot refuses both at once).
    configs
        .keySet()
        .removeIf(key -> key.startsWith("ssl.keystore.") || key.startsWith("ssl.truststore."));
    javax.net.ssl.SSLContext context = bundle.createSslContext();
    SslContextProvider provider = () -> context;
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
  }
}
