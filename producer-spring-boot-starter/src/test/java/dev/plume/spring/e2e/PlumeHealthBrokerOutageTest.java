package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.health.PlumeHealthContributorAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code plume} health against a dedicated real broker that is killed and started again: DOWN
 * once no broker answered for {@code health.unreachable-timeout}, UP again when it is back.
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
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);

              cluster.node(0).kill();
              Health down = awaitStatus(health, Status.DOWN, () -> {});
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);

              cluster.startStoppedNodes();
              // A send gives the producer a reason to reconnect (it has nothing else to do).
              Health up = awaitStatus(health, Status.UP, () -> template.send(topic, "after"));
              assertThat(up.getStatus()).isEqualTo(Status.UP);
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
