package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.FaultProxy;
import dev.plume.broker.FaultProxy.Direction;
import dev.plume.broker.ProxiedCluster;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A 3-node cluster (replication 3, min.insync.replicas 2) with a {@link FaultProxy} in front of
 * each broker: the producer, with Kafka's defaults and acks=all, sends 3,000 records/s while the
 * proxy of one partition's leader stalls, resets every connection, cuts answers mid-frame, refuses
 * connections, adds latency and loses Produce answers after the write, each fault shorter than
 * delivery.timeout.ms. Replication between the brokers is not proxied, so the leader keeps its
 * followers in sync through all of it. Every record must be acknowledged and read back exactly
 * once, in order, by the official consumer.
 */
class ThreeNodeNetworkFaultsIT {

  private static final int PRODUCE = 0;
  private static final int RECORDS = 54_000;
  private static final int RATE_PER_SEC = 3_000;
  private static final int PARTITIONS = 3;

  @Test
  void faultsOnTheLeadersProxyLoseDuplicateReorderAndFailNothing() throws Exception {
    String topic = "three-node-faults";
    try (ProxiedCluster cluster = ProxiedCluster.start(ClusterSpec.threeNodes())) {
      Records.createTopic(cluster.directBootstrapServers(), topic, PARTITIONS, (short) 3);
      int leader = leaderOfPartitionZero(cluster.directBootstrapServers(), topic);
      FaultProxy proxy = cluster.proxy(leader);
      long acceptedBefore = proxy.connectionsAccepted();

      BitSet acked = new BitSet();
      BitSet failed = new BitSet();
      AtomicReference<Exception> firstError = new AtomicReference<>();
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      schedule(timer, 1_500, () -> proxy.stall(true));
      schedule(timer, 4_000, () -> proxy.stall(false));
      schedule(timer, 5_000, proxy::resetAll);
      schedule(timer, 6_500, () -> proxy.cutResponses(2));
      schedule(timer, 8_000, () -> proxy.refuseConnections(true).resetAll());
      schedule(timer, 10_000, () -> proxy.refuseConnections(false));
      schedule(
          timer,
          11_000,
          () ->
              proxy
                  .latency(Direction.TO_BROKER, Duration.ofMillis(200))
                  .latency(Direction.TO_CLIENT, Duration.ofMillis(200)));
      schedule(timer, 14_000, proxy::clear);
      schedule(timer, 15_000, () -> proxy.loseResponses(PRODUCE, 3));
      schedule(timer, 16_500, proxy::clear);

      Map<String, Object> settings = new HashMap<>();
      settings.put("bootstrap.servers", cluster.bootstrapServers());
      long startNs = System.nanoTime();
      try (PlumeProducer<byte[], byte[]> producer =
          new PlumeProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SEC;
        for (int seq = 0; seq < RECORDS; seq++) {
          long dueNs = startNs + seq * intervalNs;
          long now;
          while ((now = System.nanoTime()) < dueNs) {
            LockSupport.parkNanos(dueNs - now);
          }
          int s = seq;
          producer.send(
              new ProducerRecord<>(topic, seq % PARTITIONS, null, value(seq)),
              (md, e) -> {
                synchronized (acked) {
                  (e == null ? acked : failed).set(s);
                }
                if (e != null) {
                  firstError.compareAndSet(null, e);
                }
              });
        }
      } finally {
        timer.shutdownNow();
        proxy.clear();
      }

      Map<Long, Integer> timesRead = new HashMap<>();
      Map<Integer, Long> lastSeqByPartition = new HashMap<>();
      long reordered = 0;
      for (ConsumerRecord<byte[], byte[]> r :
          Records.readAll(cluster.directBootstrapServers(), topic, Duration.ofSeconds(60))) {
        long seq = ByteBuffer.wrap(r.value()).getLong();
        timesRead.merge(seq, 1, Integer::sum);
        Long last = lastSeqByPartition.put(r.partition(), seq);
        if (last != null && last > seq) {
          reordered++;
        }
      }
      long duplicated = timesRead.values().stream().filter(n -> n > 1).count();
      long missing = acked.stream().filter(s -> !timesRead.containsKey((long) s)).count();
      System.out.printf(
          "ThreeNodeNetworkFaultsIT: leader %d, %d records in %d ms; acked=%d failed=%d"
              + " read=%d duplicated=%d reordered=%d acked-but-missing=%d connections=%d%n",
          leader,
          RECORDS,
          (System.nanoTime() - startNs) / 1_000_000,
          acked.cardinality(),
          failed.cardinality(),
          timesRead.size(),
          duplicated,
          reordered,
          missing,
          proxy.connectionsAccepted() - acceptedBefore);

      assertThat(firstError.get()).as("first send error").isNull();
      assertThat(acked.cardinality()).as("records acknowledged").isEqualTo(RECORDS);
      assertThat(failed.cardinality()).as("records failed").isZero();
      assertThat(timesRead).as("records read back").hasSize(RECORDS);
      assertThat(duplicated).as("records written twice").isZero();
      assertThat(reordered).as("records out of order").isZero();
      assertThat(proxy.lostResponses()).as("Produce answers lost").isEqualTo(3);
      assertThat(proxy.connectionsAccepted() - acceptedBefore)
          .as("connections to the leader replaced after the resets")
          .isGreaterThan(3);
    }
  }

  private static void schedule(ScheduledExecutorService timer, long atMs, Runnable action) {
    timer.schedule(action, atMs, TimeUnit.MILLISECONDS);
  }

  private static int leaderOfPartitionZero(String bootstrap, String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .get(0)
          .leader()
          .id();
    }
  }

  private static byte[] value(long seq) {
    return ByteBuffer.allocate(100).putLong(seq).array();
  }
}
