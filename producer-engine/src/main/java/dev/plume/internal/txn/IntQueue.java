package dev.plume.internal.txn;

import java.util.Arrays;

/**
 * A FIFO of ints in a growable ring: the incomplete sequences of a partition, kept without boxing
 * (an Integer per batch above 127 otherwise). Not thread-safe.
 */
final class IntQueue {

  private int[] ring = new int[8];
  private int head;
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The oldest value; the queue must not be empty. */
  int peekFirst() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return ring[head];
  }

  /** The {@code i}-th oldest value. */
  int get(int i) {
    return ring[(head + i) % ring.length];
  }

  void addLast(int value) {
    if (size == ring.length) {
      int[] grown = new int[ring.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = get(i);
      }
      ring = grown;
      head = 0;
    }
    ring[(head + size) % ring.length] = value;
    size++;
  }

  /** Removes the first occurrence of {@code value}; returns whether there was one. */
  boolean remove(int value) {
    for (int i = 0; i < size; i++) {
      if (get(i) == value) {
        // Close the gap by moving the later values forward one place.
        for (int j = i; j < size - 1; j++) {
          ring[(head + j) % ring.length] = get(j + 1);
        }
        size--;
        return true;
      }
    }
    return false;
  }

  void clear() {
    head = 0;
    size = 0;
  }

  @Override
  public String toString() {
    int[] values = new int[size];
    for (int i = 0; i < size; i++) {
      values[i] = get(i);
    }
    return Arrays.toString(values);
  }
}
