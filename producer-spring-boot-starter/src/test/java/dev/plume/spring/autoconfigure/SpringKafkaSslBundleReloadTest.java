package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.security.SslContextProvider;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A reload of the SSL bundle named in {@code spring.kafka.ssl.bundle} reaches the spring-kafka
 * factory's producers: new producers get the new context (open ones are asked to reconnect; the
 * handshake itself is PlumeSslBundleEndToEndTest's, for the starter's own producers).
 */
class SpringKafkaSslBundleReloadTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SslAutoConfiguration.class,
                  PlumeProducerAutoConfiguration.class,
                  PlumeSpringKafkaAutoConfiguration.class,
                  KafkaAutoConfiguration.class))
          // The JDK's default trust: enough to see contexts replaced; the handshake with a bundle
          // is PlumeSslBundleEndToEndTest's.
          .withBean(
              SslBundleRegistrar.class,
              () -> registry -> registry.registerBundle("kafka", SslBundle.of(null)))
          .withPropertyValues(
              "spring.kafka.bootstrap-servers=localhost:9093",
              "spring.kafka.security.protocol=SSL");

  @Test
  void reloadOfTheNamedBundleSwapsTheProducersContext() {
    runner
        .withPropertyValues("spring.kafka.ssl.bundle=kafka")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ProducerFactory<?, ?> factory = context.getBean(ProducerFactory.class);
              SslContextProvider provider = provider(factory);
              SSLContext before = provider.sslContext();
              try (Producer<?, ?> producer = factory.createProducer()) {
                ((SslBundleRegistry) context.getBean(SslBundles.class))
                    .updateBundle("kafka", SslBundle.of(null));
                assertThat(provider.sslContext()).isNotNull().isNotSameAs(before);
                // The open producer keeps working; it reconnects when it next connects.
                assertThat(producer.metrics()).isNotEmpty();
              }
            });
  }

  @Test
  void theProducersOwnBundleIsFollowedToo() {
    runner
        .withPropertyValues("spring.kafka.producer.ssl.bundle=kafka")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              SslContextProvider provider = provider(context.getBean(ProducerFactory.class));
              SSLContext before = provider.sslContext();
              ((SslBundleRegistry) context.getBean(SslBundles.class))
                  .updateBundle("kafka", SslBundle.of(null));
              assertThat(provider.sslContext()).isNotSameAs(before);
            });
  }

  private static SslContextProvider provider(ProducerFactory<?, ?> factory) {
    Object provider = factory.getConfigurationProperties().get(SslContextProvider.class.getName());
    assertThat(provider).isInstanceOf(SslContextProvider.class);
    return (SslContextProvider) provider;
  }
}
