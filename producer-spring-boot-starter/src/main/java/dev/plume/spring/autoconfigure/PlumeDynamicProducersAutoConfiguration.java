package dev.plume.spring.autoconfigure;

import dev.plume.spring.core.DynamicProducers;
import dev.plume.spring.health.DynamicProducersHealthContributor;
import dev.plume.spring.metrics.DynamicProducersMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health and meters for producers that are not beans ({@link DynamicProducers}: those of the
 * spring-kafka engine swap's producer factory): the {@code plumeKafkaProducers} health contributor
 * (one entry per open producer; {@code management.health.plume.enabled=false} switches it off with
 * the {@code plume} one) and their {@code plume.producer.*} meters, removed when a producer closes.
 */
@AutoConfiguration(
    afterName = {
      // By name: loading that class needs spring-kafka.
      "dev.plume.spring.autoconfigure.PlumeSpringKafkaAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnBean(DynamicProducers.class)
@EnableConfigurationProperties(PlumeProducerProperties.class)
public final class PlumeDynamicProducersAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({
    ConditionalOnEnabledHealthIndicator.class,
    DynamicProducersHealthContributor.class
  })
  @ConditionalOnEnabledHealthIndicator("plume")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "plumeKafkaProducersHealthContributor")
    DynamicProducersHealthContributor plumeKafkaProducersHealthContributor(
        DynamicProducers producers, PlumeProducerProperties properties) {
      return new DynamicProducersHealthContributor(
          producers,
          properties.getHealth().getUnreachableTimeout(),
          properties.getHealth().getBufferExhaustedTimeout());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, DynamicProducersMeterBinder.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class MetricsConfiguration {

    // By name: the templates' pooled producers have a binder of this type too.
    @Bean
    @ConditionalOnMissingBean(name = "plumeKafkaProducersMeterBinder")
    DynamicProducersMeterBinder plumeKafkaProducersMeterBinder(DynamicProducers producers) {
      return new DynamicProducersMeterBinder(producers);
    }
  }
}
