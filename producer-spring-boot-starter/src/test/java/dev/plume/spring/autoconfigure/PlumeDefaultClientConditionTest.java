package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.core.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * With the spring-kafka engine swap active, the starter's own default producer and template exist
 * only when the application configures them; without the swap they always do.
 */
class PlumeDefaultClientConditionTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlumeProducerAutoConfiguration.class,
                  PlumeSpringKafkaAutoConfiguration.class,
                  KafkaAutoConfiguration.class))
          .withPropertyValues("spring.kafka.bootstrap-servers=localhost:9092");

  @Test
  void plainSpringKafkaAppGetsNoIdlePlumeProducer() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(KafkaTemplate.class);
          assertThat(context).doesNotHaveBean("plumeProducer");
          assertThat(context).doesNotHaveBean(ProducerTemplate.class);
        });
  }

  @Test
  void ownBootstrapServersOrDefaultTopicAskForTheDefaultClient() {
    runner
        .withPropertyValues("plume.producer.bootstrap-servers=localhost:9093")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("plumeProducer").hasBean("plumeProducerTemplate");
              assertThat(context).hasSingleBean(KafkaTemplate.class);
            });
    runner
        .withPropertyValues("plume.producer.template.default-topic=events")
        .run(context -> assertThat(context).hasBean("plumeProducerTemplate"));
  }

  @Test
  void explicitPropertyWinsEitherWay() {
    runner
        .withPropertyValues("plume.producer.spring-kafka.default-client=true")
        .run(context -> assertThat(context).hasBean("plumeProducerTemplate"));
    runner
        .withPropertyValues(
            "plume.producer.spring-kafka.default-client=false",
            "plume.producer.bootstrap-servers=localhost:9093")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("plumeProducer");
              assertThat(context).doesNotHaveBean(ProducerTemplate.class);
            });
  }

  @Test
  void namedClientsAreCreatedWhateverTheRule() {
    runner
        .withPropertyValues("plume.producer.clients.audit.template.default-topic=audit")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("auditProducer").hasBean("audit");
              assertThat(context).doesNotHaveBean("plumeProducer");
            });
  }

  @Test
  void withoutTheSwapTheDefaultClientIsAlwaysThere() {
    runner
        .withPropertyValues("plume.producer.spring-kafka.enabled=false")
        .run(
            context ->
                assertThat(context).hasBean("plumeProducer").hasBean("plumeProducerTemplate"));
    runner
        .withClassLoader(new FilteredClassLoader(DefaultKafkaProducerFactory.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("plumeProducer").hasBean("plumeProducerTemplate");
            });
  }
}
