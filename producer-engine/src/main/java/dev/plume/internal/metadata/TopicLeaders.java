package dev.plume.internal.metadata;

import dev.plume.internal.network.Node;

/**
 * One topic as a {@link ClusterSnapshot} knows it: its partition leaders by partition index (so its
 * partition count too), made once per snapshot and topic.
 *
 * <p>Two hot paths read it. The sender scans every partition of every topic each round; looking a
 * topic up once and then indexing this costs one map probe per topic instead of one per partition
 * (a string-keyed probe and a node lookup each, thousands per round at 1,000 partitions). The send
 * path keeps the latest one in a {@link PartitionCountCache} and recognises it by the snapshot and
 * topic it belongs to, instead of probing the snapshot's topic map per record.
 */
public final class TopicLeaders {

  /** Stands for an unknown topic: belongs to no snapshot, so no cache ever keeps it. */
  static final TopicLeaders NONE = new TopicLeaders(null, "", new Node[0]);

  private final ClusterSnapshot snapshot;
  private final String topic;
  private final Node[] leaders; // never modified after construction; null: no known leader

  TopicLeaders(ClusterSnapshot snapshot, String topic, Node[] leaders) {
    this.snapshot = snapshot;
    this.topic = topic;
    this.leaders = leaders;
  }

  /** How many partitions the topic has in the snapshot (0 when the topic is unknown). */
  public int partitionCount() {
    return leaders.length;
  }

  /** The partition's leader, or null when it has none, its broker is unknown, or no such index. */
  public Node leader(int partition) {
    return partition >= 0 && partition < leaders.length ? leaders[partition] : null;
  }

  /** Whether this is {@code topic} as {@code cluster} knows it (the snapshot by identity). */
  boolean isFor(ClusterSnapshot cluster, String topic) {
    return snapshot == cluster && this.topic.equals(topic);
  }
}
