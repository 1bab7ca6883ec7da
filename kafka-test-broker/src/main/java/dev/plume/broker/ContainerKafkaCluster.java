package dev.plume.broker;

import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A single-node cluster in Docker via Testcontainers ({@code apache/kafka:<version>}). Loaded only
 * when asked for, so Testcontainers stays an optional dependency. Nodes cannot be killed or
 * restarted on this path.
 */
final class ContainerKafkaCluster implements KafkaCluster {

  private final KafkaContainer container;
  private final String kafkaVersion;
  private final KafkaNode node;

  private ContainerKafkaCluster(KafkaContainer container, String kafkaVersion) {
    this.container = container;
    this.kafkaVersion = kafkaVersion;
    this.node = new ContainerNode();
  }

  static KafkaCluster start(ClusterSpec spec) {
    if (spec.nodes() != 1) {
      throw new UnsupportedOperationException(
          "The Testcontainers backend runs single-node clusters only; "
              + spec.nodes()
              + " nodes were asked for. Unset plume.test.broker / PLUME_TEST_BROKER to run them"
              + " in child JVMs.");
    }
    if (spec.metadataMode() == MetadataMode.ZOOKEEPER) {
      throw new UnsupportedOperationException(
          "The Testcontainers backend runs the apache/kafka image in KRaft mode only. Unset"
              + " plume.test.broker / PLUME_TEST_BROKER to run a ZooKeeper-mode cluster in child"
              + " JVMs.");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "plume.test.broker / PLUME_TEST_BROKER asks for Testcontainers, but no Docker engine is"
              + " reachable (see Testcontainers' log for the strategies it tried). Start Docker, or"
              + " unset it to run the broker in a child JVM.");
    }
    KafkaContainer container = new KafkaContainer("apache/kafka:" + spec.kafkaVersion());
    spec.brokerProperties()
        .forEach(
            (key, value) ->
                container.withEnv(
                    "KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
    container.withStartupTimeout(spec.startTimeout());
    container.start();
    return new ContainerKafkaCluster(container, spec.kafkaVersion());
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String kafkaVersion() {
    return kafkaVersion;
  }

  @Override
  public List<KafkaNode> nodes() {
    return List.of(node);
  }

  @Override
  public void startStoppedNodes() {
    // The container is never stopped by us while the cluster is open.
  }

  @Override
  public void close() {
    container.stop();
  }

  private final class ContainerNode implements KafkaNode {

    @Override
    public int id() {
      return 0;
    }

    @Override
    public int port() {
      String servers = bootstrapServers();
      return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }

    @Override
    public String bootstrapServers() {
      return container.getBootstrapServers();
    }

    @Override
    public boolean isRunning() {
      return container.isRunning();
    }

    @Override
    public void stop() {
      throw unsupported("stop");
    }

    @Override
    public void kill() {
      throw unsupported("kill");
    }

    @Override
    public void start() {
      throw unsupported("start");
    }

    @Override
    public Path logFile() {
      throw unsupported("logFile");
    }

    private UnsupportedOperationException unsupported(String operation) {
      return new UnsupportedOperationException(
          "KafkaNode."
              + operation
              + "() is not supported on the Testcontainers backend; run without"
              + " plume.test.broker=testcontainers to get child-JVM brokers that can be stopped,"
              + " killed and restarted");
    }
  }
}
