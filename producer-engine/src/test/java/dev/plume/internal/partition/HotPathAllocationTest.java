package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plume.producer.ProducerRecord;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The per-record paths allocate nothing: measured with the JVM's per-thread allocation counter
 * after one warm-up round (class initialisation and call-site linking allocate once). The bound is
 * below one byte per iteration, so any per-call allocation (at least 16 bytes) fails, while the few
 * hundred bytes the JVM itself may charge to the thread now and then (JIT deoptimisation,
 * profiling) do not.
 */
class HotPathAllocationTest {

  private static final int CALLS = 50_000;

  private final TestCluster cluster = new TestCluster().topic("t", 1, 2, -1, 3);
  private final byte[] key = "customer-1234".getBytes(StandardCharsets.UTF_8);
  private final ProducerRecord<String, String> keyed = new ProducerRecord<>("t", "k", "v");
  private final ProducerRecord<String, String> keyless = new ProducerRecord<>("t", "v");
  private final ProducerRecord<String, String> explicit = new ProducerRecord<>("t", 2, "k", "v");
  private final PartitionChooser chooser = new PartitionChooser(null, false);
  private final BuiltInPartitioner sticky = new BuiltInPartitioner("t", Integer.MAX_VALUE, () -> 1);
  private final NodeLatencyStats nodes = new NodeLatencyStats(1_000);
  private final int[] queueSizes = {0, 3, 1, 0};
  private final int[] partitionIds = {0, 1, 3, 0};
  private int sink;

  private void perRecordWork() {
    for (int i = 0; i < CALLS; i++) {
      sink += Murmur2.hash(key);
      sink += Murmur2.hash(key, 2, 7);
      sink += KeyPartitioning.partitionForKey(key, 7);
      sink += chooser.partition(keyed, key, null, cluster);
      sink += chooser.partition(keyless, null, null, cluster);
      sink += chooser.partition(explicit, key, null, cluster);
      StickyPartition current = sticky.peekCurrentPartition(cluster);
      if (!sticky.partitionChangedBeforeAppend(current, false, cluster)) {
        sticky.updatePartitionInfo(current, 0, cluster, true);
      }
      sink += current.partition();
    }
  }

  private void senderLoopWork() {
    for (int i = 0; i < CALLS; i++) {
      nodes.update(1, i, true);
      nodes.update(2, i, i % 2 == 0);
      sink += nodes.isExcluded(2) ? 1 : 0;
      // Same weights every loop: the published table is kept, nothing is allocated.
      sticky.updatePartitionLoadStats(queueSizes, partitionIds, 3);
    }
  }

  @Test
  void perRecordPathsAllocateNothing() {
    assertThat(allocatedBytes(this::perRecordWork)).isLessThan(CALLS);
  }

  @Test
  void senderLoopUpdatesAllocateNothingOnceNodesAndWeightsAreKnown() {
    assertThat(allocatedBytes(this::senderLoopWork)).isLessThan(CALLS);
  }

  private static long allocatedBytes(Runnable work) {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs the per-thread allocation counter");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    long threadId = Thread.currentThread().getId();
    work.run(); // warm-up: class init, call-site linking, first stint, first load stats
    long before = threads.getThreadAllocatedBytes(threadId);
    work.run();
    return threads.getThreadAllocatedBytes(threadId) - before;
  }
}
