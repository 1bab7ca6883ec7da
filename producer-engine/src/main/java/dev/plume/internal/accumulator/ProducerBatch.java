package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.record.RecordBatchBuilder;
import dev.plume.producer.Callback;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.RecordOutcome;
import dev.plume.producer.TopicPartition;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch for one partition: the pooled buffer its records are encoded into, and per record what
 * is needed to report its outcome. Per-record state lives in parallel arrays that grow by doubling,
 * so appending a record creates no object.
 *
 * <p>Thread-safety: appends happen under the owning partition queue's lock; after the batch is
 * drained only the sender thread touches it, except {@link #completeExceptionally} which may race
 * with the sender on forced close and is made idempotent by a CAS, an early seal by the appending
 * thread that filled it, and {@link #doneFuture} from a flushing thread.
 *
 * <p>Reuse: a batch that was drained and completed normally goes back to a {@link BatchPool} (its
 * one release point is {@link RecordAccumulator#release}) and serves another partition's records.
 * Each use is one <em>generation</em>, kept in the seal state's upper bits: an appending thread
 * that still holds the batch it filled can only seal the generation it saw, and a request slot
 * checks that its batches are still the generation it sent, so a late reference fails instead of
 * reading or writing the next use. A batch in the pool rejects every use ({@link #checkInUse}).
 */
public final class ProducerBatch {

  private static final Logger log = LoggerFactory.getLogger(ProducerBatch.class);

  /** Below this much free room a batch counts as full, so it is sent without lingering. */
  private static final int FULL_THRESHOLD_BYTES = 32;

  private TopicPartition topicPartition;
  private ByteBuffer buffer;

  /**
   * Null for split pieces, and once a completed batch gave it back with its slots (it then serves
   * another batch): the sizes it knew are kept in {@link #uncompressedSizeBytes}.
   */
  private RecordBatchBuilder builder;

  private int uncompressedSizeBytes = -1;
  private long createdMs;
  private final boolean pooled;
  private final AtomicBoolean completed = new AtomicBoolean();

  private static final int OPEN = 0;
  private static final int SEALING = 1;
  private static final int SEALED = 2;
  private static final int RELEASED = 3;
  private static final int STATE_BITS = 0b11;

  /** One generation more each time the batch is reused (in the bits above the state). */
  private static final int GENERATION_STEP = STATE_BITS + 1;

  /**
   * The generation (upper bits) and the seal state (lowest two bits). OPEN until one thread claims
   * the seal: the appending thread that filled a compressed batch ({@link #trySealEarly}) or the
   * sender ({@link #sealed}); the sender waits out a seal in progress. Publishes {@link #sealed}
   * with its final write. RELEASED once the buffer went back to the pool unsealed, and while the
   * batch waits in the {@link BatchPool}.
   */
  private final AtomicInteger sealState = new AtomicInteger(OPEN);

  // Links of the IncompleteBatches list, guarded by that list's monitor.
  boolean listedIncomplete;
  ProducerBatch prevIncomplete;
  ProducerBatch nextIncomplete;

  /** Whether the batch waits in the {@link BatchPool} (sender thread, or under the pool's lock). */
  private boolean inPool;

  /** Never reused: a split batch's flush waiters are released by its pieces (see split). */
  private boolean split;

  /**
   * Created only when a flushing thread waits for this batch (or it is split), so that a batch
   * nobody waits for costs no future; guarded by this batch's monitor, with {@link #finished}.
   */
  private CompletableFuture<Void> done;

  /**
   * Every record's outcome was delivered (callbacks run): unlike {@link #completed}, which is set
   * before the callbacks, this is what a flush waits for. Guarded by this batch's monitor.
   */
  private boolean finished;

  /** What {@link #doneFuture} returns for a batch already done: nothing to wait for. */
  private static final CompletableFuture<Void> ALREADY_DONE =
      CompletableFuture.completedFuture(null);

  // per record, guarded by the partition queue's lock until drained
  private int recordCount;
  private boolean full;
  // Whether an append already told the sender that this batch is full (under the queue lock), so
  // the I/O thread is woken once per full batch, not once per append behind it.
  private boolean fullAnnounced;

  /** Null once the batch completed and gave its slots back to the pool. */
  private RecordSlots slots;

  private final RecordSlotsPool slotsPool;

  // sender-thread state
  private int attempts;
  private long lastAttemptMs;
  // The wait after lastAttemptMs, drawn once per retry (it has a random factor), so that every
  // readiness check and the drain see the same end of backoff.
  private long retryBackoffMs;
  private long drainedMs = -1;
  private ByteBuffer sealed;
  private long producerId = -1;
  private short producerEpoch = -1;
  private int baseSequence = -1;
  private boolean inFlight;
  private boolean mayHaveBeenWritten;

  ProducerBatch(
      TopicPartition topicPartition,
      ByteBuffer buffer,
      CompressionType compression,
      boolean transactional,
      RecordSlotsPool slotsPool,
      int expectedRecords,
      long nowMs) {
    this.topicPartition = topicPartition;
    this.buffer = buffer;
    this.pooled = true;
    this.createdMs = nowMs;
    this.lastAttemptMs = nowMs;
    this.slotsPool = slotsPool;
    // Sized from the first record when new, so the per-record arrays rarely grow (a copy each).
    this.slots = slotsPool.acquire(Math.min(expectedRecords, 4096));
    this.builder = slots.builderFor(buffer, compression, transactional);
  }

  /**
   * Takes a batch out of the {@link BatchPool} for new records, as the constructor would build it:
   * the next generation, open, with fresh slots. Under the new partition queue's lock, before the
   * batch is queued (so no other thread can reach the new generation yet).
   */
  void reuse(
      TopicPartition topicPartition,
      ByteBuffer buffer,
      CompressionType compression,
      boolean transactional,
      int expectedRecords,
      long nowMs) {
    if (!inPool || !pooled) {
      throw new IllegalStateException("Only a batch from the pool can be reused: " + this);
    }
    inPool = false;
    this.topicPartition = topicPartition;
    this.buffer = buffer;
    this.uncompressedSizeBytes = -1;
    this.createdMs = nowMs;
    this.recordCount = 0;
    this.full = false;
    this.fullAnnounced = false;
    this.attempts = 0;
    this.lastAttemptMs = nowMs;
    this.retryBackoffMs = 0;
    this.drainedMs = -1;
    this.sealed = null;
    this.producerId = -1;
    this.producerEpoch = -1;
    this.baseSequence = -1;
    this.inFlight = false;
    this.mayHaveBeenWritten = false;
    this.slots = slotsPool.acquire(Math.min(expectedRecords, 4096));
    this.builder = slots.builderFor(buffer, compression, transactional);
    synchronized (this) {
      // Together under the monitor: a flushing thread that looks now sees either the old (done)
      // generation or the new one (not done, with no future yet), never a mix.
      done = null;
      finished = false;
      completed.set(false);
    }
    // Stays RELEASED (with its new generation, see recycled) until now: open for the new records.
    sealState.set(generationBits() | OPEN);
  }

  /**
   * Whether this batch may go back to the {@link BatchPool} once done: a batch of pooled memory
   * (not a split piece), drained (no appending thread can reach it through its queue), completed,
   * not split, and with no seal in progress.
   */
  synchronized boolean reusable() {
    int state = sealState.get() & STATE_BITS;
    return pooled
        && !split
        && !inPool
        && drainedMs >= 0
        && completed.get()
        && finished
        && (state == SEALED || state == RELEASED);
  }

  /**
   * Called by the {@link BatchPool} as the batch enters it: the next generation begins (RELEASED
   * until reused, so no stale early seal can claim it), and it drops every reference it had.
   */
  void recycled() {
    if (!reusable()) {
      throw new IllegalStateException("A batch in use cannot be pooled: " + this);
    }
    inPool = true;
    sealState.set(generationBits() + GENERATION_STEP | RELEASED);
    topicPartition = null;
    buffer = null;
    sealed = null;
    builder = null;
  }

  /** Which use of this object the batch is (changes each time it is taken from the pool). */
  public int generation() {
    return sealState.get() >>> 2;
  }

  private int generationBits() {
    return sealState.get() & ~STATE_BITS;
  }

  /** A batch waiting in the pool must not be used: whoever still holds it holds it too long. */
  private void checkInUse() {
    if (inPool) {
      throw new IllegalStateException("A batch was used after it went back to the batch pool");
    }
  }

  /**
   * A piece of a split batch: already sealed (with the original's producer state and its share of
   * the sequence range), owning records {@code [from, from + count)} of {@code original}.
   */
  ProducerBatch(ProducerBatch original, ByteBuffer sealedPiece, int from, int count) {
    this.topicPartition = original.topicPartition;
    this.buffer = sealedPiece;
    this.builder = null;
    this.pooled = false;
    this.createdMs = original.createdMs;
    this.lastAttemptMs = original.lastAttemptMs;
    this.attempts = original.attempts;
    this.retryBackoffMs = original.retryBackoffMs;
    this.mayHaveBeenWritten = original.mayHaveBeenWritten;
    this.full = true;
    this.recordCount = count;
    // Copies of the original's ranges, never pooled: splits are rare.
    this.slots = new RecordSlots(original.slots, from, count);
    this.slotsPool = null;
    this.sealed = sealedPiece;
    this.sealState.set(SEALED);
    ByteBuffer b = sealedPiece.duplicate();
    int start = b.position();
    this.producerId = b.getLong(start + 43);
    this.producerEpoch = b.getShort(start + 51);
    this.baseSequence = b.getInt(start + 53);
  }

  /**
   * Appends under the queue lock.
   *
   * @return how many bytes the batch grew by (the encoded record: varints, attributes, headers and
   *     payloads, uncompressed, which is also what decides when the batch is full), or -1 when the
   *     record does not fit the buffer (the batch is then full)
   */
  int lockedTryAppend(
      long timestampMs,
      byte[] key,
      byte[] value,
      dev.plume.producer.Header[] headers,
      CompletableFuture<RecordMetadata> future,
      Callback callback) {
    checkInUse();
    int sizeBeforeBytes = full ? 0 : builder.sizeInBytes();
    if (full || !builder.tryAppend(timestampMs, key, value, headers)) {
      full = true;
      return -1;
    }
    slots.set(
        recordCount,
        future,
        callback,
        timestampMs,
        key == null ? -1 : key.length,
        value == null ? -1 : value.length);
    recordCount++;
    return builder.sizeInBytes() - sizeBeforeBytes;
  }

  /**
   * Completes every record with its offset ({@code baseOffset} + index; -1 stays -1) and, for
   * LogAppendTime topics, the broker's timestamp. Runs callbacks on the calling (I/O) thread.
   *
   * @return false if the batch had already been completed
   */
  public boolean complete(long baseOffset, long logAppendTimeMs) {
    checkInUse();
    if (!completed.compareAndSet(false, true)) {
      return false;
    }
    RecordSlots s = slots;
    boolean recycle = recyclable();
    for (int i = 0; i < recordCount; i++) {
      long offset = baseOffset < 0 ? -1 : baseOffset + i;
      long ts = logAppendTimeMs >= 0 ? logAppendTimeMs : s.timestampsMs[i];
      completeRecord(s, i, offset, ts, null, recycle);
    }
    maybeRecycleSlots(recycle);
    releaseFlushWaiters();
    return true;
  }

  /**
   * Fails every record with {@code error}.
   *
   * @return false if the batch had already been completed
   */
  public boolean completeExceptionally(RuntimeException error) {
    checkInUse();
    if (!completed.compareAndSet(false, true)) {
      return false;
    }
    RecordSlots s = slots;
    boolean recycle = recyclable();
    for (int i = 0; i < recordCount; i++) {
      completeRecord(s, i, -1, s.timestampsMs[i], error, recycle);
    }
    maybeRecycleSlots(recycle);
    releaseFlushWaiters();
    return true;
  }

  /** After the callbacks: completes the future a flushing thread waits on, if one does. */
  private void releaseFlushWaiters() {
    CompletableFuture<Void> d;
    synchronized (this) {
      finished = true;
      d = done;
    }
    if (d != null) {
      d.complete(null);
    }
  }

  /**
   * Whether the slots go back to the pool once the batch completed. Only a drained batch: no
   * appending thread can reach it any more (a batch failed while still queued, on a forced close,
   * keeps its slots).
   */
  private boolean recyclable() {
    return slotsPool != null && drainedMs >= 0;
  }

  /** Gives the slots, already cleared record by record, back for the next batch. */
  private void maybeRecycleSlots(boolean recycle) {
    if (recycle) {
      RecordSlots s = slots;
      slots = null;
      if ((sealState.get() & STATE_BITS) == SEALED) {
        // Sealed: nobody can claim the builder to seal again, so it may serve the next batch.
        uncompressedSizeBytes = builder.uncompressedSizeInBytes();
        builder.detach(); // pooled with the slots: it must not keep this batch's buffer
        builder = null;
      } else {
        // Failed before sealing: an appending thread may still try an early seal with it.
        s.builder = null;
      }
      slotsPool.release(s);
    }
  }

  /**
   * Reports record {@code i}'s outcome: to a {@link RecordOutcome} without a future as plain values
   * (no {@link RecordMetadata}: one object less per record for API adapters), otherwise through a
   * {@link RecordMetadata} to its callback, then its future. With {@code forget}, the record's
   * references are dropped from the slots first (see {@link RecordSlots#forget}).
   */
  private void completeRecord(
      RecordSlots s, int i, long offset, long timestampMs, RuntimeException error, boolean forget) {
    CompletableFuture<RecordMetadata> future = s.futures[i];
    Callback[] callbacks = s.callbacks;
    Callback callback = callbacks == null ? null : callbacks[i];
    if (forget) {
      s.forget(i);
    }
    if (future == null && callback instanceof RecordOutcome outcome) {
      try {
        outcome.onOutcome(
            topicPartition.topic(),
            topicPartition.partition(),
            offset,
            timestampMs,
            s.keySizes[i],
            s.valueSizes[i],
            error);
      } catch (RuntimeException e) {
        log.error("Callback for a record to {} threw; ignoring it", topicPartition, e);
      }
      return;
    }
    RecordMetadata metadata =
        new RecordMetadata(
            topicPartition.topic(),
            topicPartition.partition(),
            offset,
            timestampMs,
            s.keySizes[i],
            s.valueSizes[i]);
    if (callback != null) {
      try {
        callback.onCompletion(metadata, error);
      } catch (RuntimeException e) {
        log.error("Callback for a record to {} threw; ignoring it", topicPartition, e);
      }
    }
    if (future != null) {
      if (error == null) {
        future.complete(metadata);
      } else {
        future.completeExceptionally(error);
      }
    }
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  public int recordCount() {
    return recordCount;
  }

  /** Uncompressed bytes so far, header included. */
  public int estimatedSizeBytes() {
    return builder != null ? builder.sizeInBytes() : sealed.remaining();
  }

  /** Header plus uncompressed records, also after sealing (split pieces: their sealed size). */
  public int uncompressedSizeBytes() {
    if (builder != null) {
      return builder.uncompressedSizeInBytes();
    }
    return uncompressedSizeBytes >= 0 ? uncompressedSizeBytes : sealed.remaining();
  }

  /** Full once a record did not fit, or when too little room is left for any record. */
  boolean lockedIsFull() {
    return full || builder == null || builder.remainingBytes() < FULL_THRESHOLD_BYTES;
  }

  /**
   * True the first time it is called on a full batch, false before it is full and afterwards: the
   * append that fills a batch (or opens the next one behind it) announces it to the sender once.
   */
  boolean lockedAnnounceIfFull() {
    if (fullAnnounced || !lockedIsFull()) {
      return false;
    }
    fullAnnounced = true;
    return true;
  }

  public long createdMs() {
    return createdMs;
  }

  public int attempts() {
    return attempts;
  }

  public long lastAttemptMs() {
    return lastAttemptMs;
  }

  /** When the backoff before this batch's next attempt ends (meaningful once it was retried). */
  public long retryBackoffEndMs() {
    return lastAttemptMs + retryBackoffMs;
  }

  public long drainedMs() {
    return drainedMs;
  }

  /**
   * Called under the queue lock when the batch leaves its queue: it is closed for appends for good,
   * since it will be sealed, and may come back to the queue head for a retry.
   */
  void onDrained(long nowMs) {
    checkInUse();
    drainedMs = nowMs;
    full = true;
  }

  /**
   * @param backoffMs how long to wait from {@code nowMs} before the next attempt
   */
  void onRetry(long nowMs, long backoffMs) {
    checkInUse();
    attempts++;
    lastAttemptMs = nowMs;
    retryBackoffMs = backoffMs;
  }

  public boolean isDone() {
    return completed.get();
  }

  /**
   * For a batch split into {@code pieces}: its records now belong to the pieces, so it is done once
   * they all are (flush may be waiting on it).
   */
  void doneWhenPiecesDone(java.util.List<ProducerBatch> pieces) {
    // Never pooled again: a flushing thread may hold this batch until the pieces are done.
    split = true;
    CompletableFuture<?>[] all = new CompletableFuture<?>[pieces.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = pieces.get(i).futureForWaiters();
    }
    CompletableFuture<Void> mine = futureForWaiters();
    CompletableFuture.allOf(all).whenComplete((ignored, error) -> mine.complete(null));
  }

  /** This generation's done future, created now if nobody asked for it yet. */
  private synchronized CompletableFuture<Void> futureForWaiters() {
    if (done == null) {
      done = new CompletableFuture<>();
      if (finished && !split) {
        done.complete(null);
      }
    }
    return done;
  }

  /**
   * Completes (normally) once every record of the batch's current use has its outcome; any thread.
   * Made on demand, so only batches someone waits for have one. A flush, which finds batches first
   * and waits on them later, uses {@link #doneFuture(int)} instead: the object may serve newer
   * records by then.
   */
  public CompletableFuture<Void> doneFuture() {
    synchronized (this) {
      return doneFuture(generation());
    }
  }

  /**
   * As {@link #doneFuture()}, for the use {@code generation} only: already done when the batch has
   * moved on to a later use (it is pooled only after all its records had their outcome), so a flush
   * never waits for records sent after it began. While the batch is listed as incomplete its
   * generation cannot change, so a generation read from that list names the use the list held.
   */
  public CompletableFuture<Void> doneFuture(int generation) {
    synchronized (this) {
      if (generation() != generation || (finished && !split)) {
        return ALREADY_DONE;
      }
      return futureForWaiters();
    }
  }

  /** One use of a batch, as a flush found it among the incomplete batches. */
  public record Use(ProducerBatch batch, int generation) {
    /** Done once that use's records all have their outcome (see {@link #doneFuture(int)}). */
    public CompletableFuture<Void> doneFuture() {
      return batch.doneFuture(generation);
    }
  }

  public boolean inFlight() {
    return inFlight;
  }

  public void inFlight(boolean value) {
    this.inFlight = value;
  }

  /**
   * Whether some attempt may have reached the log: its request was lost (disconnect, request
   * timeout) or the broker answered with an error it can give after appending. Such a batch must
   * never be sent under another producer epoch or sequence.
   */
  public boolean mayHaveBeenWritten() {
    return mayHaveBeenWritten;
  }

  public void markMayHaveBeenWritten() {
    this.mayHaveBeenWritten = true;
  }

  public boolean hasSequence() {
    return baseSequence >= 0;
  }

  public long producerId() {
    return producerId;
  }

  public short producerEpoch() {
    return producerEpoch;
  }

  public int baseSequence() {
    return baseSequence;
  }

  /** The sequence of the last record, with Kafka's wrap-around after Integer.MAX_VALUE. */
  public int lastSequence() {
    long last = (long) baseSequence + recordCount - 1;
    return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
  }

  /**
   * Seals the batch once (compressing if configured) and stamps the producer state; a sealed batch
   * that is retried under a new epoch or sequence is re-stamped without recompressing.
   *
   * <p>Returns the batch's own view of its sealed bytes, not a copy (no object per attempt): the
   * request encoder moves its position while writing and restores it once the request is written or
   * dropped. Sender thread only.
   */
  public ByteBuffer sealed(
      CompressionContext context, long producerId, short epoch, int baseSequence) {
    checkInUse();
    ensureSealed(context);
    if (producerId != this.producerId
        || epoch != this.producerEpoch
        || baseSequence != this.baseSequence) {
      RecordBatchBuilder.writeProducerState(
          sealed, producerId, epoch, baseSequence, context.crc32c());
      this.producerId = producerId;
      this.producerEpoch = epoch;
      this.baseSequence = baseSequence;
    }
    return sealed;
  }

  /**
   * Seals (compresses) the batch now, on the calling appending thread, if nobody has claimed the
   * seal yet. Only for a batch closed to appends ({@link #lockedIsFull} was true under the queue
   * lock, so no thread writes to its builder any more).
   *
   * @return whether this call sealed it
   */
  boolean trySealEarly(CompressionContext context) {
    return trySealEarly(context, generation());
  }

  /**
   * As {@link #trySealEarly(CompressionContext)}, only if the batch is still generation {@code
   * generation} (read under the queue lock when the caller filled it): a batch completed and reused
   * since then is left alone.
   */
  boolean trySealEarly(CompressionContext context, int generation) {
    int gen = generation << 2;
    if (!sealState.compareAndSet(gen | OPEN, gen | SEALING)) {
      return false;
    }
    try {
      sealWithClaim(context);
      return true;
    } catch (RuntimeException e) {
      // Leave it to the sender, which reports a codec failure on the batch's records.
      sealState.set(gen | OPEN);
      log.debug("Early seal of {} failed; the sender will seal it", topicPartition, e);
      return false;
    }
  }

  private void ensureSealed(CompressionContext context) {
    while (true) {
      int current = sealState.get();
      int gen = current & ~STATE_BITS;
      int state = current & STATE_BITS;
      if (state == SEALED) {
        return;
      }
      if (state == RELEASED) {
        throw new IllegalStateException("A batch whose buffer went back was to be sent: " + this);
      }
      if (state == OPEN && sealState.compareAndSet(gen | OPEN, gen | SEALING)) {
        try {
          sealWithClaim(context);
        } catch (RuntimeException e) {
          sealState.set(gen | OPEN);
          throw e;
        }
        return;
      }
      // An appending thread is compressing it: at most one codec call, cheaper than parking.
      Thread.onSpinWait();
    }
  }

  private void sealWithClaim(CompressionContext context) {
    // The producer state is still unset (-1) here: it is stamped after sealing, by the sender.
    sealed = builder.seal(context);
    sealState.set(generationBits() | SEALED);
  }

  /**
   * Before the buffer goes back to the pool: no early seal may start any more, and one in progress
   * (an appending thread compressing in place) is waited out, so nothing writes into a buffer that
   * another batch may already own.
   */
  void forbidSealing() {
    while (true) {
      int current = sealState.get();
      int gen = current & ~STATE_BITS;
      int state = current & STATE_BITS;
      if (state == SEALED || state == RELEASED) {
        return;
      }
      if (state == OPEN && sealState.compareAndSet(gen | OPEN, gen | RELEASED)) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /** Whether the batch is sealed (by the sender or early by an appending thread). */
  public boolean isSealed() {
    return (sealState.get() & STATE_BITS) == SEALED;
  }

  /** The sealed batch, or null before the first drain. */
  public ByteBuffer sealedOrNull() {
    return (sealState.get() & STATE_BITS) != SEALED ? null : sealed.duplicate();
  }

  /** Forgets the sequence so the batch is stamped afresh (after an epoch bump). */
  public void resetProducerState() {
    this.baseSequence = -1;
    this.producerEpoch = -1;
    this.producerId = -1;
  }

  /** The pooled buffer to return to the pool once nothing can read the batch any more. */
  ByteBuffer buffer() {
    return buffer;
  }

  /** Whether {@link #buffer()} came from the pool (split pieces have buffers of their own). */
  boolean pooled() {
    return pooled;
  }

  /** Per record, for splitting: the future and callback of record {@code i}. */
  CompletableFuture<RecordMetadata> futureAt(int i) {
    return slots.futures[i];
  }

  Callback callbackAt(int i) {
    return slots.callbacks == null ? null : slots.callbacks[i];
  }

  @Override
  public String toString() {
    return "ProducerBatch{"
        + topicPartition
        + ", records="
        + recordCount
        + ", attempts="
        + attempts
        + ", baseSequence="
        + baseSequence
        + "}";
  }
}
