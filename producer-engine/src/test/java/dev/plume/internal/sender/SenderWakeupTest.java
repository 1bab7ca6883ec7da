package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.accumulator.RecordAccumulator;
import org.junit.jupiter.api.Test;

/**
 * When appending threads wake the I/O thread: only when a batch becomes sendable before the
 * deadline the I/O thread sleeps towards. A manual clock and the fake network (which counts
 * wake-ups) make every case exact.
 */
class SenderWakeupTest {

  private static final String VALUE_100B = "x".repeat(100);

  private static SenderFixture started(long lingerMs, int batchSizeBytes) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.lingerMs = lingerMs;
    o.batchSizeBytes = batchSizeBytes;
    SenderFixture f = new SenderFixture(o).startUp();
    f.runOnce(); // nothing queued: sleeps up to the idle poll
    return f;
  }

  @Test
  void appendsToAnOpenBatchNeverWakeTheIoThread() {
    SenderFixture f = started(5, 16 * 1024);
    int before = f.client.wakeupCount();

    f.appendAndNotify(TP0, VALUE_100B); // a new batch lingering 5 ms, before the idle deadline
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);
    f.runOnce();
    assertThat(f.produceRequests()).isEmpty();
    assertThat(f.client.lastPollTimeoutMs()).isEqualTo(5); // linger is the selector's timeout

    for (int i = 0; i < 100; i++) {
      int result = f.appendAndNotify(TP0, VALUE_100B);
      assertThat(RecordAccumulator.isSet(result, RecordAccumulator.NEW_BATCH)).isFalse();
    }
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);
    assertThat(f.stats.wakeups()).isEqualTo(f.client.wakeupCount());

    f.advance(5);
    f.runOnce(); // the linger deadline, not an append, sends it
    assertThat(f.produceRequests()).hasSize(1);
  }

  @Test
  void aBatchFillingWakesTheIoThreadOnce() {
    SenderFixture f = started(5, 1024); // about 8 records of 100 B
    f.appendAndNotify(TP0, VALUE_100B);
    f.runOnce(); // sleeps until the linger deadline
    int before = f.client.wakeupCount();

    int appended = 1;
    while (!RecordAccumulator.isSet(
        f.appendAndNotify(TP0, VALUE_100B), RecordAccumulator.FILLED_BATCH)) {
      appended++;
      assertThat(appended).as("appends before the batch filled").isLessThan(20);
      assertThat(f.client.wakeupCount()).isEqualTo(before);
    }
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);

    // More records open the next batch behind the full one: the I/O thread is already coming.
    for (int i = 0; i < 5; i++) {
      int result = f.appendAndNotify(TP0, VALUE_100B);
      assertThat(RecordAccumulator.isSet(result, RecordAccumulator.FILLED_BATCH)).isFalse();
    }
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);

    f.runOnce(); // no time passed: the full batch goes because it is full
    assertThat(f.produceRequests()).hasSize(1);
  }

  @Test
  void aNewBatchLingeringPastTheCurrentDeadlineDoesNotWake() {
    SenderFixture f = started(5, 16 * 1024);
    f.appendAndNotify(TP0, VALUE_100B);
    f.runOnce(); // sleeps until TP0's batch is due: now + 5
    int before = f.client.wakeupCount();

    f.advance(2);
    f.appendAndNotify(TP1, VALUE_100B); // due at now + 5, after TP0's batch
    assertThat(f.client.wakeupCount()).isEqualTo(before);

    f.advance(3);
    f.runOnce(); // TP0's deadline
    f.advance(2);
    f.runOnce(); // TP1's deadline, set in the previous round
    assertThat(f.allSentBatches()).hasSize(2);
  }

  @Test
  void withoutLingerEveryNewBatchWakesASleepingIoThread() {
    SenderFixture f = started(0, 16 * 1024);
    int before = f.client.wakeupCount();
    f.appendAndNotify(TP0, VALUE_100B);
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);
    f.appendAndNotify(TP0, VALUE_100B); // same batch, and the thread is already being woken
    f.appendAndNotify(TP1, VALUE_100B); // a new batch, but the thread is already being woken
    assertThat(f.client.wakeupCount()).isEqualTo(before + 1);
    f.runOnce();
    assertThat(f.allSentBatches()).hasSize(2);
  }

  @Test
  void explicitWakeUpsAndRoundsAreCounted() {
    SenderFixture f = started(5, 16 * 1024);
    long rounds = f.stats.rounds();
    long wakeups = f.stats.wakeups();
    f.sender.wakeup(); // as flush() does
    f.runOnce();
    f.runOnce();
    assertThat(f.stats.wakeups()).isEqualTo(wakeups + 1);
    assertThat(f.stats.rounds()).isEqualTo(rounds + 2);
  }
}
