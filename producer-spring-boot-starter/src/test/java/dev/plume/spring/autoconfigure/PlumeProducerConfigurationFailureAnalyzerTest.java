package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlumeProducerConfigurationFailureAnalyzerTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void namesThePropertyTheKafkaKeyAndTheRule() {
    FailureAnalysis analysis = analyze("plume.producer.linger=-5");
    assertThat(analysis.getDescription())
        .contains("Plume producer 'default'")
        .contains("Property: plume.producer.linger")
        .contains("Kafka key: linger.ms")
        .contains("Invalid value -5 for configuration linger.ms: must be in [0,");
    assertThat(analysis.getAction()).contains("Update 'plume.producer.linger'");
  }

  @Test
  void namesTheNamedClientsProperty() {
    FailureAnalysis analysis =
        analyze("plume.producer.clients.orders.max-in-flight-requests-per-connection=10");
    assertThat(analysis.getDescription())
        .contains("Plume producer 'orders'")
        .contains("Property: plume.producer.clients.orders.max-in-flight-requests-per-connection")
        .contains("must be <= 5 when enable.idempotence is true");
  }

  @Test
  void namesRawProperties() {
    FailureAnalysis analysis = analyze("plume.producer.properties.batch.size=big");
    assertThat(analysis.getDescription())
        .contains("Property: plume.producer.properties[batch.size]")
        .contains("must be a whole number");
  }

  @Test
  void namesTheSpringKafkaFallback() {
    FailureAnalysis analysis = analyze("spring.kafka.bootstrap-servers=no-port");
    assertThat(analysis.getDescription())
        .contains("Property: spring.kafka.bootstrap-servers")
        .contains("each entry must be host:port");
  }

  @Test
  void explainsRulesSpanningSeveralKeys() {
    FailureAnalysis analysis =
        analyze("plume.producer.transactional-id=tx", "plume.producer.acks=1");
    assertThat(analysis.getDescription())
        .doesNotContain("Property:")
        .contains("Cannot set a transactional.id without also enabling idempotence");
    assertThat(analysis.getAction()).contains("plume.producer.*");
  }

  private FailureAnalysis analyze(String... properties) {
    Throwable[] failure = new Throwable[1];
    runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasFailed();
              failure[0] = context.getStartupFailure();
            });
    FailureAnalysis analysis = new PlumeProducerConfigurationFailureAnalyzer().analyze(failure[0]);
    assertThat(analysis).as("analysis of %s", failure[0]).isNotNull();
    return analysis;
  }
}
