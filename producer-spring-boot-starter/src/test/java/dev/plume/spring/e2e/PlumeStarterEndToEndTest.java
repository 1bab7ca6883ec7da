package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import dev.plume.producer.Header;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.health.PlumeHealthContributorAutoConfiguration;
import dev.plume.spring.autoconfigure.metrics.PlumeMetricsAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendResult;
import dev.plume.spring.observation.DefaultPlumeSendObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The starter with the real engine against a real broker; records are read back with the official
 * client (test scope only).
 */
@WithKafkaCluster
class PlumeStarterEndToEndTest {

  private ApplicationContextRunner runner(String bootstrapServers) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeHealthContributorAutoConfiguration.class,
                PlumeMetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues(
            "plume.producer.bootstrap-servers=" + bootstrapServers,
            "plume.producer.startup-check=fail",
            "plume.producer.startup-check-timeout=30s");
  }

  @Test
  void sendsKeyedRecordsWithHeadersAndReportsHealthAndMetrics(
      @BootstrapServers String bootstrapServers) {
    String topic = "e2e-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues("plume.producer.template.default-topic=" + topic)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ProducerTemplate<String, String> template = template(context);
              List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
              for (int i = 0; i < 50; i++) {
                sends.add(
                    template.send(
                        topic,
                        null,
                        null,
                        "k" + (i % 5),
                        "v" + i,
                        List.of(Header.of("seq", "" + i))));
              }
              for (CompletableFuture<SendResult<String, String>> send : sends) {
                assertThat(send.get(30, TimeUnit.SECONDS).metadata().hasOffset()).isTrue();
              }
              assertThat(template.sendDefault("last").get(30, TimeUnit.SECONDS).metadata().topic())
                  .isEqualTo(topic);

              List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 51);
              assertThat(read).hasSize(51);
              ConsumerRecord<String, String> first =
                  read.stream().filter(r -> "v0".equals(r.value())).findFirst().orElseThrow();
              assertThat(first.key()).isEqualTo("k0");
              assertThat(
                      new String(first.headers().lastHeader("seq").value(), StandardCharsets.UTF_8))
                  .isEqualTo("0");

              assertThat(template.partitionsFor(topic)).isNotEmpty();
              HealthIndicator health =
                  context.getBean("plumeHealthContributor", HealthIndicator.class);
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context
                  .getBean(dev.plume.spring.metrics.PlumeProducerMeterBinder.class)
                  .bindTo(registry);
              assertThat(registry.get("kafka.producer.record.send.total").functionCounter().count())
                  .isGreaterThanOrEqualTo(51);
              // Reading the connection gauge (as a scrape does) binds the topics seen since.
              assertThat(registry.get("kafka.producer.connection.count").gauge().value())
                  .isPositive();
              assertThat(
                      registry
                          .get("kafka.producer.topic.record.send.total")
                          .tag("topic", topic)
                          .functionCounter()
                          .count())
                  .isGreaterThanOrEqualTo(51);
              assertThat(
                      registry.get("plume.producer.send").tag("result", "success").timer().count())
                  .isEqualTo(51);
            });
  }

  @Test
  void observedSendsCarryTheTraceContextToTheConsumerAndTimeBesideTheSendTimer(
      @BootstrapServers String bootstrapServers) {
    String topic = "e2e-obs-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues(
            "plume.producer.template.observation-enabled=true",
            "plume.producer.template.default-topic=" + topic)
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              ObservationRegistry observations = context.getBean(ObservationRegistry.class);
              observations
                  .observationConfig()
                  .observationHandler(new DefaultMeterObservationHandler(meters))
                  .observationHandler(new TraceparentWriter());
              ProducerTemplate<String, String> template = template(context);
              template.send(topic, "k", "traced").get(30, TimeUnit.SECONDS);

              ConsumerRecord<String, String> read = readBack(bootstrapServers, topic, 1).get(0);
              assertThat(read.value()).isEqualTo("traced");
              assertThat(
                      new String(
                          read.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                  .isEqualTo(TraceparentWriter.VALUE);
              assertThat(
                      meters
                          .get(DefaultPlumeSendObservationConvention.NAME)
                          .tag("messaging.destination.name", topic)
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(meters.get("plume.producer.send").tag("result", "success").timer().count())
                  .isEqualTo(1);
            });
  }

  /** Stands in for micrometer-tracing's propagating handler (not a dependency of the starter). */
  static final class TraceparentWriter implements ObservationHandler<SenderContext<Object>> {
    static final String VALUE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Override
    public void onStart(SenderContext<Object> context) {
      context.getSetter().set(context.getCarrier(), "traceparent", VALUE);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof SenderContext;
    }
  }

  @Test
  void transactionsCommitOrAbortAsAWhole(@BootstrapServers String bootstrapServers) {
    String topic = "e2e-tx-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues(
            "plume.producer.transactional-id=e2e-" + UUID.randomUUID(),
            "plume.producer.startup-check-topic=" + topic)
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              template.executeInTransaction(
                  t -> {
                    t.send(topic, "a", "committed-1");
                    t.send(topic, "b", "committed-2");
                    return null;
                  });
              assertThatThrownBy(
                      () ->
                          template.executeInTransaction(
                              t -> {
                                t.send(topic, "c", "aborted");
                                throw new IllegalStateException("roll back");
                              }))
                  .hasMessage("roll back");
              template.executeInTransaction(t -> t.send(topic, "d", "committed-3"));
              List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 3);
              assertThat(read)
                  .extracting(ConsumerRecord::value)
                  .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
            });
  }

  @Test
  void shutdownFlushesRecordsStillLingering(@BootstrapServers String bootstrapServers) {
    String topic = "e2e-close-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues(
            // Records would wait a minute for their batch to fill: only close() sends them.
            "plume.producer.linger=60s",
            "plume.producer.delivery-timeout=5m",
            "plume.producer.close-timeout=30s",
            "plume.producer.startup-check-topic=" + topic)
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                sends.add(template.send(topic, "v" + i));
              }
              assertThat(sends).noneMatch(CompletableFuture::isDone);
              context.close();
              // close() flushed: every send is acknowledged, none failed.
              assertThat(sends)
                  .allSatisfy(
                      send ->
                          assertThat(send)
                              .isCompletedWithValueMatching(r -> r.metadata().offset() >= 0));
              assertThat(readBack(bootstrapServers, topic, 10))
                  .extracting(ConsumerRecord::value)
                  .containsExactlyInAnyOrder(
                      "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
            });
  }

  @Test
  void namedClientsSendWithTheirOwnSettings(@BootstrapServers String bootstrapServers) {
    String topic = "e2e-named-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues(
            "plume.producer.startup-check=none",
            "plume.producer.clients.fast.linger=0",
            "plume.producer.clients.fast.compression-type=lz4",
            "plume.producer.clients.fast.template.default-topic=" + topic)
        .run(
            context -> {
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> fast =
                  (ProducerTemplate<String, String>) context.getBean("fast");
              fast.sendDefault("k", "hello").get(30, TimeUnit.SECONDS);
              assertThat(readBack(bootstrapServers, topic, 1))
                  .extracting(ConsumerRecord::value)
                  .containsExactly("hello");
            });
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(ApplicationContext context) {
    return (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
  }

  /** Reads committed records of {@code topic} until {@code expected} arrived or 30 s passed. */
  private static List<ConsumerRecord<String, String>> readBack(
      String bootstrapServers, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "e2e-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest",
            "isolation.level",
            "read_committed");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }
}
