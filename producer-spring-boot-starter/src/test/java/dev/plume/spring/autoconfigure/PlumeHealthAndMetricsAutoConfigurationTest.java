package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.ProducerStats;
import dev.plume.spring.autoconfigure.health.PlumeHealthContributorAutoConfiguration;
import dev.plume.spring.autoconfigure.metrics.PlumeMetricsAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendObserver;
import dev.plume.spring.health.PlumeHealthIndicator;
import dev.plume.spring.metrics.MicrometerSendObserver;
import dev.plume.spring.metrics.PlumeProducerMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlumeHealthAndMetricsAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlumeProducerAutoConfiguration.class,
                  PlumeHealthContributorAutoConfiguration.class,
                  PlumeMetricsAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void healthContributorIsNamedPlumeAndReadsTheProducer() {
    runner.run(
        context -> {
          assertThat(context).hasBean("plumeHealthContributor");
          HealthContributor contributor =
              context.getBean("plumeHealthContributor", HealthContributor.class);
          assertThat(contributor).isInstanceOf(PlumeHealthIndicator.class);
          assertThat(((HealthIndicator) contributor).health().getStatus()).isEqualTo(Status.UP);
        });
  }

  @Test
  void healthIsACompositeWithNamedClients() {
    runner
        .withPropertyValues("plume.producer.clients.orders.linger=1")
        .run(
            context -> {
              HealthContributor contributor =
                  context.getBean("plumeHealthContributor", HealthContributor.class);
              assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
              CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
              assertThat(composite.getContributor("plumeProducer")).isNotNull();
              assertThat(composite.getContributor("ordersProducer")).isNotNull();
            });
  }

  @Test
  void healthAndMetricsSeeTheApplicationsProducerAndNamedClients() {
    StubProducer own = new StubProducer();
    runner
        .withBean("myProducer", dev.plume.producer.Producer.class, () -> own)
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues("plume.producer.clients.orders.linger=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CompositeHealthContributor composite =
                  (CompositeHealthContributor)
                      context.getBean("plumeHealthContributor", HealthContributor.class);
              assertThat(composite.stream().map(CompositeHealthContributor.Entry::name))
                  .containsExactlyInAnyOrder("myProducer", "ordersProducer");
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context.getBean(PlumeProducerMeterBinder.class).bindTo(registry);
              assertThat(registry.find("kafka.producer.record.send.total").meters())
                  .extracting(m -> m.getId().getTag("name"))
                  .containsExactlyInAnyOrder("myProducer", "ordersProducer");
            });
  }

  @Test
  void pooledTransactionalProducersAreInHealthAndMetersWhileOpen() {
    runner
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-",
            "plume.producer.clients.orders.transaction-id-prefix=orders-tx-")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CompositeHealthContributor health =
                  context.getBean(
                      "plumeTransactionalProducersHealthContributor",
                      CompositeHealthContributor.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context
                  .getBean("plumeTransactionalProducersMeterBinder", MeterBinder.class)
                  .bindTo(registry);
              assertThat(health.stream()).isEmpty();

              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              ProducerTemplate<String, String> orders = template(context, "orders");
              template.executeInTransaction(t -> t.send("t", "a"));
              orders.executeInTransaction(t -> t.send("t", "b"));
              assertThat(health.stream().map(CompositeHealthContributor.Entry::name))
                  .containsExactlyInAnyOrder("tx-0", "orders-tx-0");
              assertThat(((HealthIndicator) health.getContributor("tx-0")).health().getStatus())
                  .isEqualTo(Status.UP);
              assertThat(
                      registry
                          .get("kafka.producer.record.send.total")
                          .tag("name", "orders-tx-0")
                          .functionCounter()
                          .count())
                  .isEqualTo(42.0);
              assertThat(registry.find("plume.producer.sender.alive").tag("name", "tx-0").gauge())
                  .isNotNull();

              template.transactionalPool().close();
              assertThat(health.stream().map(CompositeHealthContributor.Entry::name))
                  .containsExactly("orders-tx-0");
              assertThat(
                      registry
                          .find("kafka.producer.record.send.total")
                          .tag("name", "tx-0")
                          .meters())
                  .isEmpty();
              assertThat(
                      registry
                          .find("kafka.producer.record.send.total")
                          .tag("name", "orders-tx-0")
                          .meters())
                  .hasSize(1);
            });
  }

  @Test
  void withoutATransactionIdPrefixThereIsNoPooledProducersContributor() {
    runner
        .withBean(SimpleMeterRegistry.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("plumeTransactionalProducersHealthContributor");
              assertThat(context).doesNotHaveBean("plumeTransactionalProducersMeterBinder");
            });
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(
      org.springframework.context.ApplicationContext context, String name) {
    return (ProducerTemplate<String, String>) context.getBean(name);
  }

  @Test
  void healthCanBeSwitchedOffOrReplaced() {
    runner
        .withPropertyValues("management.health.plume.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("plumeHealthContributor"));
    runner
        .withBean("plumeHealthIndicator", HealthIndicator.class, () -> () -> null)
        .run(context -> assertThat(context).doesNotHaveBean("plumeHealthContributor"));
  }

  @Test
  void healthBacksOffWithoutSpringBootHealth() {
    runner
        .withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("plumeHealthContributor");
              assertThat(context).hasBean("plumeProducerTemplate");
            });
  }

  @Test
  void metricsNeedAMeterRegistry() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(PlumeProducerMeterBinder.class);
          assertThat(context).doesNotHaveBean(SendObserver.class);
        });
  }

  @Test
  void metricsBackOffWithoutMicrometer() {
    runner
        .withBean(SimpleMeterRegistry.class)
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PlumeProducerMeterBinder.class);
            });
  }

  @Test
  void bindsProducerGaugesAndTimesTemplateSends() {
    runner
        .withBean(SimpleMeterRegistry.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(PlumeProducerMeterBinder.class);
              assertThat(context.getBean(SendObserver.class))
                  .isInstanceOf(MicrometerSendObserver.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context.getBean(PlumeProducerMeterBinder.class).bindTo(registry);

              assertThat(
                      registry
                          .get("kafka.producer.record.send.total")
                          .tag("name", "plumeProducer")
                          .tag("client.id", "plumeProducer")
                          .functionCounter()
                          .count())
                  .isEqualTo(42.0);
              assertThat(
                      registry.get("kafka.producer.record.error.total").functionCounter().count())
                  .isEqualTo(1.0);
              assertThat(
                      registry.get("kafka.producer.record.retry.total").functionCounter().count())
                  .isEqualTo(2.0);
              // The I/O thread's counters, under the same naming pattern.
              assertThat(registry.get("plume.producer.io.rounds").functionCounter().count())
                  .isEqualTo(20.0);
              assertThat(registry.get("plume.producer.io.wakeups").functionCounter().count())
                  .isEqualTo(6.0);
              assertThat(
                      registry
                          .get("plume.producer.io.wakeups.skipped")
                          .tag("name", "plumeProducer")
                          .functionCounter()
                          .count())
                  .isEqualTo(3.0);
              assertThat(registry.get("kafka.producer.buffer.available.bytes").gauge().value())
                  .isEqualTo(33554432.0);
              assertThat(
                      registry
                          .get("kafka.producer.buffer.available.bytes")
                          .gauge()
                          .getId()
                          .getBaseUnit())
                  .as("no unit, as in kafka-clients: Prometheus would append it to the name")
                  .isNull();
              assertThat(registry.get("kafka.producer.buffer.total.bytes").gauge().value())
                  .isEqualTo(33554432.0);
              assertThat(registry.get("kafka.producer.batch.size.avg").gauge().value())
                  .isEqualTo(512.0);
              assertThat(registry.get("kafka.producer.records.per.request.avg").gauge().value())
                  .isEqualTo(3.0);
              assertThat(registry.get("kafka.producer.compression.rate.avg").gauge().value())
                  .isEqualTo(1.0);
              assertThat(registry.get("kafka.producer.record.queue.time.avg").gauge().value())
                  .isEqualTo(1.5);
              assertThat(registry.get("kafka.producer.requests.in.flight").gauge().value())
                  .isEqualTo(0.0);
              assertThat(registry.get("kafka.producer.waiting.threads").gauge().value())
                  .isEqualTo(0.0);
              // Kafka's metadata-age is in seconds.
              assertThat(registry.get("kafka.producer.metadata.age").gauge().value())
                  .isEqualTo(0.1);
              assertThat(registry.get("kafka.producer.request.latency.avg").gauge().value())
                  .isEqualTo(2.5);
              assertThat(registry.get("kafka.producer.request.latency.max").gauge().value())
                  .isEqualTo(9.0);
              assertThat(registry.get("plume.producer.sender.alive").gauge().value())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get("kafka.producer.record.send.total")
                          .meter()
                          .getId()
                          .getDescription())
                  .isNotBlank();
              // Node 1 is known at bind time; no topic yet.
              assertThat(
                      registry
                          .get("kafka.producer.node.request.latency.avg")
                          .tag("node.id", "node-1")
                          .gauge()
                          .value())
                  .isEqualTo(2.0);
              assertThat(registry.find("kafka.producer.topic.record.send.total").meters())
                  .isEmpty();

              // A topic seen later is bound when the connection gauge is next read (a scrape).
              StubProducer producer = (StubProducer) context.getBean("plumeProducer");
              TestStats later = TestStats.healthy();
              later.topics =
                  java.util.Map.of(
                      "orders", new ProducerStats.TopicStats("orders", 12, 3400, 1, 2, 0.5));
              producer.stats = later.build();
              assertThat(registry.get("kafka.producer.connection.count").gauge().value())
                  .isEqualTo(1.0);
              assertThat(
                      registry
                          .get("kafka.producer.topic.record.send.total")
                          .tags("topic", "orders", "client.id", "plumeProducer")
                          .functionCounter()
                          .count())
                  .isEqualTo(12.0);
              assertThat(
                      registry
                          .get("kafka.producer.topic.byte.total")
                          .tag("topic", "orders")
                          .functionCounter()
                          .count())
                  .isEqualTo(3400.0);
              // Reading again does not register twice.
              registry.get("kafka.producer.connection.count").gauge().value();
              assertThat(registry.find("kafka.producer.topic.record.send.total").meters())
                  .hasSize(1);

              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
              template.send("t", "v").get();
              ((StubProducer) (Object) template.producer()).sendError =
                  new IllegalStateException("no");
              template.send("t", "v").exceptionally(e -> null).get();
              Timer ok =
                  registry
                      .get("plume.producer.send")
                      .tags(
                          "name", "plumeProducerTemplate", "result", "success", "exception", "none")
                      .timer();
              Timer failed =
                  registry
                      .get("plume.producer.send")
                      .tags("result", "failure", "exception", "IllegalStateException")
                      .timer();
              assertThat(ok.count()).isEqualTo(1);
              assertThat(failed.count()).isEqualTo(1);
            });
  }
}
