package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.KafkaNode;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The producer under real broker faults, with dedicated clusters: a SIGKILLed broker, a killed
 * partition leader in a 3-node cluster, and a broker down longer than delivery.timeout.ms.
 */
class BrokerFaultsIT {

  private static final int RATE_PER_SEC = 3000;

  /** Also with Plume's adaptive batching, which changes when batches are sent. */
  @ParameterizedTest(name = "plume.batching.adaptive={0}")
  @ValueSource(booleans = {false, true})
  void brokerKilledForTenSecondsLosesDuplicatesAndReordersNothing(boolean adaptive)
      throws Exception {
    try (KafkaCluster cluster = TestBrokers.startDedicated(ClusterSpec.singleNode())) {
      String bootstrap = cluster.bootstrapServers();
      String topic = "kill-single";
      Records.createTopic(bootstrap, topic, 3, (short) 1);
      KafkaNode node = cluster.node(0);
      int count = RATE_PER_SEC * 20;
      SteadySender sender = new SteadySender();
      long sendMs =
          sendThroughOutage(
              bootstrap,
              topic,
              count,
              sender,
              node,
              3,
              13,
              Map.of("plume.batching.adaptive", Boolean.toString(adaptive)));
      DeliveryAudit audit = audit(bootstrap, topic, count);
      System.out.printf(
          "BrokerFaultsIT kill 10 s at %d records/s (adaptive batching %s): %d ms, acked=%d"
              + " failed=%d maxSendBlockMs=%d; %s%n",
          RATE_PER_SEC,
          adaptive,
          sendMs,
          sender.acked.get(),
          sender.failed.get(),
          sender.maxSendBlockNs / 1_000_000,
          audit);
      assertEveryRecordOnceInOrder(sender, audit, count);
    }
  }

  @Test
  void partitionLeaderKilledInThreeNodeClusterLosesNothing() throws Exception {
    try (KafkaCluster cluster = TestBrokers.startDedicated(ClusterSpec.threeNodes())) {
      String bootstrap = cluster.bootstrapServers();
      String topic = "kill-leader";
      Records.createTopic(bootstrap, topic, 3, (short) 3);
      int leaderId = leaderOf(bootstrap, topic, 0);
      KafkaNode leader = nodeWithId(cluster, leaderId);
      int count = RATE_PER_SEC * 15;
      SteadySender sender = new SteadySender();
      sendThroughOutage(bootstrap, topic, count, sender, leader, 3, 9, Map.of());
      DeliveryAudit audit = audit(bootstrap, topic, count);
      System.out.printf(
          "BrokerFaultsIT leader %d killed: acked=%d failed=%d maxSendBlockMs=%d; %s%n",
          leaderId,
          sender.acked.get(),
          sender.failed.get(),
          sender.maxSendBlockNs / 1_000_000,
          audit);
      assertEveryRecordOnceInOrder(sender, audit, count);
    }
  }

  @Test
  void brokerDownLongerThanDeliveryTimeoutGivesEachRecordOneOutcomeThenRecovers() throws Exception {
    try (KafkaCluster cluster = TestBrokers.startDedicated(ClusterSpec.singleNode())) {
      String bootstrap = cluster.bootstrapServers();
      String topic = "down-long";
      Records.createTopic(bootstrap, topic, 1, (short) 1);
      KafkaNode node = cluster.node(0);
      Map<String, Object> overrides =
          Map.of("delivery.timeout.ms", 4000, "request.timeout.ms", 2000, "linger.ms", 5);
      try (PlumeProducer<byte[], byte[]> producer = producer(bootstrap, overrides)) {
        SteadySender before = new SteadySender();
        before.run(producer, topic, 200, 1000, second -> {});
        producer.flush();
        assertThat(before.acked.get()).isEqualTo(200);

        node.kill();
        SteadySender during = new SteadySender();
        during.run(producer, topic, 500, 500, second -> {});
        producer.flush();
        // Every record has exactly one outcome, and with the broker gone it is a timeout.
        assertThat(during.outcomes()).isEqualTo(500);
        assertThat(during.completedTwice.get()).isZero();
        assertThat(during.failed.get()).isEqualTo(500);
        assertThat(during.failures).containsOnlyKeys("TimeoutException");

        node.start();
        SteadySender after = new SteadySender();
        after.run(producer, topic, 300, 1000, second -> {});
        producer.flush();
        System.out.printf(
            "BrokerFaultsIT down > delivery.timeout.ms: before acked=%d; during failed=%d %s;"
                + " after acked=%d failed=%d%n",
            before.acked.get(),
            during.failed.get(),
            during.failures,
            after.acked.get(),
            after.failed.get());
        assertThat(after.acked.get()).isEqualTo(300);
        assertThat(after.completedTwice.get()).isZero();
      }
    }
  }

  /**
   * Sends {@code count} records at {@link #RATE_PER_SEC} while {@code node} is SIGKILLed at second
   * {@code killAtSecond} and restarted at {@code restartAtSecond} (from another thread, so sending
   * never waits for the broker), then flushes. Returns the sending time in ms.
   */
  private static long sendThroughOutage(
      String bootstrap,
      String topic,
      int count,
      SteadySender sender,
      KafkaNode node,
      int killAtSecond,
      int restartAtSecond,
      Map<String, Object> settings)
      throws Exception {
    ExecutorService faults = Executors.newSingleThreadExecutor();
    Future<?>[] pending = new Future<?>[2];
    try (PlumeProducer<byte[], byte[]> producer = producer(bootstrap, settings)) {
      long sendMs =
          sender.run(
              producer,
              topic,
              count,
              RATE_PER_SEC,
              second -> {
                if (second == killAtSecond) {
                  pending[0] = faults.submit(node::kill);
                } else if (second == restartAtSecond) {
                  pending[1] = faults.submit(node::start);
                }
              });
      pending[0].get();
      pending[1].get();
      producer.flush();
      return sendMs;
    } finally {
      faults.shutdownNow();
    }
  }

  /** Acknowledged, once each, read back once, in order; no send() blocked a second. */
  private static void assertEveryRecordOnceInOrder(
      SteadySender sender, DeliveryAudit audit, int count) {
    assertThat(sender.failures).as("first failure: %s", sender.firstFailure).isEmpty();
    assertThat(sender.acked.get()).isEqualTo(count);
    assertThat(sender.completedTwice.get()).isZero();
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).isZero();
    assertThat(audit.reordered()).isZero();
    assertThat(sender.maxSendBlockNs).isLessThan(1_000_000_000L);
  }

  private static PlumeProducer<byte[], byte[]> producer(
      String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("reconnect.backoff.max.ms", 500);
    config.putAll(overrides);
    return new PlumeProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static DeliveryAudit audit(String bootstrap, String topic, int count) {
    DeliveryAudit audit = new DeliveryAudit(count);
    Records.forEach(bootstrap, topic, Duration.ofSeconds(60), audit::accept);
    return audit;
  }

  private static int leaderOf(String bootstrap, String topic, int partition) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return d.partitions().get(partition).leader().id();
    }
  }

  private static KafkaNode nodeWithId(KafkaCluster cluster, int brokerId) {
    for (KafkaNode n : cluster.nodes()) {
      if (n.id() == brokerId) {
        return n;
      }
    }
    throw new IllegalStateException("No node with broker id " + brokerId);
  }
}
