package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.producer.serialization.StringSerializer;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.health.PlumeHealthContributorAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.ReplacingProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code plume} health against a dedicated real broker: DOWN once no broker answered for {@code
 * health.unreachable-timeout} after the broker was killed, UP again soon after it is back although
 * nothing is sent; DOWN with the reason once the producer is fenced, and a fresh producer for the
 * next transaction.
 */
class PlumeHealthBrokerOutageTest {

  private static KafkaCluster cluster;

  @BeforeAll
  static void startBroker() {
    cluster = EmbeddedKafka.start(ClusterSpec.singleNode());
  }

  @AfterAll
  static void stopBroker() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void healthGoesDownWhenTheBrokerDiesAndUpWhenItReturns() {
    String topic = "health-" + UUID.randomUUID();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeHealthContributorAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.bootstrap-servers=" + cluster.bootstrapServers(),
            "plume.producer.startup-check=fail",
            "plume.producer.startup-check-topic=" + topic,
            "plume.producer.health.unreachable-timeout=2s",
            "plume.producer.delivery-timeout=5m",
            "plume.producer.retry-backoff-max=500ms",
            "plume.producer.close-timeout=1s")
        .run(
            context -> {
              HealthIndicator health =
                  context.getBean("plumeHealthContributor", HealthIndicator.class);
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
              template.send(topic, "before").get();
              Logger connectionLog = (Logger) LoggerFactory.getLogger("dev.plume.internal.network");
              ListAppender<ILoggingEvent> logs = new ListAppender<>();
              logs.start();
              connectionLog.addAppender(logs);
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);

              cluster.node(0).kill();
              Health down = awaitStatus(health, Status.DOWN, () -> {});
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);

              assertThat(down.getDetails().get("connectedNodes")).isEqualTo(List.of());
              assertThat(down.getDetails().get("connections")).isEqualTo(0);

              cluster.startStoppedNodes();
              long backNanos = System.nanoTime();
              // No sends: the idle producer keeps probing within reconnect.backoff.max.ms (1 s).
              Health up = awaitStatus(health, Status.UP, () -> {});
              long recoveryMs = Duration.ofNanos(System.nanoTime() - backNanos).toMillis();
              System.out.println("plume health UP " + recoveryMs + " ms after the broker was back");
              assertThat(up.getStatus()).isEqualTo(Status.UP);
              assertThat(recoveryMs).isLessThanOrEqualTo(1_000 + 5_000);
              template.send(topic, "after").get();

              // One WARN per node when it went away and one when it came back, not one per
              // reconnect attempt (there were several per second of the outage).
              connectionLog.detachAppender(logs);
              List<String> warns =
                  logs.list.stream()
                      .filter(e -> e.getLevel() == Level.WARN)
                      .map(ILoggingEvent::getFormattedMessage)
                      .toList();
              assertThat(warns).anyMatch(m -> m.contains("lost") || m.contains("cannot connect"));
              assertThat(warns).anyMatch(m -> m.contains("is back after"));
              assertThat(warns).hasSizeLessThanOrEqualTo(6);
            });
  }

  @Test
  void aFencedProducerIsDownWithTheReasonAndTheNextTransactionRunsOnAFreshProducer() {
    String topic = "fenced-" + UUID.randomUUID();
    String transactionalId = "tx-" + UUID.randomUUID();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeHealthContributorAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.bootstrap-servers=" + cluster.bootstrapServers(),
            "plume.producer.transactional-id=" + transactionalId,
            "plume.producer.max-block=20s",
            "plume.producer.close-timeout=1s")
        .run(
            context -> {
              HealthIndicator health =
                  context.getBean("plumeHealthContributor", HealthIndicator.class);
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
              ReplacingProducer<?, ?> producer = context.getBean(ReplacingProducer.class);
              Producer<?, ?> first = producer.current();
              template.executeInTransaction(t -> t.send(topic, "one"));
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);

              // A second producer with the same transactional.id fences the first.
              try (PlumeProducer<String, String> zombieKiller =
                  new PlumeProducer<>(
                      Map.of(
                          "bootstrap.servers",
                          cluster.bootstrapServers(),
                          "transactional.id",
                          transactionalId),
                      new StringSerializer(),
                      new StringSerializer())) {
                zombieKiller.initTransactions();

                assertThatThrownBy(
                        () ->
                            template.executeInTransaction(
                                t -> t.send(topic, "two").orTimeout(20, TimeUnit.SECONDS).join()))
                    .isInstanceOf(Exception.class);
                Health down = health.health();
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(String.valueOf(down.getDetails().get("reason")))
                    .contains("failed fatally")
                    .containsIgnoringCase("fenced");

                template.executeInTransaction(
                    t -> t.send(topic, "three").orTimeout(20, TimeUnit.SECONDS).join());
                assertThat(producer.current()).isNotSameAs(first);
                assertThat(producer.replacementsTotal()).isEqualTo(1);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
              }
            });
  }

  /** Polls the health until it has {@code expected} or 60 s passed; returns the last one. */
  private static Health awaitStatus(HealthIndicator indicator, Status expected, Runnable nudge) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Health last = indicator.health();
    while (!last.getStatus().equals(expected) && System.nanoTime() < deadline) {
      nudge.run();
      waitBriefly();
      last = indicator.health();
    }
    return last;
  }

  /** Poll interval (the health is computed from the producer's counters, cheaply). */
  private static void waitBriefly() {
    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
  }
}
