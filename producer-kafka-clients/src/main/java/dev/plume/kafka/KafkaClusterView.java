package dev.plume.kafka;

import dev.plume.producer.BrokerInfo;
import dev.plume.producer.ClusterMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/**
 * Kafka's {@link Cluster} for the engine's metadata, as custom partitioners and {@code
 * partitionsFor} expect it. Built once per metadata update (the engine's snapshots are immutable
 * and replaced on update), not per record.
 */
final class KafkaClusterView {

  private record Converted(ClusterMetadata source, Cluster cluster) {}

  private volatile Converted last = new Converted(null, Cluster.empty());

  Cluster of(ClusterMetadata snapshot) {
    Converted c = last;
    if (c.source() != snapshot) {
      c = new Converted(snapshot, convert(snapshot));
      last = c;
    }
    return c.cluster();
  }

  static Cluster convert(ClusterMetadata snapshot) {
    Map<Integer, Node> nodes = new HashMap<>();
    for (BrokerInfo n : snapshot.brokers()) {
      nodes.put(n.id(), new Node(n.id(), n.host(), n.port(), n.rack()));
    }
    List<PartitionInfo> partitions = new ArrayList<>();
    for (String topic : snapshot.topics()) {
      for (dev.plume.producer.PartitionInfo p : snapshot.partitionsForTopic(topic)) {
        partitions.add(toKafka(p, nodes));
      }
    }
    return new Cluster(snapshot.clusterId(), nodes.values(), partitions, Set.of(), Set.of(), null);
  }

  static PartitionInfo toKafka(dev.plume.producer.PartitionInfo p, Map<Integer, Node> nodes) {
    Node leader = p.leaderId() < 0 ? null : node(p.leaderId(), nodes);
    return new PartitionInfo(
        p.topic(),
        p.partition(),
        leader,
        nodes(p.replicas(), nodes),
        nodes(p.inSyncReplicas(), nodes));
  }

  private static Node[] nodes(List<Integer> ids, Map<Integer, Node> nodes) {
    Node[] out = new Node[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(ids.get(i), nodes);
    }
    return out;
  }

  /** As Kafka does for a replica missing from the broker list: a node with only its id. */
  private static Node node(int id, Map<Integer, Node> nodes) {
    Node n = nodes.get(id);
    return n != null ? n : new Node(id, "", -1);
  }
}
