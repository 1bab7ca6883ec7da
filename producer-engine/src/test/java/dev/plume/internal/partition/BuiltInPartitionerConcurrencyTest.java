package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Many appenders on one topic, all released at once by a latch, following the accumulator protocol
 * from {@link BuiltInPartitioner}'s Javadoc with a per-partition lock.
 */
class BuiltInPartitionerConcurrencyTest {

  private static final String TOPIC = "events";
  private static final int PARTITIONS = 6;
  private static final int THREADS = 8;
  private static final int APPENDS_PER_THREAD = 5_000;
  private static final int RECORD_BYTES = 10;
  private static final int BATCH = 100;

  /** Deterministic values, safe to call from many threads (order depends on scheduling). */
  private static IntSupplier sharedSequence() {
    AtomicInteger counter = new AtomicInteger();
    return () -> counter.getAndIncrement() * 0x9E3779B9;
  }

  @Test
  void lockedAppendsLandOnValidPartitionsAndEveryRetiredStintHoldsExactlyOneBatch()
      throws Exception {
    TestCluster cluster = new TestCluster().topic(TOPIC, 0, 1, -1, 2, 0, 1);
    BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, sharedSequence());
    Object[] queueLocks = new Object[PARTITIONS];
    for (int i = 0; i < PARTITIONS; i++) {
      queueLocks[i] = new Object();
    }
    AtomicLongArray bytesPerPartition = new AtomicLongArray(PARTITIONS);
    Set<StickyPartition> stints = ConcurrentHashMap.newKeySet();
    AtomicInteger switches = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();

    runConcurrently(
        () -> {
          while (true) {
            StickyPartition sticky = partitioner.peekCurrentPartition(cluster);
            synchronized (queueLocks[sticky.partition()]) {
              // Every batch is "full" after each append here, so switches are never deferred.
              if (partitioner.partitionChangedBeforeAppend(sticky, true, cluster)) {
                retries.incrementAndGet();
                continue;
              }
              stints.add(sticky);
              bytesPerPartition.addAndGet(sticky.partition(), RECORD_BYTES);
              if (partitioner.updatePartitionInfo(sticky, RECORD_BYTES, cluster, true)) {
                switches.incrementAndGet();
              }
              return;
            }
          }
        });

    long total = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      total += bytesPerPartition.get(p);
    }
    assertThat(total).isEqualTo((long) THREADS * APPENDS_PER_THREAD * RECORD_BYTES);
    assertThat(bytesPerPartition.get(2)).as("partition 2 has no leader").isZero();
    StickyPartition current = partitioner.peekCurrentPartition(cluster);
    int totalBatches = THREADS * APPENDS_PER_THREAD * RECORD_BYTES / BATCH;
    assertThat(switches.get()).isEqualTo(totalBatches);
    for (StickyPartition stint : stints) {
      assertThat(stint.partition()).isIn(0, 1, 3, 4, 5);
      if (stint != current) {
        assertThat(stint.producedBytes()).as("retired %s", stint).isEqualTo(BATCH);
      }
    }
    assertThat(stints).hasSize(totalBatches);
  }

  @Test
  void lockFreeCallersStillSwitchEachStintAtMostOnce() throws Exception {
    TestCluster cluster = new TestCluster().topicWithLeaders(TOPIC, PARTITIONS);
    BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, sharedSequence());
    Set<StickyPartition> stints = ConcurrentHashMap.newKeySet();
    AtomicInteger switches = new AtomicInteger();

    runConcurrently(
        () -> {
          StickyPartition sticky = partitioner.peekCurrentPartition(cluster);
          stints.add(sticky);
          if (partitioner.updatePartitionInfo(sticky, RECORD_BYTES, cluster, false)) {
            switches.incrementAndGet();
          }
        });

    StickyPartition current = partitioner.peekCurrentPartition(cluster);
    stints.add(current);
    // Every stint but the current one was retired by exactly one successful switch.
    assertThat(switches.get()).isEqualTo(stints.size() - 1).isPositive();
    for (StickyPartition stint : stints) {
      assertThat(stint.partition()).isBetween(0, PARTITIONS - 1);
      if (stint != current) {
        assertThat(stint.producedBytes()).isGreaterThanOrEqualTo(2L * BATCH);
      }
    }
  }

  private static void runConcurrently(Runnable append) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                    append.run();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
