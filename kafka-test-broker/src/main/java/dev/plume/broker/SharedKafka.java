package dev.plume.broker;

import java.util.Map;
import java.util.TreeMap;

/**
 * Clusters shared by everything in this JVM, one per node count, started on first use and stopped
 * when the JVM exits (or by {@link #closeAll()}). Tests sharing a cluster should each use their own
 * topics.
 */
public final class SharedKafka {

  private static final Map<Integer, KafkaCluster> CLUSTERS = new TreeMap<>(); // guarded by class

  private SharedKafka() {}

  /** The shared single-node cluster. */
  public static KafkaCluster singleNode() {
    return cluster(1);
  }

  /** The shared three-node cluster (replication factor 3, min ISR 2). */
  public static KafkaCluster threeNodes() {
    return cluster(3);
  }

  /** The shared cluster of {@code nodes} nodes, started with {@link ClusterSpec#ofNodes} if new. */
  public static synchronized KafkaCluster cluster(int nodes) {
    KafkaCluster cluster = CLUSTERS.get(nodes);
    if (cluster == null) {
      cluster = EmbeddedKafka.start(ClusterSpec.ofNodes(nodes));
      CLUSTERS.put(nodes, cluster);
    }
    return cluster;
  }

  /** The shared cluster of {@code nodes} nodes if it was started, else null. */
  public static synchronized KafkaCluster startedCluster(int nodes) {
    return CLUSTERS.get(nodes);
  }

  /** Stops all shared clusters; a later call to {@link #cluster} starts a fresh one. */
  public static synchronized void closeAll() {
    CLUSTERS.values().forEach(KafkaCluster::close);
    CLUSTERS.clear();
  }
}
