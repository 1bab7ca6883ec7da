package dev.plume.broker;

import java.util.List;

/** A running Kafka cluster. Closing it stops every node and deletes its temporary data. */
public interface KafkaCluster extends AutoCloseable {

  /** {@code host:port} of every node's client listener, comma-separated. */
  String bootstrapServers();

  /** The broker version running. */
  String kafkaVersion();

  /** The nodes, indexed by node id (0 .. size-1). */
  List<KafkaNode> nodes();

  default KafkaNode node(int id) {
    return nodes().get(id);
  }

  default int size() {
    return nodes().size();
  }

  /**
   * Starts every node that was stopped or killed and waits until each one serves requests again; a
   * no-op when all are running. Shared clusters call this before each test.
   */
  void startStoppedNodes();

  /** Stops every node (SIGTERM, then SIGKILL if it hangs) and removes temporary data. */
  @Override
  void close();
}
