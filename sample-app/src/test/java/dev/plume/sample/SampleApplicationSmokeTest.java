package dev.plume.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole sample, end to end: embedded broker, real engine, real sends. The runner sends the
 * records while the context starts; the summary holds what the broker acknowledged.
 */
@Disabled(
    "Pending: needs the working engine (PlumeProducer still throws UnsupportedOperationException);"
        + " enable after main with the engine is merged")
@SpringBootTest(properties = {"sample.record-count=20", "sample.topic=plume-smoke"})
class SampleApplicationSmokeTest {

  @Autowired SampleSender sender;
  @Autowired HealthContributor plumeHealthContributor;

  @Test
  void sendsEveryRecordToTheEmbeddedBroker() {
    SendSummary summary = sender.summary();
    assertThat(summary.recordsAcknowledged()).isEqualTo(20);
    assertThat(summary.recordsPerPartition().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(20);
    assertThat(summary.lastOffsetPerPartition().values()).allMatch(offset -> offset >= 0);
    assertThat(((HealthIndicator) plumeHealthContributor).health().getStatus())
        .isEqualTo(Status.UP);
  }
}
