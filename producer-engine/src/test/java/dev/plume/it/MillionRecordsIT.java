package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.logging.LogCapture;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One million records, acks=all and idempotent: each read back exactly once, in order. */
class MillionRecordsIT {

  @Test
  void millionRecordsAreDeliveredOnceAndInOrderPerPartition() {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "million";
    Records.createTopic(bootstrap, topic, 3, (short) 1);
    int count = 1_000_000;
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long startNs = System.nanoTime();
    LogCapture logs = LogCapture.plume();
    try (logs;
        PlumeProducer<byte[], byte[]> producer =
            new PlumeProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", "true"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      for (long seq = 0; seq < count; seq++) {
        producer.send(
            new ProducerRecord<>(topic, DeliveryAudit.value(seq, 100)),
            (md, e) -> (e == null ? acked : failed).incrementAndGet());
      }
      producer.flush();
    }
    long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
    DeliveryAudit audit = new DeliveryAudit(count);
    Records.forEach(bootstrap, topic, Duration.ofSeconds(120), audit::accept);
    System.out.printf(
        "MillionRecordsIT: %d records in %d ms (%.0f records/s); %s%n",
        count, elapsedMs, count * 1000.0 / Math.max(1, elapsedMs), audit);
    assertThat(failed.get()).isZero();
    assertThat(acked.get()).isEqualTo(count);
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).isZero();
    assertThat(audit.reordered()).isZero();
    // A clean run logs start (config), producer id and close: nothing per record or batch. A
    // freshly created topic may refuse the first batches of a partition (NOT_LEADER_OR_FOLLOWER
    // while its leader settles): at most one rate-limited retry WARN per partition then.
    List<String> lines = logs.atInfoOrAbove();
    List<String> retryWarns =
        lines.stream().filter(l -> l.startsWith("WARN") && l.contains("retrying")).toList();
    assertThat(retryWarns).hasSizeLessThanOrEqualTo(3);
    assertThat(lines).hasSizeLessThanOrEqualTo(3 + retryWarns.size());
    assertThat(lines).noneMatch(l -> l.startsWith("ERROR"));
  }
}
