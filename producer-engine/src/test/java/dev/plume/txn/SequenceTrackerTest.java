package dev.plume.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.TopicPartition;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final TopicPartition OTHER = new TopicPartition("t", 1);

  @Test
  void sequencesAdvanceByRecordCountPerPartition() {
    SequenceTracker s = new SequenceTracker();
    assertThat(s.assign(TP, 3)).isZero();
    assertThat(s.assign(TP, 2)).isEqualTo(3);
    assertThat(s.assign(OTHER, 1)).isZero();
    assertThat(s.firstIncompleteSequence(TP)).isZero();
    s.complete(TP, 0, 2, true);
    assertThat(s.firstIncompleteSequence(TP)).isEqualTo(3);
    assertThat(s.lastAckedSequence(TP)).isEqualTo(2);
    assertThat(s.nextExpectedByBroker(TP)).isEqualTo(3);
    s.complete(TP, 3, 4, false);
    assertThat(s.hasIncomplete(TP)).isFalse();
    assertThat(s.lastAckedSequence(TP)).isEqualTo(2); // a failure is no acknowledgement
    assertThat(s.hasAnyIncomplete()).isTrue(); // OTHER
    s.reset();
    assertThat(s.hasAnyIncomplete()).isFalse();
    assertThat(s.assign(TP, 1)).isZero();
  }

  @Test
  void outOfOrderCompletionKeepsTheHighestAcknowledgedSequence() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 5);
    s.assign(TP, 5);
    s.complete(TP, 5, 9, true);
    s.complete(TP, 0, 4, true);
    assertThat(s.lastAckedSequence(TP)).isEqualTo(9);
  }

  @Test
  void splitPiecesReplaceTheOriginalInPlace() {
    SequenceTracker s = new SequenceTracker();
    s.assign(TP, 10);
    s.assign(TP, 1);
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
