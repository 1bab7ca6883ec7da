package dev.plume.spring.autoconfigure;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.spring.core.LoggingProducerListener;
import dev.plume.spring.core.PooledProducers;
import dev.plume.spring.core.ProducerListener;
import dev.plume.spring.core.ProducerTemplate;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Auto-configures the Plume producer: {@code plumeProducer} and {@code plumeProducerTemplate} from
 * {@code plume.producer.*}, one producer and template per {@code plume.producer.clients.<name>},
 * {@code plumeProducerLifecycle} to check brokers at startup and close producers on shutdown, and
 * {@code plumeLoggingProducerListener} to log failed sends. While the spring-kafka engine swap is
 * active, the default client is created only when the application configures it ({@link
 * PlumeDefaultClientCondition}).
 */
// After the spring-kafka swap (by name: it needs spring-kafka), so that PlumeDefaultClientCondition
// sees its producer factory.
@AutoConfiguration(afterName = "dev.plume.spring.autoconfigure.PlumeSpringKafkaAutoConfiguration")
@ConditionalOnClass(PlumeProducer.class)
@EnableConfigurationProperties(PlumeProducerProperties.class)
@Import(PlumeNamedClientsRegistrar.class)
public final class PlumeProducerAutoConfiguration {

  @Bean
  @ConfigurationPropertiesBinding
  static AcksConverter plumeAcksConverter() {
    return new AcksConverter();
  }

  @Bean
  @ConditionalOnMissingBean
  PlumeProducerFactory plumeProducerFactory() {
    return PlumeProducerFactory.engine();
  }

  @Bean
  @ConditionalOnMissingBean
  PlumeProducerLifecycle plumeProducerLifecycle() {
    return new PlumeProducerLifecycle();
  }

  /**
   * The pooled transactional producers of every template ({@code transaction-id-prefix}), which are
   * not beans, for health, meters and TLS reloads.
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(PlumeTransactionIdPrefixCondition.class)
  PooledProducers plumeTransactionalProducers() {
    return new PooledProducers();
  }

  @Bean
  @ConditionalOnMissingBean
  PlumeClients plumeClients(
      PlumeProducerProperties properties,
      Environment environment,
      ConfigurableListableBeanFactory beanFactory,
      PlumeProducerFactory producerFactory,
      PlumeProducerLifecycle lifecycle) {
    return new PlumeClients(properties, environment, beanFactory, producerFactory, lifecycle);
  }

  /** Closed by {@link PlumeProducerLifecycle} within close-timeout, not by bean destruction. */
  @Bean(destroyMethod = "")
  @Primary
  @ConditionalOnMissingBean(Producer.class)
  @Conditional(PlumeDefaultClientCondition.class)
  Producer<?, ?> plumeProducer(PlumeClients clients) {
    return clients.producer(PlumeClients.DEFAULT_CLIENT);
  }

  /**
   * Logs failed sends at ERROR, so that failures are seen even when nobody reads the futures; every
   * template calls it, as any ProducerListener bean. An application's own listener replaces it.
   */
  @Bean
  @ConditionalOnMissingBean(ProducerListener.class)
  @ConditionalOnBooleanProperty(
      name = "plume.producer.template.log-failures",
      matchIfMissing = true)
  LoggingProducerListener<Object, Object> plumeLoggingProducerListener() {
    return new LoggingProducerListener<>();
  }

  @Bean
  @Primary
  @ConditionalOnMissingBean(ProducerTemplate.class)
  @ConditionalOnBean(Producer.class) // plumeProducer, above, or the application's
  ProducerTemplate<?, ?> plumeProducerTemplate(PlumeClients clients, Producer<?, ?> producer) {
    return clients.template(PlumeClients.DEFAULT_CLIENT, "plumeProducerTemplate", producer);
  }
}
