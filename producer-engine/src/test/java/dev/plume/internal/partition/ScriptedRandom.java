package dev.plume.internal.partition;

import java.util.function.IntSupplier;

/** Returns the given ints in order and fails the test when asked for more. */
final class ScriptedRandom implements IntSupplier {

  private final int[] values;
  private int next;

  ScriptedRandom(int... values) {
    this.values = values;
  }

  @Override
  public synchronized int getAsInt() {
    if (next >= values.length) {
      throw new AssertionError("the scripted random was asked for value #" + (next + 1));
    }
    return values[next++];
  }

  synchronized int used() {
    return next;
  }
}
