package dev.plume.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hand-over between appending threads and the I/O thread, step by step. */
class WakeupGateTest {

  private final AtomicInteger wakeups = new AtomicInteger();
  private final SenderStats stats = new SenderStats();
  private final WakeupGate gate = new WakeupGate(wakeups::incrementAndGet, stats);

  @Test
  void aSleepingThreadIsWokenOnlyForAnEarlierBatch() {
    gate.awake();
    assertThat(gate.beforeSleep(1_000, 50)).isEqualTo(50); // sleeps until 1,050

    gate.batchReadyAt(1_050); // due when it wakes anyway
    gate.batchReadyAt(2_000);
    gate.batchReadyAt(Long.MAX_VALUE); // an append to an open batch
    assertThat(wakeups).hasValue(0);

    gate.batchReadyAt(1_010);
    gate.batchReadyAt(1_000); // it is already being woken
    assertThat(wakeups).hasValue(1);
    assertThat(stats.wakeups()).isEqualTo(1);
  }

  @Test
  void whileAwakeAppendersLeaveANoteThatShortensTheNextSleep() {
    gate.awake();
    gate.batchReadyAt(1_005); // the round's scan may have passed this partition already
    gate.batchReadyAt(1_020);
    assertThat(wakeups).hasValue(0);
    assertThat(gate.beforeSleep(1_000, 1_000)).isEqualTo(5);

    // The note was used up: the next round sleeps as long as it computes.
    gate.awake();
    assertThat(gate.beforeSleep(1_006, 1_000)).isEqualTo(1_000);
  }

  @Test
  void aNoteForABatchThatIsAlreadyDueMeansNoSleep() {
    gate.awake();
    gate.batchReadyAt(990); // a batch filled during the round
    assertThat(gate.beforeSleep(1_000, 300)).isZero();
    assertThat(wakeups).hasValue(0);
  }

  @Test
  void notesLeftBeforeARoundStartsAreDroppedByIt() {
    gate.awake();
    assertThat(gate.beforeSleep(1_000, 100)).isEqualTo(100);
    gate.batchReadyAt(1_000); // wakes it
    gate.batchReadyAt(1_002); // it is being woken: a note
    assertThat(wakeups).hasValue(1);

    gate.awake(); // this round's scan sees both batches
    assertThat(gate.beforeSleep(1_001, 4)).isEqualTo(4);
  }

  @Test
  void anExplicitWakeUpAlwaysWakes() {
    gate.awake();
    gate.beforeSleep(1_000, 1_000);
    gate.wakeUp();
    gate.wakeUp();
    assertThat(wakeups).hasValue(2);
    assertThat(stats.wakeups()).isEqualTo(2);
  }
}
