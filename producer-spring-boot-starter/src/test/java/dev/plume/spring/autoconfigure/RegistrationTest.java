package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.autoconfigure.health.PlumeHealthContributorAutoConfiguration;
import dev.plume.spring.autoconfigure.metrics.PlumeMetricsAutoConfiguration;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

class RegistrationTest {

  private static final List<Class<?>> AUTO_CONFIGURATIONS =
      List.of(
          PlumeProducerAutoConfiguration.class,
          PlumeTransactionAutoConfiguration.class,
          PlumeHealthContributorAutoConfiguration.class,
          PlumeMetricsAutoConfiguration.class,
          PlumeSpringKafkaAutoConfiguration.class,
          PlumeDynamicProducersAutoConfiguration.class);

  @Test
  void autoConfigurationsAreRegisteredPublicAndFinal() {
    List<String> registered =
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
            .getCandidates()
            .stream()
            .filter(name -> name.startsWith("dev.plume."))
            .toList();
    assertThat(registered)
        .containsExactlyInAnyOrderElementsOf(
            AUTO_CONFIGURATIONS.stream().map(Class::getName).toList());
    for (Class<?> type : AUTO_CONFIGURATIONS) {
      assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers()))
          .as("%s is public final", type)
          .isTrue();
      assertThat(type).hasAnnotation(AutoConfiguration.class);
    }
  }

  @Test
  void failureAnalyzersAreRegistered() throws Exception {
    Properties factories = new Properties();
    try (var in = Files.newInputStream(Path.of("target/classes/META-INF/spring.factories"))) {
      factories.load(in);
    }
    assertThat(factories.getProperty(FailureAnalyzer.class.getName()).split(","))
        .containsExactlyInAnyOrder(
            PlumeProducerConfigurationFailureAnalyzer.class.getName(),
            PlumeStartupCheckFailureAnalyzer.class.getName());
    FailureAnalysis analysis =
        new PlumeStartupCheckFailureAnalyzer()
            .analyze(
                new IllegalStateException(
                    "wrapped", new PlumeStartupCheckException("orders", "brokers down")));
    assertThat(analysis.getDescription()).contains("'orders'").contains("brokers down");
    assertThat(analysis.getAction())
        .contains("plume.producer.clients.orders.bootstrap-servers")
        .contains("startup-check=warn");
  }
}
