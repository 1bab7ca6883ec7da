package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch lifecycles under splits, against a real broker: every batch is larger than the topic's
 * max.message.bytes, so the broker refuses it (MESSAGE_TOO_LARGE) and the producer splits it, again
 * and again, into pieces it can take, while another thread flushes all the time (flush waits on
 * batches that get split, completed and reused as new batches). Each record must be acknowledged
 * once and read back once, in order per partition (idempotence keeps the pieces' sequences).
 */
class BatchSplitIT {

  private static final int RECORDS = 20_000;

  /**
   * @param maxInFlight requests per connection: with 5, several batches of a partition come back
   *     too large one after the other, and their pieces must queue in sequence order
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void batchesRefusedAsTooLargeAreSplitAndEveryRecordArrivesOnceInOrder(int maxInFlight)
      throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "batch-split-" + maxInFlight;
    Records.createTopic(bootstrap, topic, 3, (short) 1, Map.of("max.message.bytes", "3000"));
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong flushes = new AtomicLong();
    AtomicBoolean sending = new AtomicBoolean(true);
    long splits;
    try (PlumeProducer<byte[], byte[]> producer =
        new PlumeProducer<>(
            Map.of(
                "bootstrap.servers", bootstrap,
                "client.id", "batch-split-" + maxInFlight,
                "max.in.flight.requests.per.connection", String.valueOf(maxInFlight),
                "acks", "all",
                "enable.idempotence", "true",
                "batch.size", "32768",
                "linger.ms", "20",
                "metric.reporters", ""),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      Thread flusher =
          new Thread(
              () -> {
                while (sending.get()) {
                  producer.flush();
                  flushes.incrementAndGet();
                }
              },
              "batch-split-flusher");
      flusher.start();
      try {
        for (long seq = 0; seq < RECORDS; seq++) {
          producer.send(
              new ProducerRecord<>(topic, DeliveryAudit.value(seq, 200)),
              (md, e) -> (e == null ? acked : failed).incrementAndGet());
        }
        producer.flush();
      } finally {
        sending.set(false);
        flusher.join();
      }
      // Everything sent before the flush returned is acknowledged or failed by then.
      assertThat(acked.get() + failed.get()).isEqualTo(RECORDS);
      splits = producer.metrics().batchSplitsTotal();
    }
    DeliveryAudit audit = new DeliveryAudit(RECORDS);
    Records.forEach(bootstrap, topic, Duration.ofSeconds(60), audit::accept);
    System.out.printf(
        "BatchSplitIT max.in.flight=%d: %d records, %d splits, %d flushes; %s%n",
        maxInFlight, RECORDS, splits, flushes.get(), audit);
    assertThat(splits).isGreaterThan(0);
    assertThat(failed.get()).isZero();
    assertThat(acked.get()).isEqualTo(RECORDS);
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).isZero();
    assertThat(audit.reordered()).isZero();
  }
}
