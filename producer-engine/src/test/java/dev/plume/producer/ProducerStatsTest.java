package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerStatsTest {

  @Test
  void anUnsetValueMeansNothingHappenedYet() {
    ProducerStats stats = ProducerStats.builder().build();

    assertThat(stats.recordsSentTotal()).isZero();
    assertThat(stats.requestLatencyP99Ms()).isZero();
    assertThat(stats.senderThreadAlive()).isFalse();
    assertThat(stats.metadataAgeMs()).as("never updated").isEqualTo(-1);
    assertThat(stats.lastBrokerContactAgeMs()).as("never contacted").isEqualTo(-1);
    assertThat(stats.lastErrorAgeMs()).as("no error yet").isEqualTo(-1);
    assertThat(stats.lastError()).isNull();
    assertThat(stats.fatalError()).isNull();
    assertThat(stats.nodes()).isEmpty();
    assertThat(stats.topics()).isEmpty();
  }

  @Test
  void eachSetterFillsItsOwnComponent() {
    ProducerStats stats =
        ProducerStats.builder()
            .recordsSentTotal(7)
            .recordErrorsTotal(2)
            .requestLatencyP50Ms(1.5)
            .requestLatencyP99Ms(9.5)
            .connectionCount(3)
            .senderThreadAlive(true)
            .fatalError("boom")
            .ioWakeupsTotal(11)
            .ioWakeupsSkippedTotal(4)
            .ioWakeupRate(0.5)
            .build();

    assertThat(stats.recordsSentTotal()).isEqualTo(7);
    assertThat(stats.recordErrorsTotal()).isEqualTo(2);
    assertThat(stats.recordRetriesTotal()).isZero();
    assertThat(stats.requestLatencyP50Ms()).isEqualTo(1.5);
    assertThat(stats.requestLatencyP99Ms()).isEqualTo(9.5);
    assertThat(stats.connectionCount()).isEqualTo(3);
    assertThat(stats.senderThreadAlive()).isTrue();
    assertThat(stats.fatalError()).isEqualTo("boom");
    assertThat(stats.ioWakeupsTotal()).isEqualTo(11);
    assertThat(stats.ioWakeupsSkippedTotal()).isEqualTo(4);
    assertThat(stats.ioRoundsTotal()).isZero();
    assertThat(stats.ioWakeupRate()).isEqualTo(0.5);
  }

  @Test
  void aSnapshotDoesNotChangeWithTheMapsItWasBuiltFrom() {
    Map<String, ProducerStats.TopicStats> topics = new HashMap<>();
    topics.put("a", new ProducerStats.TopicStats("a", 1, 10, 0, 0, 1.0));
    ProducerStats stats = ProducerStats.builder().topics(topics).build();

    topics.put("b", new ProducerStats.TopicStats("b", 1, 10, 0, 0, 1.0));

    assertThat(stats.topics()).containsOnlyKeys("a");
    assertThatThrownBy(() -> stats.nodes().put(1, null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
