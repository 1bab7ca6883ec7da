package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.TP0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * While Produce requests are sent or answered, the I/O thread sleeps no longer than a batch opened
 * now would linger, so the appender opening the next batch need not wake it; without traffic (or
 * without linger.ms) it sleeps as before and a new batch wakes it.
 */
class SenderNextBatchWaitTest {

  private static SenderFixture started(long lingerMs) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.lingerMs = lingerMs;
    return new SenderFixture(o).startUp();
  }

  /** Sends one lingered batch and handles its response; returns at the round after that. */
  private static void sendAndAnswerOne(SenderFixture f, long lingerMs) {
    int before = f.produceRequests().size();
    f.appendAndNotify(TP0, "a");
    f.advance(lingerMs);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(before + 1);
    f.respond(f.lastProduce(), SenderFixture.response(TP0, (short) 0, 0));
    f.runOnce(); // the poll delivers the response
  }

  @Test
  void afterAnAnsweredRequestTheThreadSleepsAtMostLingerAndTheNextBatchWakesNothing() {
    SenderFixture f = started(5);
    sendAndAnswerOne(f, 5);
    f.runOnce(); // the round after the response: nothing queued
    assertThat(f.stats.recordsSent()).isEqualTo(1);
    assertThat(f.client.lastPollTimeoutMs()).isEqualTo(5);

    int wakeups = f.client.wakeupCount();
    f.advance(1);
    f.appendAndNotify(TP0, "b"); // ready at +6: the thread wakes at +5 by itself
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);

    f.advance(4);
    f.runOnce(); // the early wake: it finds the batch and sleeps until its linger ends
    assertThat(f.produceRequests()).hasSize(1);
    assertThat(f.client.lastPollTimeoutMs()).isEqualTo(1);
    f.advance(1);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups);
  }

  @Test
  void onceRecordsStopOneRoundFindsNothingAndTheThreadSleepsLongAgain() {
    SenderFixture f = started(5);
    sendAndAnswerOne(f, 5);
    f.runOnce();
    assertThat(f.client.lastPollTimeoutMs()).isEqualTo(5);

    f.advance(5);
    f.runOnce(); // sent and received nothing since the last poll
    assertThat(f.client.lastPollTimeoutMs()).isGreaterThan(5);

    int wakeups = f.client.wakeupCount();
    f.appendAndNotify(TP0, "b"); // the thread sleeps past this batch's linger: wake it
    assertThat(f.client.wakeupCount()).isEqualTo(wakeups + 1);
  }

  @Test
  void withoutLingerTheWaitIsNotCapped() {
    SenderFixture f = started(0);
    sendAndAnswerOne(f, 0);
    f.runOnce();
    assertThat(f.stats.recordsSent()).isEqualTo(1);
    assertThat(f.client.lastPollTimeoutMs()).isGreaterThan(5); // no spinning at 0 ms
  }
}
