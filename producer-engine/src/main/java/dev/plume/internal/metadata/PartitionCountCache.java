package dev.plume.internal.metadata;

/**
 * The partition count of the topic the latest send named, in the metadata snapshot it came from.
 * Steady-state sends name one topic under one snapshot, so they read one volatile field and compare
 * two references instead of probing the snapshot's topic map (hashing plus a modulo) per record. A
 * send to another topic, or under a newer snapshot, probes the map once and keeps that snapshot's
 * own {@link TopicLeaders}: nothing is allocated, even when sends alternate topics. Any thread.
 */
public final class PartitionCountCache {

  private volatile TopicLeaders latest;

  /** As {@link ClusterSnapshot#partitionCountForTopic}: -1 when {@code cluster} has no topic. */
  public int partitionCount(ClusterSnapshot cluster, String topic) {
    TopicLeaders last = latest;
    if (last != null && last.isFor(cluster, topic)) {
      return last.partitionCount();
    }
    TopicLeaders found = cluster.leaders(topic);
    if (found == TopicLeaders.NONE) {
      return -1;
    }
    latest = found; // written only when the topic or the snapshot changed
    return found.partitionCount();
  }
}
