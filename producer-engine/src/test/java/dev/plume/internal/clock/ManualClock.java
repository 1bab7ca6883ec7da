package dev.plume.internal.clock;

/** A clock that moves only when told to: for deterministic tests of time-driven logic. */
public final class ManualClock implements Clock {

  private volatile long nowMs;

  public ManualClock(long startMs) {
    this.nowMs = startMs;
  }

  @Override
  public long nowMs() {
    return nowMs;
  }

  @Override
  public long nanoTime() {
    return nowMs * 1_000_000L;
  }

  public synchronized void advanceMs(long deltaMs) {
    if (deltaMs < 0) {
      throw new IllegalArgumentException("time only moves forward, got " + deltaMs);
    }
    nowMs += deltaMs;
  }
}
