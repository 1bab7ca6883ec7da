package dev.plume.internal.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.TopicPartition;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final TopicPartition OTHER = new TopicPartition("t", 1);
  private static final ProducerIdAndEpoch E0 = new ProducerIdAndEpoch(7, (short) 0);
  private static final ProducerIdAndEpoch E1 = new ProducerIdAndEpoch(7, (short) 1);

  @Test
  void sequencesAdvanceByRecordCountPerPartition() {
    SequenceTracker s = new SequenceTracker();
    assertThat(s.assign(TP, 3, E0)).isZero();
    assertThat(s.assign(TP, 2, E0)).isEqualTo(3);
    assertThat(s.assign(OTHER, 1, E0)).isZero();
    assertThat(s.firstIncompleteSequence(TP)).isZero();
    s.complete(TP, 0, 2, true);
    assertThat(s.firstIncompleteSequence(TP)).isEqualTo(3);
    assertThat(s.lastAckedSequence(TP)).isEqualTo(2);
    assertThat(s.nextExpectedByBroker(TP)).isEqualTo(3);
    s.complete(TP, 3, 4, false);
    assertThat(s.hasIncomplete(TP)).isFalse();
    assertThat(s.lastAckedSequence(TP)).isEqualTo(2); // a failure is no acknowledgement
    assertThat(s.hasIncomplete(OTHER)).isTrue();
  }

  @Test
  void aPartitionMovesToANewEpochOnlyOnceItHasNothingIncomplete() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 1, E0);
    s.assign(OTHER, 1, E0);
    s.complete(OTHER, 0, 0, true);
    // The producer's epoch is E1 now: OTHER (idle) may start afresh, TP (a batch pending) not.
    assertThat(s.mayStartNewBatch(OTHER, E1)).isTrue();
    assertThat(s.assign(OTHER, 4, E1)).isZero();
    assertThat(s.epochOf(OTHER)).isEqualTo(E1);
    assertThat(s.mayStartNewBatch(TP, E1)).isFalse();
    assertThat(s.epochOf(TP)).isEqualTo(E0);
    assertThatThrownBy(() -> s.assign(TP, 1, E1)).isInstanceOf(IllegalStateException.class);
    s.complete(TP, 0, 0, true);
    assertThat(s.assign(TP, 1, E1)).isZero();
  }

  @Test
  void aFreshChainSendsOneBatchUntilTheBrokerAcknowledgesOne() {
    SequenceTracker s = new SequenceTracker();
    assertThat(s.mayStartNewBatch(TP, E0)).isTrue();
    s.assign(TP, 1, E0);
    assertThat(s.mayStartNewBatch(TP, E0)).isFalse();
    s.complete(TP, 0, 0, true);
    s.assign(TP, 1, E0);
    assertThat(s.mayStartNewBatch(TP, E0)).isTrue();
  }

  @Test
  void aGapRestartsThePartitionOnlyWhenNothingIsInFlightAndNothingBeforeItIsPending() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 1, E0); // 0: pending, outcome open
    s.assign(TP, 1, E0); // 1: refused by the broker -> gap
    s.assign(TP, 1, E0); // 2: behind the gap
    s.onSent(TP);
    s.onSent(TP);
    s.onReturned(TP);
    s.complete(TP, 1, 1, false);
    s.markGap(TP, 1);
    assertThat(s.mayStartNewBatch(TP, E0)).isFalse();
    assertThat(s.mayResend(TP, 0)).isTrue();
    assertThat(s.mayResend(TP, 2)).isFalse();
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty(); // 0 is still in flight
    s.onReturned(TP);
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty(); // 0 is still pending (queued)
    s.complete(TP, 0, 0, true);
    assertThat(s.partitionsNeedingNewEpoch()).containsExactly(TP);
    s.startOver(TP, E1);
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty();
    assertThat(s.mayStartNewBatch(TP, E1)).isTrue();
    assertThat(s.assign(TP, 1, E1)).isZero();
  }

  @Test
  void anUnknownOutcomeIsSettledByALaterAcknowledgement() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 2, E0); // 0-1
    s.assign(TP, 2, E0); // 2-3
    s.complete(TP, 0, 1, false);
    s.markUnresolved(TP, 1);
    assertThat(s.unresolvedSequence(TP)).isEqualTo(1);
    assertThat(s.mayStartNewBatch(TP, E0)).isFalse();
    assertThat(s.mayResend(TP, 2)).isTrue(); // batches already sequenced keep going
    s.complete(TP, 2, 3, true);
    assertThat(s.isUnresolved(TP)).isFalse();
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty();
    assertThat(s.mayStartNewBatch(TP, E0)).isTrue();
  }

  @Test
  void anUnknownOutcomeAtTheEndOfTheChainRestartsThePartitionOnceItIsIdle() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 1, E0);
    s.assign(TP, 1, E0);
    s.complete(TP, 0, 0, false);
    s.markUnresolved(TP, 0);
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty(); // 1 may still settle it
    s.complete(TP, 1, 1, false);
    s.markUnresolved(TP, 1);
    assertThat(s.partitionsNeedingNewEpoch()).containsExactly(TP);
  }

  @Test
  void aPartitionInTroubleAgainAfterItsChainHealedOrRestartedIsReportedAgain() {
    // Only partitions marked with a gap or an unknown outcome are scanned each round; a partition
    // that left that list (healed, or restarted) must be listed again on its next trouble.
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 1, E0); // 0
    s.assign(TP, 1, E0); // 1
    s.assign(OTHER, 1, E0);
    s.complete(TP, 0, 0, false);
    s.markUnresolved(TP, 0);
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty(); // 1 may still settle it
    s.complete(TP, 1, 1, true); // it did: the chain is whole
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty();
    s.assign(TP, 1, E0); // 2
    s.complete(TP, 2, 2, false);
    s.markUnresolved(TP, 2);
    s.complete(OTHER, 0, 0, false);
    s.markGap(OTHER, 0);
    assertThat(s.partitionsNeedingNewEpoch()).containsExactlyInAnyOrder(TP, OTHER);
    s.startOver(TP, E1);
    s.startOver(OTHER, E1);
    assertThat(s.partitionsNeedingNewEpoch()).isEmpty();
    s.assign(OTHER, 1, E1);
    s.complete(OTHER, 0, 0, false);
    s.markGap(OTHER, 0);
    assertThat(s.partitionsNeedingNewEpoch()).containsExactly(OTHER);
  }

  @Test
  void outOfOrderCompletionKeepsTheHighestAcknowledgedSequence() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 5, E0);
    s.assign(TP, 5, E0);
    s.complete(TP, 5, 9, true);
    s.complete(TP, 0, 4, true);
    assertThat(s.lastAckedSequence(TP)).isEqualTo(9);
  }

  @Test
  void splitPiecesReplaceTheOriginalInPlace() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 10, E0);
    s.assign(TP, 1, E0);
    s.replace(TP, 0, new int[] {0, 4, 7});
    assertThat(s.firstIncompleteSequence(TP)).isZero();
    s.complete(TP, 0, 3, true);
    assertThat(s.firstIncompleteSequence(TP)).isEqualTo(4);
    s.complete(TP, 4, 6, true);
    s.complete(TP, 7, 9, true);
    assertThat(s.firstIncompleteSequence(TP)).isEqualTo(10);
  }

  @Test
  void sequencesWrapAfterIntegerMaxValue() {
    assertThat(SequenceTracker.increment(Integer.MAX_VALUE, 1)).isZero();
    assertThat(SequenceTracker.increment(Integer.MAX_VALUE - 1, 5)).isEqualTo(3);
    assertThat(SequenceTracker.isAfter(2, Integer.MAX_VALUE - 2)).isTrue();
    assertThat(SequenceTracker.isAfter(Integer.MAX_VALUE - 2, 2)).isFalse();
    assertThat(SequenceTracker.isAfter(10, 5)).isTrue();
    assertThat(SequenceTracker.isAfter(5, 10)).isFalse();
  }

  @Test
  void epochsAreExhaustedJustBelowShortMax() {
    assertThat(new ProducerIdAndEpoch(1, (short) 5).epochExhausted()).isFalse();
    assertThat(new ProducerIdAndEpoch(1, (short) (Short.MAX_VALUE - 1)).epochExhausted()).isTrue();
    assertThat(ProducerIdAndEpoch.NONE.isValid()).isFalse();
  }
}
