package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.health.DynamicProducersHealthContributor;
import dev.plume.spring.health.PlumeHealthIndicator;
import dev.plume.spring.metrics.DynamicProducersMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Health and meters follow the producers of the spring-kafka engine swap's factory: an entry and
 * meters appear when the factory creates a producer and go when it closes one.
 */
class PlumeDynamicProducersAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlumeProducerAutoConfiguration.class,
                  PlumeSpringKafkaAutoConfiguration.class,
                  KafkaAutoConfiguration.class,
                  PlumeDynamicProducersAutoConfiguration.class))
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withPropertyValues("spring.kafka.bootstrap-servers=localhost:9092");

  @Test
  void producersAreFollowedFromCreationToClose() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          DynamicProducersHealthContributor health =
              context.getBean(
                  "plumeKafkaProducersHealthContributor", DynamicProducersHealthContributor.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          context.getBean(DynamicProducersMeterBinder.class).bindTo(registry);
          DefaultKafkaProducerFactory<?, ?> factory =
              context.getBean(DefaultKafkaProducerFactory.class);
          assertThat(health.stream()).isEmpty();

          Producer<?, ?> producer = factory.createProducer();
          List<HealthContributors.Entry> entries = health.stream().toList();
          assertThat(entries)
              .singleElement()
              .satisfies(e -> assertThat(e.contributor()).isInstanceOf(PlumeHealthIndicator.class));
          String id = entries.get(0).name();
          assertThat(registry.find("plume.producer.sender.alive").tag("name", id).gauge())
              .isNotNull();
          assertThat(registry.find("plume.producer.sender.alive").gauge().value()).isEqualTo(1.0);
          // kafka.producer.* names are left to KafkaClientMetrics (no second set, other tags).
          assertThat(registry.find("kafka.producer.record.send.total").meters()).isEmpty();

          // A shared producer's close() keeps it open; reset() closes it for good.
          producer.close();
          assertThat(health.stream()).hasSize(1);
          factory.reset();
          assertThat(health.stream()).isEmpty();
          assertThat(health.getContributor(id)).isNull();
          assertThat(registry.find("plume.producer.sender.alive").meters()).isEmpty();
          assertThat(registry.getMeters()).noneMatch(m -> id.equals(m.getId().getTag("name")));
        });
  }

  @Test
  void healthContributorFollowsPlumesHealthSwitch() {
    runner
        .withPropertyValues("management.health.plume.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("plumeKafkaProducersHealthContributor");
              assertThat(context).hasSingleBean(DynamicProducersMeterBinder.class);
            });
  }

  @Test
  void noneWithoutTheSwap() {
    runner
        .withPropertyValues("plume.producer.spring-kafka.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(DynamicProducersHealthContributor.class);
              assertThat(context).doesNotHaveBean(DynamicProducersMeterBinder.class);
            });
  }
}
