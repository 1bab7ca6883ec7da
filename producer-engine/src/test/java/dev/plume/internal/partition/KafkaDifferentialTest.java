package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.internals.KafkaStickyPartitionerOracle;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/**
 * Plume's sticky partitioner and kafka-clients' own, fed the same random draws, the same cluster
 * and the same sequence of appends and load stats, must choose the same partitions.
 */
class KafkaDifferentialTest {

  private static final String TOPIC = "diff";

  @Test
  void choosesTheSamePartitionsAsKafkaClients() {
    Random scenario = new Random(1234);
    for (int run = 0; run < 200; run++) {
      int partitionCount = 1 + scenario.nextInt(12);
      int[] leaders = new int[partitionCount];
      for (int p = 0; p < partitionCount; p++) {
        leaders[p] = scenario.nextInt(5) == 0 ? -1 : scenario.nextInt(3);
      }
      int batchSize = 1 + scenario.nextInt(500);
      long seed = scenario.nextLong();
      TestCluster plumeCluster = new TestCluster().topic(TOPIC, leaders);
      org.apache.kafka.common.Cluster kafkaCluster = kafkaCluster(leaders);
      BuiltInPartitioner plume = new BuiltInPartitioner(TOPIC, batchSize, randomFrom(seed));
      KafkaStickyPartitionerOracle kafka =
          new KafkaStickyPartitionerOracle(TOPIC, batchSize, randomFrom(seed));

      for (int step = 0; step < 300; step++) {
        int expected = kafka.currentPartition(kafkaCluster);
        StickyPartition sticky = plume.peekCurrentPartition(plumeCluster);
        assertThat(sticky.partition())
            .as("run %d step %d, leaders %s, batch %d", run, step, List.of(leaders), batchSize)
            .isEqualTo(expected);
        if (scenario.nextInt(10) == 0) {
          updateLoadStats(scenario, leaders, plume, kafka);
        }
        int bytes = 1 + scenario.nextInt(batchSize);
        boolean enableSwitch = scenario.nextBoolean();
        kafka.append(bytes, kafkaCluster, enableSwitch);
        plume.updatePartitionInfo(sticky, bytes, plumeCluster, enableSwitch);
      }
    }
  }

  /** Queue sizes for partitions with a leader, some left out as if their node were too slow. */
  private static void updateLoadStats(
      Random scenario,
      int[] leaders,
      BuiltInPartitioner plume,
      KafkaStickyPartitionerOracle kafka) {
    if (scenario.nextInt(4) == 0) {
      plume.updatePartitionLoadStats(null, null, 0);
      kafka.updateLoadStats(null, null, 0);
      return;
    }
    int[] queueSizes = new int[leaders.length];
    int[] partitionIds = new int[leaders.length];
    int length = 0;
    for (int p = 0; p < leaders.length; p++) {
      if (leaders[p] >= 0 && scenario.nextInt(6) != 0) {
        queueSizes[length] = scenario.nextInt(4);
        partitionIds[length] = p;
        length++;
      }
    }
    plume.updatePartitionLoadStats(queueSizes.clone(), partitionIds.clone(), length);
    // kafka-clients rewrites the queue sizes in place, so it gets its own copies.
    kafka.updateLoadStats(queueSizes.clone(), partitionIds.clone(), length);
  }

  private static IntSupplier randomFrom(long seed) {
    Random random = new Random(seed);
    return random::nextInt;
  }

  private static org.apache.kafka.common.Cluster kafkaCluster(int[] leaders) {
    List<Node> nodes = List.of(new Node(0, "h0", 1), new Node(1, "h1", 1), new Node(2, "h2", 1));
    List<org.apache.kafka.common.PartitionInfo> partitions = new ArrayList<>();
    for (int p = 0; p < leaders.length; p++) {
      Node leader = leaders[p] < 0 ? null : nodes.get(leaders[p]);
      partitions.add(
          new org.apache.kafka.common.PartitionInfo(TOPIC, p, leader, new Node[0], new Node[0]));
    }
    return new org.apache.kafka.common.Cluster(
        "test", nodes, partitions, java.util.Set.of(), java.util.Set.of());
  }
}
