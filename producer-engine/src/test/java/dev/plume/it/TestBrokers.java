package dev.plume.it;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.SharedKafka;

/**
 * Real brokers for the integration tests: the shared single-node cluster of the test JVM, and
 * dedicated clusters for tests that kill brokers.
 */
final class TestBrokers {

  private TestBrokers() {}

  /** The JVM-wide shared single-node cluster (the same one the JUnit extension hands out). */
  static String bootstrapServers() {
    KafkaCluster shared = SharedKafka.singleNode();
    shared.startStoppedNodes();
    return shared.bootstrapServers();
  }

  /** A cluster of its own, for a test that kills or restarts brokers; close it when done. */
  static KafkaCluster startDedicated(ClusterSpec spec) {
    return EmbeddedKafka.start(spec);
  }
}
