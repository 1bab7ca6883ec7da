package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BuiltInPartitionerTest {

  private static final String TOPIC = "orders";
  private static final int BATCH = 100;

  private final TestCluster cluster = new TestCluster().topicWithLeaders(TOPIC, 5);

  @Nested
  class StickySwitching {

    @Test
    void firstPeekDrawsAPartitionAndLaterPeeksReturnTheSameStint() {
      ScriptedRandom random = new ScriptedRandom(7);
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, random);

      StickyPartition first = partitioner.peekCurrentPartition(cluster);

      assertThat(first.partition()).isEqualTo(7 % 5);
      assertThat(partitioner.peekCurrentPartition(cluster)).isSameAs(first);
      assertThat(random.used()).isEqualTo(1);
    }

    @Test
    void switchesOnceBatchSizeIsReachedWhenTheLastBatchIsFull() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(1, 3));
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);

      assertThat(partitioner.updatePartitionInfo(sticky, 60, cluster, true)).isFalse();
      assertThat(partitioner.isPartitionChanged(sticky)).isFalse();
      assertThat(partitioner.updatePartitionInfo(sticky, 40, cluster, true)).isTrue();

      assertThat(sticky.producedBytes()).isEqualTo(100);
      assertThat(partitioner.isPartitionChanged(sticky)).isTrue();
      StickyPartition next = partitioner.peekCurrentPartition(cluster);
      assertThat(next.partition()).isEqualTo(3);
      assertThat(next.producedBytes()).isZero();
    }

    @Test
    void waitsForAFullBatchUntilTwiceTheBatchSize() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 2));
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);

      assertThat(partitioner.updatePartitionInfo(sticky, 150, cluster, false)).isFalse();
      assertThat(partitioner.updatePartitionInfo(sticky, 49, cluster, false)).isFalse();
      assertThat(partitioner.peekCurrentPartition(cluster)).isSameAs(sticky);

      assertThat(partitioner.updatePartitionInfo(sticky, 1, cluster, false)).isTrue();
      assertThat(partitioner.peekCurrentPartition(cluster).partition()).isEqualTo(2);
    }

    @Test
    void aDeferredSwitchIsTakenBeforeTheNextAppendOnceTheBatchIsFull() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 4));
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);
      partitioner.updatePartitionInfo(sticky, 120, cluster, false);

      assertThat(partitioner.partitionChangedBeforeAppend(sticky, false, cluster)).isFalse();
      assertThat(partitioner.partitionChangedBeforeAppend(sticky, true, cluster)).isTrue();

      assertThat(partitioner.peekCurrentPartition(cluster).partition()).isEqualTo(4);
    }

    @Test
    void beforeAppendCheckDoesNotSwitchBelowBatchSize() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0));
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);
      partitioner.updatePartitionInfo(sticky, 99, cluster, false);

      assertThat(partitioner.partitionChangedBeforeAppend(sticky, true, cluster)).isFalse();
      assertThat(partitioner.partitionChangedBeforeAppend(null, true, cluster)).isFalse();
    }

    @Test
    void aStaleStintNeverSwitchesTheCurrentOne() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 1, 2));
      StickyPartition old = partitioner.peekCurrentPartition(cluster);
      partitioner.updatePartitionInfo(old, 100, cluster, true);
      StickyPartition current = partitioner.peekCurrentPartition(cluster);

      assertThat(partitioner.updatePartitionInfo(old, 500, cluster, true)).isFalse();

      assertThat(partitioner.peekCurrentPartition(cluster)).isSameAs(current);
      assertThat(current.producedBytes()).isZero();
      assertThat(partitioner.partitionChangedBeforeAppend(old, true, cluster)).isTrue();
    }

    @Test
    void aSwitchMayDrawTheSamePartitionNumberButIsStillANewStint() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(3, 8));
      StickyPartition first = partitioner.peekCurrentPartition(cluster);
      partitioner.updatePartitionInfo(first, 100, cluster, true);

      StickyPartition second = partitioner.peekCurrentPartition(cluster);
      assertThat(second.partition()).isEqualTo(first.partition());
      assertThat(second).isNotSameAs(first);
      assertThat(partitioner.isPartitionChanged(first)).isTrue();
    }

    @Test
    void nullStintMeansTheRecordWasNotPartitionedHere() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom());

      assertThat(partitioner.updatePartitionInfo(null, 1_000, cluster, true)).isFalse();
      assertThat(partitioner.isPartitionChanged(null)).isFalse();
    }

    @Test
    void batchSizeZeroIsTreatedAsOneByte() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, 0, new ScriptedRandom(0, 1));
      assertThat(partitioner.stickyBatchSizeBytes()).isEqualTo(1);
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);

      assertThat(partitioner.updatePartitionInfo(sticky, 1, cluster, true)).isTrue();
    }

    @Test
    void twiceAHugeBatchSizeDoesNotOverflow() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, Integer.MAX_VALUE, new ScriptedRandom(0, 1));
      StickyPartition sticky = partitioner.peekCurrentPartition(cluster);

      assertThat(partitioner.updatePartitionInfo(sticky, Integer.MAX_VALUE, cluster, false))
          .isFalse();
      assertThat(partitioner.updatePartitionInfo(sticky, Integer.MAX_VALUE, cluster, false))
          .isTrue();
    }
  }

  @Nested
  class UniformChoice {

    @Test
    void drawsOnlyAmongPartitionsWithALeader() {
      TestCluster partlyLed = new TestCluster().topic(TOPIC, -1, 5, -1, 6, -1);
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 1, 2, 3, -1, -2));

      int[] drawn = new int[6];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = partitioner.nextPartition(partlyLed);
      }

      // toPositive(-1) = 2147483647 (odd) -> index 1; toPositive(-2) = 2147483646 -> index 0.
      assertThat(drawn).containsExactly(1, 3, 1, 3, 3, 1);
    }

    @Test
    void drawsAmongAllPartitionsWhenNoneHasALeader() {
      TestCluster leaderless = new TestCluster().topic(TOPIC, -1, -1, -1);
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 1, 2, 3));

      assertThat(partitioner.nextPartition(leaderless)).isZero();
      assertThat(partitioner.nextPartition(leaderless)).isEqualTo(1);
      assertThat(partitioner.nextPartition(leaderless)).isEqualTo(2);
      assertThat(partitioner.nextPartition(leaderless)).isZero();
    }

    @Test
    void failsClearlyWhenTheTopicIsUnknown() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner("nope", BATCH, new ScriptedRandom(0));

      assertThatThrownBy(() -> partitioner.peekCurrentPartition(cluster))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("nope");
    }

    @Test
    void defaultRandomStaysWithinTheLedPartitions() {
      TestCluster partlyLed = new TestCluster().topic(TOPIC, -1, 1, 2, -1);
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH);
      for (int i = 0; i < 1_000; i++) {
        assertThat(partitioner.nextPartition(partlyLed)).isIn(1, 2);
      }
    }
  }

  @Nested
  class AdaptiveWeights {

    @Test
    void shorterQueuesGetMoreWeight() {
      // Queue sizes 0, 4, 0: weights 5, 1, 5, cumulative 5, 6, 11. A draw r % 11 maps to the first
      // cumulative entry strictly greater than it: 0..4 -> p0, 5 -> p1, 6..10 -> p2.
      int[] draws = {0, 4, 5, 6, 10, 11, 16};
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(draws));
      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 3);

      assertThat(partitioner.hasLoadStats()).isTrue();
      int[] drawn = new int[draws.length];
      for (int i = 0; i < draws.length; i++) {
        drawn[i] = partitioner.nextPartition(cluster);
      }
      assertThat(drawn).containsExactly(0, 0, 1, 2, 2, 0, 1);
    }

    @Test
    void eachDrawInTheTotalRangeHitsPartitionsInProportionToTheirWeights() {
      java.util.Random seeded = new java.util.Random(11);
      for (int round = 0; round < 200; round++) {
        int n = 2 + seeded.nextInt(9);
        int[] queueSizes = new int[n];
        int[] ids = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
          queueSizes[i] = seeded.nextInt(6);
          ids[i] = i;
          max = Math.max(max, queueSizes[i]);
        }
        int total = 0;
        for (int q : queueSizes) {
          total += max + 1 - q;
        }
        int[] draws = new int[total];
        for (int r = 0; r < total; r++) {
          draws[r] = r;
        }
        BuiltInPartitioner partitioner =
            new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(draws));
        partitioner.updatePartitionLoadStats(queueSizes, ids, n);
        if (!partitioner.hasLoadStats()) {
          continue; // all equal: uniform, covered elsewhere
        }
        int[] hits = new int[n];
        for (int r = 0; r < total; r++) {
          hits[partitioner.nextPartition(cluster)]++;
        }
        for (int i = 0; i < n; i++) {
          assertThat(hits[i])
              .as("hits of partition %d, queues %s", i, java.util.Arrays.toString(queueSizes))
              .isEqualTo(max + 1 - queueSizes[i]);
        }
      }
    }

    @Test
    void newWeightsOverTheSamePartitionsAndThenOverFewerPartitionsAreBothFollowed() {
      // Queue sizes 0, 4, 0 (weights 5, 1, 5), then 4, 0, 0 over the same ids: the second snapshot
      // shares the first one's ids but must use its own weights (5, 1, 5 -> 1, 5, 5, cumulative
      // 1, 6, 11). Then ids 10 and 12 only (11 lost its leader), sizes 0, 1: weights 2, 1.
      int[] draws = {0, 1, 5, 6, 1, 2};
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(draws));
      int[] sizes = {0, 4, 0};
      int[] ids = {10, 11, 12};
      partitioner.updatePartitionLoadStats(sizes, ids, 3);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(10);

      sizes[0] = 4; // the caller's scratch arrays are reused from round to round
      sizes[1] = 0;
      partitioner.updatePartitionLoadStats(sizes, ids, 3);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(11); // 1 % 11 = 1
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(11); // 5
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(12); // 6

      sizes[0] = 0;
      sizes[1] = 1;
      ids[1] = 12;
      partitioner.updatePartitionLoadStats(sizes, ids, 2);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(10); // 1 % 3 = 1 < 2
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(12); // 2
    }

    @Test
    void kafkasDocumentedExampleMapsDrawsToPartitions() {
      // Queue sizes 0, 3, 1 -> weights 4, 1, 3 -> cumulative 4, 5, 8.
      int[] draws = {0, 3, 4, 5, 7};
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(draws));
      partitioner.updatePartitionLoadStats(new int[] {0, 3, 1}, new int[] {10, 11, 12}, 3);

      int[] drawn = new int[draws.length];
      for (int i = 0; i < draws.length; i++) {
        drawn[i] = partitioner.nextPartition(cluster);
      }
      assertThat(drawn).containsExactly(10, 10, 11, 12, 12);
    }

    @Test
    void equalQueuesWithNothingExcludedKeepTheChoiceUniform() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(3));
      partitioner.updatePartitionLoadStats(new int[] {2, 2, 2, 2, 2}, new int[] {0, 1, 2, 3, 4}, 5);

      assertThat(partitioner.hasLoadStats()).isFalse();
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(3);
    }

    @Test
    void exclusionAppliesTheTableEvenWhenTheRemainingQueuesAreEqual() {
      // 5 partitions; 1 and 3 excluded (slow leader), the others have equal queues.
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 1, 2, 3));
      int[] queueSizes = new int[5];
      int[] partitionIds = {0, 2, 4, 0, 0};
      partitioner.updatePartitionLoadStats(queueSizes, partitionIds, 3);

      assertThat(partitioner.hasLoadStats()).isTrue();
      assertThat(partitioner.nextPartition(cluster)).isZero();
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(2);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(4);
      assertThat(partitioner.nextPartition(cluster)).isZero();
    }

    @Test
    void exclusionAppliesEvenWithASingleRemainingPartition() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 1, 99));
      partitioner.updatePartitionLoadStats(new int[] {7, 0}, new int[] {1, 0}, 1);

      assertThat(partitioner.hasLoadStats()).isTrue();
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);
    }

    @Test
    void topicsWithFewerThanTwoPartitionsSkipAdaptiveLogic() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom());
      partitioner.updatePartitionLoadStats(new int[] {3}, new int[] {0}, 1);

      assertThat(partitioner.hasLoadStats()).isFalse();
    }

    @Test
    void nullOrEmptyStatsClearTheWeights() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom());
      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 3);
      partitioner.updatePartitionLoadStats(null, null, 0);
      assertThat(partitioner.hasLoadStats()).isFalse();

      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 3);
      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 0);
      assertThat(partitioner.hasLoadStats()).isFalse();
    }

    @Test
    void neitherModifiesNorKeepsTheCallersArrays() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(5, 5));
      int[] queueSizes = {0, 4, 0};
      int[] partitionIds = {0, 1, 2};
      partitioner.updatePartitionLoadStats(queueSizes, partitionIds, 3);

      assertThat(queueSizes).containsExactly(0, 4, 0);
      assertThat(partitionIds).containsExactly(0, 1, 2);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);

      // The caller reuses its scratch arrays; the published table must not change with them.
      partitionIds[1] = 4;
      queueSizes[1] = 0;
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);
    }

    @Test
    void newWeightsReplaceOldOnes() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(1, 1, 1));
      // 0, 4, 0 -> cumulative 5, 6, 11: draw 1 -> p0.
      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 3);
      assertThat(partitioner.nextPartition(cluster)).isZero();
      // The same stats again change nothing.
      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {0, 1, 2}, 3);
      assertThat(partitioner.nextPartition(cluster)).isZero();
      // 4, 0, 0 -> cumulative 1, 6, 11: draw 1 -> p1.
      partitioner.updatePartitionLoadStats(new int[] {4, 0, 0}, new int[] {0, 1, 2}, 3);
      assertThat(partitioner.nextPartition(cluster)).isEqualTo(1);
    }

    @Test
    void rejectsInconsistentArrays() {
      BuiltInPartitioner partitioner = new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom());

      assertThatThrownBy(() -> partitioner.updatePartitionLoadStats(new int[3], new int[2], 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(TOPIC);
      assertThatThrownBy(() -> partitioner.updatePartitionLoadStats(new int[3], new int[3], 4))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stintsDrawnAfterStatsUseTheWeights() {
      BuiltInPartitioner partitioner =
          new BuiltInPartitioner(TOPIC, BATCH, new ScriptedRandom(0, 5));
      StickyPartition first = partitioner.peekCurrentPartition(cluster);
      assertThat(first.partition()).isZero();

      partitioner.updatePartitionLoadStats(new int[] {0, 4, 0}, new int[] {2, 3, 4}, 3);
      partitioner.updatePartitionInfo(first, BATCH, cluster, true);

      assertThat(partitioner.peekCurrentPartition(cluster).partition()).isEqualTo(3);
    }
  }
}
