package dev.plume.engine;

import dev.plume.internal.sender.SenderStats;

/**
 * Per-second rates from totals: the rate between the previous snapshot (at least a second old) and
 * now. One window per producer, so every reader sees the same recent rate.
 */
final class RateWindow {

  private static final long MIN_WINDOW_MS = 1000;
  private long startMs;
  private long sent;
  private long errors;
  private long retries;
  private double sendRate;
  private double errorRate;
  private double retryRate;
  private long rounds;
  private long wakeups;
  private double roundRate;
  private double wakeupRate;

  /** The first window starts when the producer does, so the first reading is already a rate. */
  RateWindow(long startMs) {
    this.startMs = startMs;
  }

  synchronized void update(SenderStats stats, long nowMs) {
    long elapsedMs = nowMs - startMs;
    if (elapsedMs < MIN_WINDOW_MS) {
      return;
    }
    double seconds = elapsedMs / 1000.0;
    sendRate = (stats.recordsSent() - sent) / seconds;
    errorRate = (stats.recordErrors() - errors) / seconds;
    retryRate = (stats.recordRetries() - retries) / seconds;
    roundRate = (stats.rounds() - rounds) / seconds;
    wakeupRate = (stats.wakeups() - wakeups) / seconds;
    startMs = nowMs;
    sent = stats.recordsSent();
    errors = stats.recordErrors();
    retries = stats.recordRetries();
    rounds = stats.rounds();
    wakeups = stats.wakeups();
  }

  synchronized double roundRate() {
    return roundRate;
  }

  synchronized double wakeupRate() {
    return wakeupRate;
  }

  synchronized double sendRate() {
    return sendRate;
  }

  synchronized double errorRate() {
    return errorRate;
  }

  synchronized double retryRate() {
    return retryRate;
  }
}
