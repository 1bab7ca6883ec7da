package dev.plume.spring.autoconfigure.metrics;

import dev.plume.producer.Producer;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.core.PooledProducers;
import dev.plume.spring.core.SendObserver;
import dev.plume.spring.metrics.DynamicProducersMeterBinder;
import dev.plume.spring.metrics.MicrometerSendObserver;
import dev.plume.spring.metrics.PlumeProducerMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for every {@link Producer} bean ({@code plume.producer.*}) and a send timer
 * ({@code plume.producer.send}) for every template. Ordered after Boot's metrics auto-configuration
 * by name, so that the starter does not need the module on its classpath.
 */
@AutoConfiguration(
    after = PlumeProducerAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, PlumeProducerMeterBinder.class})
@ConditionalOnBean(MeterRegistry.class)
public final class PlumeMetricsAutoConfiguration {

  /** Binds the producers once, when Boot binds MeterBinder beans to the registries. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Producer.class)
  PlumeProducerMeterBinder plumeProducerMeterBinder(ConfigurableListableBeanFactory beanFactory) {
    // Not an injected Map: that leaves out the named clients' producers, which are registered as
    // non-default candidates (picked by name only).
    return new PlumeProducerMeterBinder(
        SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, producerType()));
  }

  // Producer beans are declared with wildcards; the class literal cannot carry them.
  @SuppressWarnings("unchecked")
  private static Class<Producer<?, ?>> producerType() {
    return (Class<Producer<?, ?>>) (Class<?>) Producer.class;
  }

  /**
   * The pooled transactional producers of the templates, which are not beans: all their meters,
   * tagged {@code name} with the transactional id, removed when a producer closes.
   */
  @Bean
  @ConditionalOnMissingBean(name = "plumeTransactionalProducersMeterBinder")
  @ConditionalOnBean(PooledProducers.class)
  DynamicProducersMeterBinder plumeTransactionalProducersMeterBinder(PooledProducers producers) {
    return DynamicProducersMeterBinder.withKafkaMeters(producers.asDynamicProducers());
  }

  /** Picked up by the templates when they are built. */
  @Bean
  @ConditionalOnMissingBean
  SendObserver plumeSendObserver(MeterRegistry registry) {
    return new MicrometerSendObserver(registry);
  }
}
