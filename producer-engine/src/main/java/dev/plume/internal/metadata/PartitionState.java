package dev.plume.internal.metadata;

import java.util.List;

/**
 * One partition's leadership as last seen.
 *
 * @param leaderId -1 when the partition has no leader
 * @param leaderEpoch -1 when unknown
 */
public record PartitionState(
    String topic,
    int partition,
    int leaderId,
    int leaderEpoch,
    List<Integer> replicas,
    List<Integer> inSyncReplicas) {

  public PartitionState {
    replicas = List.copyOf(replicas);
    inSyncReplicas = List.copyOf(inSyncReplicas);
  }

  public boolean hasLeader() {
    return leaderId >= 0;
  }

  PartitionState withLeader(int newLeaderId, int newLeaderEpoch) {
    return new PartitionState(
        topic, partition, newLeaderId, newLeaderEpoch, replicas, inSyncReplicas);
  }
}
