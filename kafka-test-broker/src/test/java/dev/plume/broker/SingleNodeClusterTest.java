package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithKafkaCluster
class SingleNodeClusterTest {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void officialProducerAndConsumerRoundTrip(KafkaCluster cluster, @BootstrapServers String servers)
      throws Exception {
    assertThat(cluster.size()).isEqualTo(1);
    assertThat(servers).isEqualTo(cluster.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(cluster.kafkaVersion()).isEqualTo(ClusterSpec.defaultKafkaVersion());

    // Auto-created topic: the broker creates it on the producer's first metadata request.
    KafkaTestClients.produce(servers, "single-round-trip", "v", 5);

    assertThat(KafkaTestClients.readValues(servers, "single-round-trip", 5, READ_TIMEOUT))
        .containsExactlyElementsOf(KafkaTestClients.values("v", 5));
  }

  @Test
  void dataSurvivesSigkillAndRestartOnTheSameDataDir(KafkaCluster cluster) throws Exception {
    KafkaNode node = cluster.node(0);
    int port = node.port();
    KafkaTestClients.createTopic(cluster.bootstrapServers(), "single-kill", 1, 1);
    KafkaTestClients.produce(cluster.bootstrapServers(), "single-kill", "before", 10);

    node.kill();
    assertThat(node.isRunning()).isFalse();
    node.start();

    assertThat(node.isRunning()).isTrue();
    assertThat(node.port()).isEqualTo(port);
    assertThat(
            KafkaTestClients.readValues(
                cluster.bootstrapServers(), "single-kill", 10, READ_TIMEOUT))
        .containsExactlyElementsOf(KafkaTestClients.values("before", 10));
    assertThat(node.logFile()).isRegularFile();
  }

  @Test
  void gracefullyStoppedNodeIsRestartedBeforeTheNextTest(KafkaCluster cluster) throws Exception {
    KafkaTestClients.produce(cluster.bootstrapServers(), "single-stop", "before", 3);

    cluster.node(0).stop();
    assertThat(cluster.node(0).isRunning()).isFalse();
    cluster.startStoppedNodes();

    assertThat(cluster.node(0).isRunning()).isTrue();
    assertThat(
            KafkaTestClients.readValues(cluster.bootstrapServers(), "single-stop", 3, READ_TIMEOUT))
        .containsExactlyElementsOf(KafkaTestClients.values("before", 3));
  }
}
