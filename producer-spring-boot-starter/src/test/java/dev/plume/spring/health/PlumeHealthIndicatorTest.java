package dev.plume.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.autoconfigure.StubProducer;
import dev.plume.spring.autoconfigure.TestStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class PlumeHealthIndicatorTest {

  private final StubProducer producer = new StubProducer();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final PlumeHealthIndicator indicator =
      new PlumeHealthIndicator(
          producer, Duration.ofSeconds(30), Duration.ofSeconds(10), nanos::get);

  @Test
  void upWithALiveConnectionAndDetails() {
    TestStats stats = TestStats.healthy();
    stats.lastError = "NetworkException: reset";
    stats.lastErrorAgeMs = 42_000;
    producer.stats = stats.build();
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("connections", 1)
        .containsEntry("connectedNodes", java.util.List.of(1))
        .containsEntry("bufferAvailableBytes", 33554432L)
        .containsEntry("lastError", "NetworkException: reset")
        .containsEntry("lastErrorAgeMs", 42_000L)
        .containsEntry("metadataAgeMs", 100L);
  }

  @Test
  void upWithoutConnectionWhenABrokerAnsweredRecently() {
    TestStats stats = TestStats.healthy();
    stats.connectionCount = 0;
    stats.lastBrokerContactAgeMs = 29_999;
    producer.stats = stats.build();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downWithTheReasonWhenTheProducerFailedFatallyEvenWithAnOpenConnection() {
    TestStats stats = TestStats.healthy();
    stats.fatalError = "ProducerFencedException: fenced by a newer producer";
    producer.stats = stats.build();
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString())
        .contains("failed fatally", "ProducerFencedException");
    assertThat(health.getDetails()).containsEntry("fatalError", stats.fatalError);
  }

  @Test
  void downWhenTheSenderThreadDied() {
    TestStats stats = TestStats.healthy();
    stats.senderThreadAlive = false;
    producer.stats = stats.build();
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("sender thread");
  }

  @Test
  void downWhenNoBrokerAnsweredForTheUnreachableTimeout() {
    TestStats stats = TestStats.healthy();
    stats.connectionCount = 0;
    stats.lastBrokerContactAgeMs = 30_000;
    producer.stats = stats.build();
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString())
        .contains("no broker has answered for 30000 ms");
  }

  @Test
  void unknownWhileConnectingThenDownWhenNoBrokerEverAnswered() {
    TestStats stats = TestStats.healthy();
    stats.connectionCount = 0;
    stats.lastBrokerContactAgeMs = -1;
    stats.nodes = Map.of();
    producer.stats = stats.build();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("since startup");
  }

  @Test
  void downOnlyWhenTheBufferStaysExhausted() {
    TestStats exhausted = TestStats.healthy();
    exhausted.bufferAvailableBytes = 0;
    exhausted.waitingThreads = 3;
    producer.stats = exhausted.build();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    Health down = indicator.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("reason").toString())
        .contains("buffer has been exhausted for 10000 ms (3 threads waiting)");
    // Recovers at once, and the clock restarts.
    producer.stats = TestStats.healthy().build();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    producer.stats = exhausted.build();
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downWhenStatisticsCannotBeRead() {
    StubProducer broken =
        new StubProducer() {
          @Override
          public dev.plume.producer.ProducerStats metrics() {
            throw new UnsupportedOperationException("not implemented yet");
          }
        };
    Health health =
        new PlumeHealthIndicator(broken, Duration.ofSeconds(30), Duration.ofSeconds(30)).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
  }
}
