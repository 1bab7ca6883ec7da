package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.FaultProxy;
import dev.plume.broker.KafkaCluster;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The idempotent producer (defaults, but {@code retries=2}) through a proxy that lets the broker
 * write Produce requests and then resets the connection instead of passing the answer on, several
 * times in a row: batches run out of retries with an unknown outcome while others wait for their
 * retry. Every acknowledged record must be in the log exactly once and in order; a failed record
 * may or may not be there, but never twice. kafka-clients runs the same schedule as a reference.
 */
class LostResponsesIT {

  private static final int PRODUCE = 0;
  private static final int RECORDS = 12_000;
  private static final int RATE_PER_SEC = 2_000;
  private static final int LOST_IN_A_ROW = 3;

  private static FaultProxy proxy;
  private static KafkaCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    int listenerPort;
    try (ServerSocket free = new ServerSocket(0)) {
      listenerPort = free.getLocalPort();
    }
    proxy = FaultProxy.start(listenerPort);
    cluster =
        TestBrokers.startDedicated(
            ClusterSpec.singleNode().withProxiedListener("PROXIED", listenerPort, proxy));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** One send: the record with sequence number {@code seq} for {@code partition}. */
  private interface Client extends AutoCloseable {
    void send(String topic, int partition, long seq, Outcomes outcomes);

    @Override
    void close();
  }

  /** What each record's callback said; a record completing twice is counted as a bug. */
  private static final class Outcomes {
    final BitSet acked = new BitSet();
    final BitSet failed = new BitSet();
    long completedTwice;

    synchronized void complete(long seq, boolean ok) {
      int i = (int) seq;
      if (acked.get(i) || failed.get(i)) {
        completedTwice++;
      }
      (ok ? acked : failed).set(i);
    }
  }

  private static Map<String, Object> settings() {
    return Map.of("bootstrap.servers", proxy.bootstrapServers(), "retries", "2");
  }

  private static Client plume() {
    PlumeProducer<byte[], byte[]> producer =
        new PlumeProducer<>(settings(), new ByteArraySerializer(), new ByteArraySerializer());
    return new Client() {
      @Override
      public void send(String topic, int partition, long seq, Outcomes outcomes) {
        producer.send(
            new ProducerRecord<>(topic, partition, null, value(seq)),
            (md, e) -> outcomes.complete(seq, e == null));
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static Client kafkaClients() {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings(),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    return new Client() {
      @Override
      public void send(String topic, int partition, long seq, Outcomes outcomes) {
        producer.send(
            new org.apache.kafka.clients.producer.ProducerRecord<>(
                topic, partition, null, value(seq)),
            (md, e) -> outcomes.complete(seq, e == null));
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static byte[] value(long seq) {
    return ByteBuffer.allocate(100).putLong(seq).array();
  }

  @ParameterizedTest(name = "Plume, {0} partition(s)")
  @ValueSource(ints = {1, 3})
  void plumeWritesEveryAcknowledgedRecordOnceInOrder(int partitions) throws Exception {
    Outcomes outcomes = run("lost-responses-plume-" + partitions, partitions, plume());
    assertThat(outcomes.failed.cardinality())
        .as("the bursts must make some batches run out of retries")
        .isPositive();
  }

  @Test
  void kafkaClientsUnderTheSameScheduleAsAReference() throws Exception {
    run("lost-responses-kafka-clients", 3, kafkaClients());
  }

  private Outcomes run(String topic, int partitions, Client client) throws Exception {
    Records.createTopic(cluster.bootstrapServers(), topic, partitions, (short) 1);
    Outcomes outcomes = new Outcomes();
    long lostBefore = proxy.lostResponses();
    int bursts = 0;
    try (client) {
      long startNs = System.nanoTime();
      long intervalNs = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SEC;
      for (long seq = 0; seq < RECORDS; seq++) {
        long dueNs = startNs + seq * intervalNs;
        long now;
        while ((now = System.nanoTime()) < dueNs) {
          LockSupport.parkNanos(dueNs - now);
        }
        // Every 1,500 records (0.75 s) after the first second, a burst of lost answers.
        if (seq >= RATE_PER_SEC && seq % 1_500 == 0) {
          proxy.loseResponses(PRODUCE, LOST_IN_A_ROW);
          bursts++;
        }
        client.send(topic, (int) (seq % partitions), seq, outcomes);
      }
    } // close waits for every outcome
    assertThat(proxy.lostResponses() - lostBefore)
        .as("responses lost")
        .isGreaterThanOrEqualTo((long) (bursts - 1) * LOST_IN_A_ROW);
    proxy.loseResponses(PRODUCE, -proxy.responsesStillToLose(PRODUCE));

    Map<Long, Integer> timesRead = new HashMap<>();
    Map<Integer, Long> lastSeqByPartition = new HashMap<>();
    long reordered = 0;
    for (ConsumerRecord<byte[], byte[]> r :
        Records.readAll(cluster.bootstrapServers(), topic, Duration.ofSeconds(60))) {
      long seq = ByteBuffer.wrap(r.value()).getLong();
      timesRead.merge(seq, 1, Integer::sum);
      Long last = lastSeqByPartition.put(r.partition(), seq);
      if (last != null && last > seq) {
        reordered++;
      }
    }
    long duplicated = timesRead.values().stream().filter(n -> n > 1).count();
    long ackedMissing =
        outcomes.acked.stream().filter(s -> !timesRead.containsKey((long) s)).count();
    long failedWritten =
        outcomes.failed.stream().filter(s -> timesRead.containsKey((long) s)).count();
    System.out.printf(
        "LostResponsesIT %s: %d bursts of %d lost answers; acked=%d failed=%d (of which in the"
            + " log: %d) duplicated=%d reordered=%d acked-but-missing=%d%n",
        topic,
        bursts,
        LOST_IN_A_ROW,
        outcomes.acked.cardinality(),
        outcomes.failed.cardinality(),
        failedWritten,
        duplicated,
        reordered,
        ackedMissing);
    assertThat(outcomes.completedTwice).as("records completed twice").isZero();
    assertThat(outcomes.acked.cardinality() + outcomes.failed.cardinality())
        .as("records with an outcome")
        .isEqualTo(RECORDS);
    assertThat(duplicated).as("records written twice").isZero();
    assertThat(reordered).as("records out of order").isZero();
    assertThat(ackedMissing).as("acknowledged records missing").isZero();
    return outcomes;
  }
}
