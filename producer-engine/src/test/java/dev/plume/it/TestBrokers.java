package dev.plume.it;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;

/**
 * Real brokers for the integration tests: one shared single-node cluster per test JVM (started on
 * first use, stopped by a shutdown hook), and dedicated clusters for tests that kill brokers.
 */
final class TestBrokers {

  private static KafkaCluster shared;

  private TestBrokers() {}

  static synchronized String bootstrapServers() {
    if (shared == null) {
      KafkaCluster cluster = EmbeddedKafka.start(ClusterSpec.singleNode());
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "plume-test-broker-stop"));
      shared = cluster;
    }
    shared.startStoppedNodes();
    return shared.bootstrapServers();
  }

  /** A cluster of its own, for a test that kills or restarts brokers; close it when done. */
  static KafkaCluster startDedicated(ClusterSpec spec) {
    return EmbeddedKafka.start(spec);
  }
}
