package dev.plume.internal.metadata;

import dev.plume.internal.network.Node;
import dev.plume.producer.BrokerInfo;
import dev.plume.producer.ClusterMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of the cluster: brokers, and per topic its partitions ordered by index. Built
 * once per metadata response (or leader hint) and read lock-free by every thread.
 */
public final class ClusterSnapshot implements ClusterMetadata {

  private static final ClusterSnapshot EMPTY =
      new ClusterSnapshot(null, Map.of(), Map.of(), Map.of(), Map.of());

  private final String clusterId;
  private final Map<Integer, Node> nodes;
  private final Map<String, PartitionState[]> topics;
  private final Map<String, TopicError> topicErrors;
  private final Map<String, byte[]> topicIds;
  private final Map<Integer, List<TopicPartition>> partitionsByLeader;
  private final Map<String, List<PartitionInfo>> partitionInfos;
  private final Map<String, List<PartitionInfo>> availablePartitionInfos;
  private final Map<String, TopicLeaders> leadersByTopic;

  ClusterSnapshot(
      String clusterId,
      Map<Integer, Node> nodes,
      Map<String, PartitionState[]> topics,
      Map<String, TopicError> topicErrors,
      Map<String, byte[]> topicIds) {
    this.clusterId = clusterId;
    this.nodes = Map.copyOf(nodes);
    this.topics = Map.copyOf(topics);
    this.topicErrors = Map.copyOf(topicErrors);
    this.topicIds = Map.copyOf(topicIds);
    Map<Integer, List<TopicPartition>> byLeader = new HashMap<>();
    Map<String, List<PartitionInfo>> infos = new HashMap<>();
    Map<String, List<PartitionInfo>> available = new HashMap<>();
    Map<String, TopicLeaders> leaders = new HashMap<>();
    for (Map.Entry<String, PartitionState[]> e : topics.entrySet()) {
      List<PartitionInfo> all = new ArrayList<>(e.getValue().length);
      List<PartitionInfo> withLeader = new ArrayList<>(e.getValue().length);
      Node[] leaderNodes = new Node[e.getValue().length];
      for (int i = 0; i < leaderNodes.length; i++) {
        PartitionState p = e.getValue()[i];
        leaderNodes[i] = p == null || !p.hasLeader() ? null : this.nodes.get(p.leaderId());
      }
      leaders.put(e.getKey(), new TopicLeaders(this, e.getKey(), leaderNodes));
      for (PartitionState p : e.getValue()) {
        PartitionInfo info =
            new PartitionInfo(
                p.topic(), p.partition(), p.leaderId(), p.replicas(), p.inSyncReplicas());
        all.add(info);
        if (p.hasLeader() && this.nodes.containsKey(p.leaderId())) {
          withLeader.add(info);
          byLeader
              .computeIfAbsent(p.leaderId(), k -> new ArrayList<>())
              .add(new TopicPartition(p.topic(), p.partition()));
        }
      }
      infos.put(e.getKey(), Collections.unmodifiableList(all));
      available.put(e.getKey(), Collections.unmodifiableList(withLeader));
    }
    byLeader.replaceAll((k, v) -> Collections.unmodifiableList(v));
    this.partitionsByLeader = Map.copyOf(byLeader);
    this.partitionInfos = Map.copyOf(infos);
    this.availablePartitionInfos = Map.copyOf(available);
    this.leadersByTopic = Map.copyOf(leaders);
  }

  public static ClusterSnapshot empty() {
    return EMPTY;
  }

  @Override
  public String clusterId() {
    return clusterId;
  }

  @Override
  public List<BrokerInfo> brokers() {
    List<BrokerInfo> out = new ArrayList<>(nodes.size());
    for (Node n : nodes.values()) {
      out.add(new BrokerInfo(n.id(), n.host(), n.port(), n.rack()));
    }
    return out;
  }

  public Map<Integer, Node> nodes() {
    return nodes;
  }

  public Node node(int id) {
    return nodes.get(id);
  }

  public boolean hasTopic(String topic) {
    return topics.containsKey(topic);
  }

  /** The error the last metadata response gave for the topic (e.g. authorization), or null. */
  public TopicError topicError(String topic) {
    return topicErrors.get(topic);
  }

  @Override
  public java.util.Set<String> topics() {
    return topics.keySet();
  }

  /** The topic id from Metadata v10+, or null when unknown. */
  public byte[] topicId(String topic) {
    return topicIds.get(topic);
  }

  /** The partition's state, or null when the topic or partition is unknown. */
  public PartitionState partition(String topic, int partition) {
    PartitionState[] parts = topics.get(topic);
    return parts == null || partition < 0 || partition >= parts.length ? null : parts[partition];
  }

  /** The leader's address, or null when there is no known leader. */
  public Node leaderFor(String topic, int partition) {
    PartitionState p = partition(topic, partition);
    return p == null || !p.hasLeader() ? null : nodes.get(p.leaderId());
  }

  /**
   * The topic's leaders by partition, for scans over all its partitions (one lookup per topic);
   * {@link TopicLeaders#partitionCount()} is 0 when the topic is unknown. The same object every
   * time for a known topic, which {@link PartitionCountCache} relies on to allocate nothing.
   */
  public TopicLeaders leaders(String topic) {
    return leadersByTopic.getOrDefault(topic, TopicLeaders.NONE);
  }

  /** The partitions whose leader is the node; empty when none. */
  public List<TopicPartition> partitionsForNode(int nodeId) {
    return partitionsByLeader.getOrDefault(nodeId, List.of());
  }

  Map<String, PartitionState[]> topicStates() {
    return topics;
  }

  Map<String, TopicError> topicErrors() {
    return topicErrors;
  }

  Map<String, byte[]> topicIds() {
    return topicIds;
  }

  @Override
  public List<PartitionInfo> partitionsForTopic(String topic) {
    return partitionInfos.getOrDefault(topic, List.of());
  }

  @Override
  public List<PartitionInfo> availablePartitionsForTopic(String topic) {
    return availablePartitionInfos.getOrDefault(topic, List.of());
  }

  @Override
  public int partitionCountForTopic(String topic) {
    PartitionState[] parts = topics.get(topic);
    return parts == null ? -1 : parts.length;
  }

  /**
   * The same topics without any broker (after a re-bootstrap): leaders are unknown until the next
   * Metadata response, so nothing is sent to brokers that may have gone.
   */
  public ClusterSnapshot withoutNodes() {
    return new ClusterSnapshot(clusterId, Map.of(), topics, topicErrors, topicIds);
  }

  /**
   * A copy with one partition's leader replaced, if {@code leaderEpoch} is newer than what we know
   * (a KIP-951 leader hint from a Produce response); {@code this} otherwise.
   */
  public ClusterSnapshot withLeaderHint(
      String topic, int partition, int leaderId, int leaderEpoch, Node leaderNode) {
    PartitionState current = partition(topic, partition);
    if (current == null || leaderEpoch <= current.leaderEpoch()) {
      return this;
    }
    Map<Integer, Node> newNodes = new HashMap<>(nodes);
    if (leaderNode != null) {
      newNodes.put(leaderNode.id(), leaderNode);
    }
    if (!newNodes.containsKey(leaderId)) {
      return this;
    }
    Map<String, PartitionState[]> newTopics = new HashMap<>(topics);
    PartitionState[] parts = topics.get(topic).clone();
    parts[partition] = current.withLeader(leaderId, leaderEpoch);
    newTopics.put(topic, parts);
    return new ClusterSnapshot(clusterId, newNodes, newTopics, topicErrors, topicIds);
  }
}
