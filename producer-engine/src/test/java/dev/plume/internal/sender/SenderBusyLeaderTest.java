package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.N1;
import static dev.plume.internal.sender.SenderFixture.N2;
import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.producer.TopicPartition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No wake-up for a batch whose leader is at its in-flight limit: the leader's next completion ends
 * the I/O thread's poll by itself, and the round after it sends the batch. With
 * max.in.flight.requests.per.connection 1, one request makes a leader busy. The fake network counts
 * wake-ups; a manual clock keeps every round exact. The fake takes a request out of flight when the
 * test answers it (its handler runs in the next poll), so the round right after {@code respond} is
 * the one a real response would start. Not idempotent, so that no sequence rule holds a batch back
 * and only the in-flight limit decides.
 */
class SenderBusyLeaderTest {

  private static final String VALUE_100B = "x".repeat(100);

  /** t-0 led by node 1, t-1 by node 2; batches of about 8 records of 100 B. */
  private static SenderFixture started(long lingerMs, boolean adaptiveBatching) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.lingerMs = lingerMs;
    o.batchSizeBytes = 1024;
    o.maxInFlight = 1;
    o.leaders = new int[] {1, 2};
    o.adaptiveBatching = adaptiveBatching;
    o.idempotent = false;
    SenderFixture f = new SenderFixture(o).startUp();
    f.runOnce(); // nothing queued: sleeps up to the idle poll
    return f;
  }

  /** Appends to {@code tp} until a batch fills; returns that append's result. */
  private static int fillBatch(SenderFixture f, TopicPartition tp, ClusterSnapshot snapshot) {
    for (int i = 0; i < 20; i++) {
      int result = f.appendAndNotify(tp, VALUE_100B, snapshot);
      if (RecordAccumulator.isSet(result, RecordAccumulator.FILLED_BATCH)) {
        return result;
      }
    }
    throw new AssertionError("no batch filled in 20 appends of 100 B to " + tp);
  }

  private static int fillBatch(SenderFixture f, TopicPartition tp) {
    return fillBatch(f, tp, f.metadata.snapshot());
  }

  /** Sends one full batch of t-0 to node 1, which is then at its limit of one request. */
  private static SentRequest makeNode1Busy(SenderFixture f) {
    fillBatch(f, TP0);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    SentRequest first = f.lastProduce();
    assertThat(first.destination()).isEqualTo(N1);
    assertThat(f.client.atInFlightLimit(1)).isTrue();
    return first;
  }

  @Test
  void aFilledBatchForABusyLeaderDoesNotWakeAndGoesInTheRoundAfterTheResponse() {
    SenderFixture f = started(5, false);
    SentRequest first = makeNode1Busy(f);
    int wakeups = f.client.wakeupCount();

    fillBatch(f, TP0);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
    assertThat(f.stats.wakeupsSkipped()).isEqualTo(1);

    f.runOnce(); // a round before the response (as after an unrelated wake-up): nothing can go
    assertThat(f.produceRequests()).hasSize(1);
    assertThat(f.client.lastPollTimeoutMs()).isEqualTo(1000); // the response ends the poll

    f.respond(first, SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce(); // the round the response starts: the mark is cleared and the batch goes
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(f.lastProduce().destination()).isEqualTo(N1);
    assertThat(f.allSentBatches()).hasSize(2);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);

    // Once node 1 has room again (its second request answered), its batches wake the thread again.
    f.respond(f.lastProduce(), SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce(); // clears the mark; the batch behind is not full, so it lingers
    assertThat(f.produceRequests()).hasSize(2);
    fillBatch(f, TP0);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    assertThat(f.stats.wakeupsSkipped()).isEqualTo(1);
  }

  @Test
  void aBatchForALeaderWithRoomStillWakesTheIoThread() {
    SenderFixture f = started(5, false);
    makeNode1Busy(f);
    int wakeups = f.client.wakeupCount();

    fillBatch(f, TP1); // node 2 has nothing in flight
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    assertThat(f.stats.wakeupsSkipped()).isZero();
    f.runOnce();
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
  }

  @Test
  void withoutLingerANewBatchForABusyLeaderDoesNotWake() {
    SenderFixture f = started(0, false);
    f.appendAndNotify(TP0, VALUE_100B);
    f.runOnce(); // goes at once (linger.ms 0): node 1 is now at its limit
    assertThat(f.produceRequests()).hasSize(1);
    int wakeups = f.client.wakeupCount();

    f.appendAndNotify(TP0, VALUE_100B); // a new batch, ready now, but node 1 cannot take it
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
    f.appendAndNotify(TP1, VALUE_100B); // node 2 can
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    assertThat(f.stats.wakeupsSkipped()).isEqualTo(1);
  }

  @Test
  void adaptiveBatchingWakesForAnIdleLeaderOnly() {
    SenderFixture f = started(5, true);
    f.appendAndNotify(TP0, VALUE_100B);
    f.runOnce(); // node 1 idle: adaptive batching sends the new batch at once
    assertThat(f.produceRequests()).hasSize(1);
    SentRequest first = f.lastProduce();
    int wakeups = f.client.wakeupCount();

    f.appendAndNotify(TP0, VALUE_100B); // "ready now" if node 1 were idle; it is at its limit
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
    f.appendAndNotify(TP1, VALUE_100B); // node 2 idle
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);

    f.respond(first, SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce(); // node 1 idle again: t-0's second batch goes before its linger
    assertThat(f.produceRequests()).hasSize(3);
    assertThat(f.lastProduce().destination()).isEqualTo(N1);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
  }

  @Test
  void aLeaderMovedAwayFromABusyNodeIsWokenFor() {
    SenderFixture f = started(5, false);
    SentRequest first = makeNode1Busy(f);
    ClusterSnapshot before = f.metadata.snapshot();
    f.options.leaders = new int[] {2, 2};
    f.advance(100); // past the metadata refresh backoff
    f.metadata.requestUpdate();
    f.runOnce(); // the Metadata request goes out and is answered inside this poll
    assertThat(f.metadata.snapshot().leaderFor(TP0.topic(), 0)).isEqualTo(N2);
    int wakeups = f.client.wakeupCount();

    fillBatch(f, TP0); // t-0 is led by node 2 now, which has room
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    f.runOnce();
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
    assertThat(f.produceRequests()).hasSize(2);

    // An appender still holding the old metadata sees node 1 busy and does not wake: its batch
    // waits for the next round (at the latest the one node 1's completion starts), which sends it
    // to t-0's new leader.
    f.respond(f.lastProduce(), SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce(); // node 2's response
    f.runOnce();
    wakeups = f.client.wakeupCount();
    fillBatch(f, TP0, before);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
    assertThat(f.stats.wakeupsSkipped()).isEqualTo(1);
    f.respond(first, SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(3);
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
  }

  @Test
  void flushStillWakesAndSendsAtOnce() {
    SenderFixture f = started(60_000, false); // batches linger a minute unless flushed
    SentRequest first = makeNode1Busy(f);
    f.appendAndNotify(TP0, VALUE_100B); // lingering, node 1 busy
    f.appendAndNotify(TP1, VALUE_100B); // lingering, node 2 idle
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    int wakeups = f.client.wakeupCount();

    f.accumulator.beginFlush(); // what flush() does
    f.sender.wakeup();
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
    f.runOnce(); // t-1 goes at once; t-0 waits for node 1
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(f.lastProduce().destination()).isEqualTo(N2);

    f.respond(first, SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(3);
    assertThat(f.lastProduce().destination()).isEqualTo(N1);
    f.accumulator.endFlush();
  }

  /**
   * The two sides interleaved at the two points that matter. An appender that reads the mark just
   * before the I/O thread clears it skips the wake-up, and the scan that follows the clear sends
   * its batch in that same round. An appender that runs after the scan reads the cleared mark and
   * leaves its note with the wake-up gate, so the I/O thread does not sleep on its batch.
   */
  @Test
  void anAppenderRacingTheClearIsCoveredOnBothSides() {
    SenderFixture f = started(5, false);
    SentRequest first = makeNode1Busy(f);
    f.respond(first, SenderFixture.response(TP0, (short) 0, 0)); // room again, still marked
    int wakeups = f.client.wakeupCount();

    // Side 1: the appender fills a batch while the I/O thread checks the mark, before it clears it.
    int[] skippedAtHook = new int[1];
    // Side 2: after that round's send made node 1 busy again (the check that marks it), another
    // appender fills a batch; the scan is over, and the mark is clear.
    f.client.beforeNextInFlightLimitCheck(
        () -> {
          fillBatch(f, TP0);
          skippedAtHook[0] = (int) f.stats.wakeupsSkipped();
          f.client.beforeNextInFlightLimitCheck(() -> fillBatch(f, TP0));
        });
    f.runOnce();
    assertThat(skippedAtHook[0]).as("skipped while the mark was still set").isEqualTo(1);
    List<SentRequest> produce = f.produceRequests();
    assertThat(produce).hasSize(2); // side 1's batch went in the round that cleared the mark
    assertThat(f.stats.wakeupsSkipped()).isEqualTo(1); // side 2 did not skip
    // Side 2's batch was noted while the I/O thread was awake: it does not sleep, no wake-up.
    assertThat(f.client.lastPollTimeoutMs()).isZero();
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
    assertThat(f.accumulator.queuedBatches(TP0)).isEqualTo(2); // side 2's full one, and the next
  }
}
