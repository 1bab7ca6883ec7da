package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.record.RecordBatchBuilder;
import dev.plume.producer.Callback;
import dev.plume.producer.RecordMetadata;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The per-record side arrays of one batch: what is needed to report each record's outcome. They are
 * recycled through a {@link RecordSlotsPool} once a batch completes, so a steady stream of batches
 * allocates no arrays (they are the largest per-record cost after the caller's own objects).
 *
 * <p>Not thread-safe: owned by one batch at a time, guarded like the batch's per-record state.
 */
final class RecordSlots {

  CompletableFuture<RecordMetadata>[] futures;

  /** Null until the first record with a callback: batches without callbacks need no array. */
  Callback[] callbacks;

  long[] timestampsMs;
  int[] keySizes;
  int[] valueSizes;

  /**
   * The record-batch builder that travels with these slots, reset for each batch that takes them (a
   * builder per batch was the largest per-batch object); null until first needed, or when the last
   * batch could not give it back safely.
   */
  RecordBatchBuilder builder;

  RecordSlots(int capacity) {
    futures = newFutures(capacity);
    timestampsMs = new long[capacity];
    keySizes = new int[capacity];
    valueSizes = new int[capacity];
  }

  /** Copies records {@code [from, from + count)} of {@code source} (for split batches). */
  RecordSlots(RecordSlots source, int from, int count) {
    futures = Arrays.copyOfRange(source.futures, from, from + count);
    callbacks =
        source.callbacks == null ? null : Arrays.copyOfRange(source.callbacks, from, from + count);
    timestampsMs = Arrays.copyOfRange(source.timestampsMs, from, from + count);
    keySizes = Arrays.copyOfRange(source.keySizes, from, from + count);
    valueSizes = Arrays.copyOfRange(source.valueSizes, from, from + count);
  }

  @SuppressWarnings({
    "unchecked",
    "rawtypes"
  }) // generic array creation: RecordMetadata futures only
  private static CompletableFuture<RecordMetadata>[] newFutures(int capacity) {
    return new CompletableFuture[capacity];
  }

  /** This set's builder, reset over {@code buffer} (made on first use). */
  RecordBatchBuilder builderFor(
      ByteBuffer buffer, CompressionType compression, boolean transactional) {
    if (builder == null) {
      builder = new RecordBatchBuilder(buffer, compression, transactional);
    } else {
      builder.reset(buffer, compression, transactional);
    }
    return builder;
  }

  int capacity() {
    return futures.length;
  }

  /** Stores record {@code index}'s state, growing the arrays by doubling when full. */
  void set(
      int index,
      CompletableFuture<RecordMetadata> future,
      Callback callback,
      long timestampMs,
      int keySize,
      int valueSize) {
    if (index == futures.length) {
      grow();
    }
    futures[index] = future;
    if (callback != null) {
      if (callbacks == null) {
        callbacks = new Callback[futures.length];
      }
      callbacks[index] = callback;
    } else if (callbacks != null) {
      callbacks[index] = null;
    }
    timestampsMs[index] = timestampMs;
    keySizes[index] = keySize;
    valueSizes[index] = valueSize;
  }

  private void grow() {
    int n = futures.length * 2;
    futures = Arrays.copyOf(futures, n);
    if (callbacks != null) {
      callbacks = Arrays.copyOf(callbacks, n);
    }
    timestampsMs = Arrays.copyOf(timestampsMs, n);
    keySizes = Arrays.copyOf(keySizes, n);
    valueSizes = Arrays.copyOf(valueSizes, n);
  }

  /**
   * Drops record {@code index}'s future and callback, so a pooled set pins nothing. Called by the
   * completing thread right after it read them, while their cache lines are at hand (a separate
   * clearing pass over the arrays cost a quarter of a batch's completion); entries that are already
   * null are not written.
   */
  void forget(int index) {
    if (futures[index] != null) {
      futures[index] = null;
    }
    if (callbacks != null && callbacks[index] != null) {
      callbacks[index] = null;
    }
  }
}
