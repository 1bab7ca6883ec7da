package dev.plume.internal.metadata;

import dev.plume.internal.network.Node;

/**
 * One topic's partition leaders by partition index, part of a {@link ClusterSnapshot}. The sender
 * scans every partition of every topic each round; looking a topic up once and then indexing this
 * costs one map probe per topic instead of one per partition (a string-keyed probe and a node
 * lookup each, thousands per round at 1,000 partitions).
 */
public final class TopicLeaders {

  static final TopicLeaders NONE = new TopicLeaders(new Node[0]);

  private final Node[] leaders; // never modified after construction; null: no known leader

  TopicLeaders(Node[] leaders) {
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
}
