package dev.plume.internal.sender;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when an appending thread must wake the I/O thread: only when a batch becomes sendable
 * before the I/O thread would wake up by itself. A selector wake-up is a system call on both sides
 * and costs the I/O thread a whole round, so appends to an open batch never wake it, and neither
 * does a new batch whose linger ends after a deadline the I/O thread already sleeps towards.
 *
 * <p>The I/O thread publishes when it will wake ({@link #beforeSleep}) and marks itself awake at
 * the start of each round ({@link #awake}). An appender that finds it awake cannot know whether the
 * round's scan saw its batch, so it leaves a note (the earliest ready time) instead of waking it;
 * the I/O thread reads the notes after publishing its deadline and shortens its sleep to them. Both
 * sides write their own variable and then read the other's (both volatile), so at least one of them
 * sees the other: either the I/O thread reads the note, or the appender reads the deadline and
 * wakes it. Whoever moves the deadline to "awake" by compare-and-set issues the one wake-up, so
 * many appenders finding the same sleeping thread wake it once.
 *
 * <p>Before this gate, the sender leaves out batches whose leader is at its in-flight limit ({@link
 * BusyLeaders}, which makes the same argument for its own flag): their leader's next completion
 * ends the poll anyway.
 */
final class WakeupGate {

  /** The deadline while the I/O thread is running a round (or already being woken). */
  private static final long AWAKE = Long.MIN_VALUE;

  private static final VarHandle SLEEP_UNTIL_MS;

  static {
    try {
      SLEEP_UNTIL_MS =
          MethodHandles.lookup().findVarHandle(WakeupGate.class, "sleepUntilMs", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable wakeup;
  private final SenderStats stats;

  @SuppressWarnings("unused") // through SLEEP_UNTIL_MS
  private volatile long sleepUntilMs = AWAKE;

  /** The earliest ready time appenders noted while the I/O thread was awake. */
  private final AtomicLong earliestNotedMs = new AtomicLong(Long.MAX_VALUE);

  WakeupGate(Runnable wakeup, SenderStats stats) {
    this.wakeup = wakeup;
    this.stats = stats;
  }

  /**
   * Any thread: a batch becomes sendable at {@code readyAtMs} (see {@code
   * RecordAccumulator#readyAtMs}); wakes the I/O thread only if it sleeps past that.
   */
  void batchReadyAt(long readyAtMs) {
    if (readyAtMs == Long.MAX_VALUE) {
      return; // an append to an open batch: the common case, nothing to do
    }
    long sleepUntil = (long) SLEEP_UNTIL_MS.getVolatile(this);
    while (true) {
      if (sleepUntil == AWAKE) {
        if (readyAtMs < earliestNotedMs.get()) {
          earliestNotedMs.accumulateAndGet(readyAtMs, Math::min);
        }
        // Re-read after the note: if the I/O thread published a deadline meanwhile, it may have
        // read the notes before this one, so decide against that deadline.
        sleepUntil = (long) SLEEP_UNTIL_MS.getVolatile(this);
        if (sleepUntil == AWAKE) {
          return;
        }
      }
      if (readyAtMs >= sleepUntil) {
        return; // it wakes in time by itself
      }
      if (SLEEP_UNTIL_MS.compareAndSet(this, sleepUntil, AWAKE)) {
        wakeNow();
        return;
      }
      sleepUntil = (long) SLEEP_UNTIL_MS.getVolatile(this);
    }
  }

  /** Any thread: work that cannot wait for the next deadline (flush, close, metadata, ...). */
  void wakeUp() {
    SLEEP_UNTIL_MS.setVolatile(this, AWAKE);
    wakeNow();
  }

  private void wakeNow() {
    stats.wakeups.increment();
    wakeup.run();
  }

  /**
   * I/O thread, at the start of a round (before it scans the accumulator): appenders leave notes
   * instead of waking it. Notes left so far are dropped: their batches were appended before the
   * note, so the coming scan sees them.
   */
  void awake() {
    SLEEP_UNTIL_MS.setVolatile(this, AWAKE);
    earliestNotedMs.set(Long.MAX_VALUE);
  }

  /**
   * I/O thread, right before it polls: publishes when it will wake and returns the poll timeout,
   * shortened to the earliest batch noted during the round.
   */
  long beforeSleep(long nowMs, long timeoutMs) {
    long untilMs = nowMs + timeoutMs;
    SLEEP_UNTIL_MS.setVolatile(this, untilMs);
    long notedMs = earliestNotedMs.getAndSet(Long.MAX_VALUE);
    if (notedMs < untilMs) {
      long shortenedMs = Math.max(nowMs, notedMs);
      // Lowered only if no appender woke it meanwhile (then it wakes at once anyway); an appender
      // comparing against either value wakes it in time.
      SLEEP_UNTIL_MS.compareAndSet(this, untilMs, shortenedMs);
      return shortenedMs - nowMs;
    }
    return timeoutMs;
  }
}
