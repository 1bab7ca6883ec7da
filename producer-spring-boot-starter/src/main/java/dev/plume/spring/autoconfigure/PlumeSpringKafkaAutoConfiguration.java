package dev.plume.spring.autoconfigure;

import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import dev.plume.spring.springkafka.PlumeKafkaProducers;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.StringUtils;

/**
 * Runs a spring-kafka application's producers on the Plume engine: registers {@code
 * kafkaProducerFactory} (the name Boot gives its own) as a {@link PlumeKafkaProducerFactory} made
 * exactly as Boot's {@code KafkaAutoConfiguration} makes its {@code DefaultKafkaProducerFactory}
 * ({@code spring.kafka.*}, {@link KafkaConnectionDetails}, {@code
 * spring.kafka.producer.transaction-id-prefix}, {@link DefaultKafkaProducerFactoryCustomizer}
 * beans), with {@code plume.producer}'s tuning settings on top. Ordered before Boot's Kafka
 * auto-configuration, whose producer factory then backs off ({@code @ConditionalOnMissingBean}),
 * while its {@code KafkaTemplate}, {@code KafkaTransactionManager} and metrics use this one.
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({
  DefaultKafkaProducerFactory.class,
  KafkaProperties.class,
  PlumeKafkaProducer.class
})
@ConditionalOnBooleanProperty(name = "plume.producer.spring-kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties({KafkaProperties.class, PlumeProducerProperties.class})
public final class PlumeSpringKafkaAutoConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(PlumeSpringKafkaAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(ProducerFactory.class)
  PlumeKafkaProducerFactory<?, ?> kafkaProducerFactory(
      KafkaProperties kafkaProperties,
      PlumeProducerProperties plumeProperties,
      ObjectProvider<KafkaConnectionDetails> connectionDetails,
      ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers,
      PlumeKafkaProducers producers,
      ObjectProvider<SslBundles> sslBundles) {
    Map<String, Object> configs = kafkaProperties.buildProducerProperties();
    KafkaConnectionDetails connection = connectionDetails.getIfAvailable();
    if (connection != null) {
      SpringKafkaSslBundles.ReloadableSslContext sslContext =
          applyConnectionDetails(configs, connection.getProducer());
      if (sslContext != null) {
        reloadOnUpdate(
            sslBundles.getIfAvailable(),
            bundleName(kafkaProperties),
            connection.getProducer().getSslBundle(),
            sslContext,
            producers);
      }
    }
    configs.putAll(PlumeConfigMapper.springKafkaOverrides(plumeProperties));
    PlumeKafkaProducerFactory<Object, Object> factory = new PlumeKafkaProducerFactory<>(configs);
    String transactionIdPrefix = kafkaProperties.getProducer().getTransactionIdPrefix();
    if (transactionIdPrefix != null) {
      factory.setTransactionIdPrefix(transactionIdPrefix);
    }
    factory.addListener(producers);
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return factory;
  }

  /** The factory's open producers, for Plume's health contributor and meters. */
  @Bean
  @ConditionalOnMissingBean
  PlumeKafkaProducers plumeKafkaProducers() {
    return new PlumeKafkaProducers();
  }

  /**
   * What Boot applies from its connection details: they win over {@code spring.kafka.*}.
   *
   * @return the producers' TLS context when an SSL bundle is in use, else null
   */
  private static SpringKafkaSslBundles.ReloadableSslContext applyConnectionDetails(
      Map<String, Object> configs, KafkaConnectionDetails.Configuration producer) {
    configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
    if (StringUtils.hasLength(producer.getSecurityProtocol())) {
      configs.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, producer.getSecurityProtocol());
    }
    if (producer.getSslBundle() != null) {
      return SpringKafkaSslBundles.apply(configs, producer.getSslBundle());
    }
    return null;
  }

  /** {@code spring.kafka.producer.ssl.bundle}, else {@code spring.kafka.ssl.bundle}, or null. */
  private static String bundleName(KafkaProperties properties) {
    String producer = properties.getProducer().getSsl().getBundle();
    return StringUtils.hasText(producer) ? producer : properties.getSsl().getBundle();
  }

  /**
   * When the bundle in use is the registry's bundle {@code bundleName} (connection details from
   * properties; not, for example, a container's), a reload of it gives producers made from then on
   * the new material, and makes the open ones reconnect with it. spring-kafka on {@code
   * KafkaProducer} keeps the startup material.
   */
  private static void reloadOnUpdate(
      SslBundles bundles,
      String bundleName,
      SslBundle inUse,
      SpringKafkaSslBundles.ReloadableSslContext sslContext,
      PlumeKafkaProducers producers) {
    if (bundles == null || !StringUtils.hasText(bundleName)) {
      return;
    }
    try {
      if (bundles.getBundle(bundleName) != inUse) {
        return;
      }
    } catch (NoSuchSslBundleException e) {
      return;
    }
    bundles.addBundleUpdateHandler(
        bundleName,
        updated -> {
          sslContext.update(updated.createSslContext());
          int reconnecting = producers.reconnectAll();
          log.info(
              "SSL bundle '{}' was reloaded: {} open spring-kafka producer(s) reconnect with the"
                  + " new material",
              bundleName,
              reconnecting);
        });
  }
}
