package dev.plume.producer;

import java.util.List;

/**
 * One partition as the producer's metadata knows it.
 *
 * @param leaderId the leader's node id, or -1 when the partition has no leader now
 */
public record PartitionInfo(
    String topic,
    int partition,
    int leaderId,
    List<Integer> replicas,
    List<Integer> inSyncReplicas) {

  public PartitionInfo {
    replicas = List.copyOf(replicas);
    inSyncReplicas = List.copyOf(inSyncReplicas);
  }
}
