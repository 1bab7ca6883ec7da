package dev.plume.spring.autoconfigure;

import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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

  @Bean
  @ConditionalOnMissingBean(ProducerFactory.class)
  PlumeKafkaProducerFactory<?, ?> kafkaProducerFactory(
      KafkaProperties kafkaProperties,
      PlumeProducerProperties plumeProperties,
      ObjectProvider<KafkaConnectionDetails> connectionDetails,
      ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
    Map<String, Object> configs = kafkaProperties.buildProducerProperties();
    KafkaConnectionDetails connection = connectionDetails.getIfAvailable();
    if (connection != null) {
      applyConnectionDetails(configs, connection.getProducer());
    }
    configs.putAll(PlumeConfigMapper.springKafkaOverrides(plumeProperties));
    PlumeKafkaProducerFactory<Object, Object> factory = new PlumeKafkaProducerFactory<>(configs);
    String transactionIdPrefix = kafkaProperties.getProducer().getTransactionIdPrefix();
    if (transactionIdPrefix != null) {
      factory.setTransactionIdPrefix(transactionIdPrefix);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return factory;
  }

  /** What Boot applies from its connection details: they win over {@code spring.kafka.*}. */
  private static void applyConnectionDetails(
      Map<String, Object> configs, KafkaConnectionDetails.Configuration producer) {
    configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
    if (StringUtils.hasLength(producer.getSecurityProtocol())) {
      configs.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, producer.getSecurityProtocol());
    }
    if (producer.getSslBundle() != null) {
      SpringKafkaSslBundles.apply(configs, producer.getSslBundle());
    }
  }
}
