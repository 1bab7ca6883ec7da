package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A ZooKeeper-mode cluster: Kafka 2.8 (no production KRaft), picked by version, with its ZooKeeper
 * server in a child JVM of its own; the official client produces and reads back, and closing the
 * cluster ends both processes.
 */
class ZooKeeperModeTest {

  private static final String ZOOKEEPER_ERA_VERSION = "2.8.2";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void olderBrokerRunsOnZooKeeperAndServesTheOfficialClient() throws Exception {
    ClusterSpec spec = ClusterSpec.singleNode().withKafkaVersion(ZOOKEEPER_ERA_VERSION);
    assertThat(spec.effectiveMetadataMode()).isEqualTo(MetadataMode.ZOOKEEPER);

    LocalKafkaCluster cluster = (LocalKafkaCluster) EmbeddedKafka.start(spec);
    Process zooKeeper;
    ProcessHandle broker;
    try {
      assertThat(cluster.kafkaVersion()).isEqualTo(ZOOKEEPER_ERA_VERSION);
      LocalZooKeeper server = cluster.zooKeeper();
      assertThat(server).isNotNull();
      zooKeeper = server.currentProcess();
      assertThat(zooKeeper.isAlive()).isTrue();
      String[] hostPort = server.connectString().split(":");
      assertThat(LocalZooKeeper.answersRuok(hostPort[0], Integer.parseInt(hostPort[1]), 1_000))
          .isTrue();
      assertThat(Files.readString(cluster.node(0).logFile().resolveSibling("server.properties")))
          .contains("zookeeper.connect=" + server.connectString())
          .doesNotContain("process.roles");
      broker = ((LocalKafkaNode) cluster.node(0)).currentProcess().toHandle();
      assertThat(broker.pid()).isNotEqualTo(zooKeeper.pid());

      KafkaTestClients.produce(cluster.bootstrapServers(), "zk-mode-round-trip", "zk", 5);

      assertThat(
              KafkaTestClients.readValues(
                  cluster.bootstrapServers(), "zk-mode-round-trip", 5, READ_TIMEOUT))
          .containsExactlyElementsOf(KafkaTestClients.values("zk", 5));
    } finally {
      cluster.close();
    }

    assertThat(zooKeeper.isAlive()).isFalse();
    assertThat(broker.isAlive()).isFalse();
  }
}
