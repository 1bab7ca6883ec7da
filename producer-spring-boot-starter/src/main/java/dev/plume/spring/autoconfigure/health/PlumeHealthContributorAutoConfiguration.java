package dev.plume.spring.autoconfigure.health;

import dev.plume.producer.Producer;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.PlumeProducerProperties;
import dev.plume.spring.core.PooledProducers;
import dev.plume.spring.health.DynamicProducersHealthContributor;
import dev.plume.spring.health.PlumeHealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * The {@code plume} health contributor: one {@link PlumeHealthIndicator} per {@link Producer} bean
 * (a composite keyed by bean name when there are several), and {@code plumeTransactionalProducers}
 * for the templates' pooled transactional producers. Switch off with {@code
 * management.health.plume.enabled=false}.
 */
@AutoConfiguration(after = PlumeProducerAutoConfiguration.class)
@ConditionalOnClass({ConditionalOnEnabledHealthIndicator.class, PlumeHealthIndicator.class})
@ConditionalOnBean(Producer.class)
@ConditionalOnEnabledHealthIndicator("plume")
public final class PlumeHealthContributorAutoConfiguration
    extends CompositeHealthContributorConfiguration<PlumeHealthIndicator, Producer<?, ?>> {

  PlumeHealthContributorAutoConfiguration(PlumeProducerProperties properties) {
    super(
        producer ->
            new PlumeHealthIndicator(
                producer,
                properties.getHealth().getUnreachableTimeout(),
                properties.getHealth().getBufferExhaustedTimeout()));
  }

  @Bean
  @ConditionalOnMissingBean(name = {"plumeHealthIndicator", "plumeHealthContributor"})
  HealthContributor plumeHealthContributor(ConfigurableListableBeanFactory beanFactory) {
    return createContributor(beanFactory, producerType());
  }

  /**
   * The pooled transactional producers of the templates ({@code transaction-id-prefix}), which are
   * not beans: one entry per open producer, keyed by transactional id, gone when it closes.
   */
  @Bean
  @ConditionalOnBean(PooledProducers.class)
  @ConditionalOnMissingBean(name = "plumeTransactionalProducersHealthContributor")
  DynamicProducersHealthContributor plumeTransactionalProducersHealthContributor(
      PooledProducers producers, PlumeProducerProperties properties) {
    return new DynamicProducersHealthContributor(
        producers.asDynamicProducers(),
        properties.getHealth().getUnreachableTimeout(),
        properties.getHealth().getBufferExhaustedTimeout());
  }

  // Producer beans are declared with wildcards; the class literal cannot carry them.
  @SuppressWarnings("unchecked")
  private static Class<Producer<?, ?>> producerType() {
    return (Class<Producer<?, ?>>) (Class<?>) Producer.class;
  }
}
