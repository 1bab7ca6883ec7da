package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.spring.e2e.springkafkaapp.AuditRoutingConfiguration;
import dev.plume.spring.e2e.springkafkaapp.OrdersApplication;
import dev.plume.spring.health.DynamicProducersHealthContributor;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.RoutingKafkaTemplate;

/**
 * A plain spring-kafka application with a {@link RoutingKafkaTemplate} ({@link
 * AuditRoutingConfiguration}, no Plume type in its code) against a real broker: both routes send
 * through Plume producers, Plume's {@code plumeKafkaProducers} health contributor and {@code
 * plume.producer.*} meters follow them next to Micrometer's KafkaClientMetrics in one Prometheus
 * registry, and leave when the factories close them. No producer of Plume's own API is started.
 */
@WithKafkaCluster
class SpringKafkaRoutingAndObservabilityEndToEndTest {

  /** Test probe: the registry Boot binds every meter binder to. */
  @Configuration(proxyBeanMethods = false)
  static class Prometheus {
    @Bean
    PrometheusMeterRegistry prometheusMeterRegistry() {
      return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
  }

  @Test
  void routingTemplateRunsOnPlumeAndIsMonitored(@BootstrapServers String bootstrapServers)
      throws Exception {
    String audit = "audit-" + UUID.randomUUID();
    String orders = "orders-" + UUID.randomUUID();
    SpringKafkaOnPlumeEndToEndTest.RawProducerProbe.CREATED.clear();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(
                OrdersApplication.class,
                AuditRoutingConfiguration.class,
                SpringKafkaOnPlumeEndToEndTest.RawProducerProbe.class,
                Prometheus.class)
            .web(WebApplicationType.NONE)
            .properties("spring.kafka.bootstrap-servers=" + bootstrapServers)
            .run()) {
      RoutingKafkaTemplate routing = app.getBean(RoutingKafkaTemplate.class);
      routing.send(audit, "a-1", "raw audit".getBytes(StandardCharsets.UTF_8)).get();
      routing.send(orders, "o-1", "an order").get();

      assertThat(readBack(bootstrapServers, audit)).containsExactly("raw audit");
      assertThat(readBack(bootstrapServers, orders)).containsExactly("an order");
      assertThat(app.getBean("auditProducerFactory")).isInstanceOf(PlumeKafkaProducerFactory.class);
      assertThat(app.getBean("kafkaProducerFactory")).isInstanceOf(PlumeKafkaProducerFactory.class);
      // One producer per route, both Plume's.
      assertThat(SpringKafkaOnPlumeEndToEndTest.RawProducerProbe.CREATED)
          .hasSize(2)
          .allSatisfy(p -> assertThat(p).isInstanceOf(PlumeKafkaProducer.class));
      assertThat(app.containsBean("plumeProducer")).isFalse();

      DynamicProducersHealthContributor health =
          app.getBean(
              "plumeKafkaProducersHealthContributor", DynamicProducersHealthContributor.class);
      assertThat(health.stream().toList())
          .hasSize(2)
          .allSatisfy(
              entry ->
                  assertThat(((HealthIndicator) entry.contributor()).health().getStatus())
                      .isEqualTo(Status.UP));

      PrometheusMeterRegistry prometheus = app.getBean(PrometheusMeterRegistry.class);
      String scrape = prometheus.scrape();
      // Plume's own meters, one series per open producer...
      assertThat(scrape.lines().filter(l -> l.startsWith("plume_producer_sender_alive{")))
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).endsWith(" 1.0"));
      // ...next to KafkaClientMetrics' (spring-kafka's MicrometerProducerListener), which read the
      // same engine through PlumeKafkaProducer.metrics(): no tag-key clash, both sets exported.
      // (KafkaClientMetrics exports Plume's record-send-total as a gauge,
      // kafka_producer_record_send,
      // where kafka-clients' CumulativeSum gives a counter, kafka_producer_record_send_total.)
      assertThat(
              scrape
                  .lines()
                  .filter(
                      l ->
                          l.startsWith("kafka_producer_record_send{")
                              || l.startsWith("kafka_producer_record_send_total{")))
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("spring_id=").endsWith(" 1.0"));

      // Closing the producers removes their health entries and meters.
      app.getBean("auditProducerFactory", DefaultKafkaProducerFactory.class).reset();
      app.getBean("kafkaProducerFactory", DefaultKafkaProducerFactory.class).reset();
      assertThat(health.stream()).isEmpty();
      String afterClose = prometheus.scrape();
      assertThat(afterClose).doesNotContain("plume_producer_sender_alive{");
      assertThat(afterClose)
          .doesNotContain("kafka_producer_record_send{")
          .doesNotContain("kafka_producer_record_send_total{");
    }
  }

  /** The values of {@code topic}, read until one arrived or 30 s passed. */
  private static List<String> readBack(String bootstrapServers, String topic) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "routing-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest");
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
      }
    }
    return read;
  }
}
