package dev.plume.producer;

import java.util.List;

/** A read-only view of the cluster metadata the producer holds, given to partitioners. */
public interface Cluster {

  /** Every partition of the topic, ordered by partition index; empty when the topic is unknown. */
  List<PartitionInfo> partitionsForTopic(String topic);

  /** The partitions of the topic that have a leader now. */
  List<PartitionInfo> availablePartitionsForTopic(String topic);

  /** The number of partitions of the topic, or -1 when the topic is unknown. */
  int partitionCountForTopic(String topic);
}
