package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

  @Test
  void withersChangeOnlyTheirField() {
    ClusterSpec spec =
        ClusterSpec.singleNode()
            .withKafkaVersion("3.9.1")
            .withNodes(3)
            .withDataDir(Path.of("/tmp/x"))
            .withBrokerProperty("num.partitions", "4")
            .withStartTimeout(Duration.ofSeconds(5))
            .withBackend(Backend.LOCAL_JVM);

    assertThat(spec.nodes()).isEqualTo(3);
    assertThat(spec.kafkaVersion()).isEqualTo("3.9.1");
    assertThat(spec.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(spec.brokerProperties()).containsExactly(Map.entry("num.partitions", "4"));
    assertThat(spec.startTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.jvmOptions()).isEqualTo(ClusterSpec.DEFAULT_JVM_OPTIONS);
  }

  @Test
  void rejectsAnEmptyCluster() {
    assertThatThrownBy(() -> ClusterSpec.ofNodes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void threeNodeConfigHasStaticVotersAndReplicationThree() {
    Map<String, String> config =
        BrokerConfigs.forNode(
            1, List.of(9001, 9002, 9003), List.of(9101, 9102, 9103), "/data", Map.of());

    assertThat(config)
        .containsEntry("node.id", "1")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry(
            "controller.quorum.voters", "0@127.0.0.1:9101,1@127.0.0.1:9102,2@127.0.0.1:9103")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2");
  }

  @Test
  void proxiedListenersAdvertiseEachNodesOwnProxyPort() {
    try (FaultProxy p0 = FaultProxy.start(9201);
        FaultProxy p1 = FaultProxy.start(9202);
        FaultProxy p2 = FaultProxy.start(9203)) {
      ClusterSpec spec =
          ClusterSpec.threeNodes()
              .withBrokerProperty("num.partitions", "4")
              .withNodeProperty(2, "num.partitions", "6")
              .withProxiedListeners("PROXIED", List.of(9201, 9202, 9203), List.of(p0, p1, p2));

      for (int id = 0; id < 3; id++) {
        Map<String, String> config =
            BrokerConfigs.forNode(
                id,
                List.of(9001, 9002, 9003),
                List.of(9101, 9102, 9103),
                "/data",
                spec.brokerProperties());
        int proxyPort = List.of(p0, p1, p2).get(id).port();
        assertThat(config.get("listeners"))
            .isEqualTo(
                "PLAINTEXT://127.0.0.1:900"
                    + (id + 1)
                    + ",CONTROLLER://127.0.0.1:910"
                    + (id + 1)
                    + ",PROXIED://127.0.0.1:920"
                    + (id + 1));
        assertThat(config.get("advertised.listeners"))
            .isEqualTo(
                "PLAINTEXT://127.0.0.1:900" + (id + 1) + ",PROXIED://127.0.0.1:" + proxyPort);
        assertThat(config).containsEntry("inter.broker.listener.name", "PLAINTEXT");
        assertThat(config.get("num.partitions")).isEqualTo(id == 2 ? "6" : "4");
        assertThat(config.keySet()).noneMatch(key -> key.startsWith("plume."));
      }
    }
  }

  @Test
  void proxiedListenersNeedAPortAndAProxyPerNode() {
    try (FaultProxy proxy = FaultProxy.start(9201)) {
      assertThatThrownBy(
              () ->
                  ClusterSpec.threeNodes()
                      .withProxiedListeners("PROXIED", List.of(9201), List.of(proxy)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("one port and one proxy per node");
      assertThatThrownBy(() -> ClusterSpec.threeNodes().withNodeProperty(3, "a", "b"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void singleNodeConfigUsesReplicationOneAndTakesOverrides() {
    Map<String, String> config =
        BrokerConfigs.forNode(
            0, List.of(9001), List.of(9101), "/data", Map.of("num.partitions", "8"));

    assertThat(config)
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("num.partitions", "8");
  }

  @Test
  void probeOfAPortWithoutBrokerSeesNoLiveBrokers() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(KafkaProbe.liveBrokerIds("127.0.0.1", port, 500)).isEmpty();
  }

  @Test
  void testcontainersBackendRefusesMultiNodeClusters() {
    assertThatThrownBy(
            () -> EmbeddedKafka.start(ClusterSpec.threeNodes().withBackend(Backend.TESTCONTAINERS)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("single-node");
  }

  @Test
  void testcontainersBackendWithoutDockerFailsWithAClearMessage() {
    assumeTrue(
        System.getenv("DOCKER_HOST") == null
            && !java.nio.file.Files.exists(Path.of("/var/run/docker.sock")),
        "a Docker engine may be reachable here");

    assertThatThrownBy(
            () -> EmbeddedKafka.start(ClusterSpec.singleNode().withBackend(Backend.TESTCONTAINERS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Docker engine is reachable");
  }

  @Test
  void backendComesFromTheSystemProperty() {
    String previous = System.getProperty("plume.test.broker");
    try {
      System.setProperty("plume.test.broker", "testcontainers");
      assertThat(Backend.fromEnvironment()).isEqualTo(Backend.TESTCONTAINERS);
      System.setProperty("plume.test.broker", "bogus");
      assertThatThrownBy(Backend::fromEnvironment)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bogus");
    } finally {
      if (previous == null) {
        System.clearProperty("plume.test.broker");
      } else {
        System.setProperty("plume.test.broker", previous);
      }
    }
  }

  @Test
  void autoModePicksZooKeeperBeforeKafka33AndKRaftFrom33() {
    assertThat(ClusterSpec.singleNode().withKafkaVersion("2.1.1").effectiveMetadataMode())
        .isEqualTo(MetadataMode.ZOOKEEPER);
    assertThat(ClusterSpec.singleNode().withKafkaVersion("3.2.3").effectiveMetadataMode())
        .isEqualTo(MetadataMode.ZOOKEEPER);
    assertThat(ClusterSpec.singleNode().withKafkaVersion("3.3.2").effectiveMetadataMode())
        .isEqualTo(MetadataMode.KRAFT);
    assertThat(ClusterSpec.singleNode().withKafkaVersion("4.2.0-SNAPSHOT").effectiveMetadataMode())
        .isEqualTo(MetadataMode.KRAFT);
  }

  @Test
  void explicitModeIsKeptWhereTheVersionHasItAndRefusedWhereNot() {
    ClusterSpec zooKeeper =
        ClusterSpec.singleNode().withMetadataMode(MetadataMode.ZOOKEEPER).withKafkaVersion("3.9.1");
    assertThat(zooKeeper.effectiveMetadataMode()).isEqualTo(MetadataMode.ZOOKEEPER);

    assertThatThrownBy(() -> zooKeeper.withKafkaVersion("4.0.2").effectiveMetadataMode())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no ZooKeeper mode");
    assertThatThrownBy(
            () ->
                ClusterSpec.singleNode()
                    .withKafkaVersion("2.8.2")
                    .withMetadataMode(MetadataMode.KRAFT)
                    .effectiveMetadataMode())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KRaft");
  }

  @Test
  void oldKafkaComesAsTheScala212BuildAndWithANewerZooKeeperClient() {
    assertThat(KafkaVersion.parse("2.1.1").brokerArtifactId()).isEqualTo("kafka_2.12");
    assertThat(KafkaVersion.parse("2.3.1").brokerArtifactId()).isEqualTo("kafka_2.12");
    assertThat(KafkaVersion.parse("2.4.0").brokerArtifactId()).isEqualTo("kafka_2.13");
    assertThat(KafkaVersion.parse("2.5.1").needsNewerZooKeeperClient()).isTrue();
    assertThat(KafkaVersion.parse("2.6.0").needsNewerZooKeeperClient()).isFalse();
    assertThatThrownBy(() -> KafkaVersion.parse("latest"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zooKeeperModeBrokerConfigHasZooKeeperAndNoKRaftKeys() {
    Map<String, String> config =
        BrokerConfigs.forZooKeeperBroker(
            2, List.of(9001, 9002, 9003), "127.0.0.1:2181", "/data", Map.of("num.partitions", "3"));

    assertThat(config)
        .containsEntry("broker.id", "2")
        .containsEntry("zookeeper.connect", "127.0.0.1:2181")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9003")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("num.partitions", "3")
        .doesNotContainKeys(
            "process.roles", "node.id", "controller.quorum.voters", "controller.listener.names");
    assertThat(BrokerConfigs.forZooKeeperServer(2181, "/zk"))
        .containsEntry("clientPort", "2181")
        .containsEntry("dataDir", "/zk")
        .containsEntry("4lw.commands.whitelist", "ruok")
        .containsEntry("admin.enableServer", "false");
  }
}
