package org.apache.kafka.clients.producer.internals;

import java.util.function.IntSupplier;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Utils;

/**
 * Test-only bridge to kafka-clients' package-private sticky partitioner, used as an oracle for
 * Plume's: the random draw is replaced by the same scripted source Plume's partitioner gets.
 */
public final class KafkaStickyPartitionerOracle {

  private final BuiltInPartitioner partitioner;
  private BuiltInPartitioner.StickyPartitionInfo current;

  public KafkaStickyPartitionerOracle(String topic, int batchSize, IntSupplier random) {
    this.partitioner =
        new BuiltInPartitioner(new LogContext(), topic, batchSize) {
          @Override
          int randomPartition() {
            return Utils.toPositive(random.getAsInt());
          }
        };
  }

  public int currentPartition(Cluster cluster) {
    current = partitioner.peekCurrentPartitionInfo(cluster);
    return current.partition();
  }

  public void append(int bytes, Cluster cluster, boolean enableSwitch) {
    partitioner.updatePartitionInfo(
        partitioner.peekCurrentPartitionInfo(cluster), bytes, cluster, enableSwitch);
  }

  public void updateLoadStats(int[] queueSizes, int[] partitionIds, int length) {
    partitioner.updatePartitionLoadStats(queueSizes, partitionIds, length);
  }
}
