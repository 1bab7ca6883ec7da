package dev.plume.internal.memory;

import dev.plume.producer.errors.InterruptException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.TimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Memory for record batches, bounded by {@code buffer.memory}. Buffers of exactly the poolable size
 * ({@code batch.size}) are kept and reused, so steady-state batching allocates nothing; other sizes
 * come from the unpooled remainder and go back to it when freed.
 *
 * <p>Waiters are served strictly first come, first served: a thread that asks for memory while
 * others wait queues behind them, so a stream of small requests cannot starve a large one. A buffer
 * must only be {@link #deallocate deallocated} once nothing (the network included) can still read
 * it.
 *
 * <p>Thread-safety: all methods are safe to call from any thread; one lock guards all state, held
 * only for bookkeeping, never while zeroing or allocating a buffer's memory.
 */
public final class BufferPool {

  private final long totalMemoryBytes;
  private final int poolableSizeBytes;
  private final ReentrantLock lock = new ReentrantLock();

  // guarded by lock: all fields below
  private final Deque<ByteBuffer> free = new ArrayDeque<>();
  private final Deque<Condition> waiters = new ArrayDeque<>();
  private long nonPooledAvailableBytes;
  private boolean closed;
  private long exhaustedTotal;
  private long waitTimeNsTotal;
  private long lastWarnNs = System.nanoTime() - WARN_INTERVAL_NS;
  private long exhaustedSinceWarn;

  /** At most one buffer WARN per interval: a full buffer otherwise logs once per send. */
  private static final long WARN_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BufferPool.class);

  public BufferPool(long totalMemoryBytes, int poolableSizeBytes) {
    if (poolableSizeBytes <= 0) {
      throw new IllegalArgumentException("poolableSizeBytes must be > 0: " + poolableSizeBytes);
    }
    this.totalMemoryBytes = totalMemoryBytes;
    this.poolableSizeBytes = poolableSizeBytes;
    this.nonPooledAvailableBytes = totalMemoryBytes;
  }

  /**
   * Returns a cleared heap buffer of exactly {@code sizeBytes} capacity, blocking up to {@code
   * maxBlockMs} for memory to be freed.
   *
   * @throws IllegalArgumentException if {@code sizeBytes} exceeds the whole pool (the caller should
   *     have refused such a record as too large)
   * @throws TimeoutException if the memory did not become available in time
   * @throws ProducerClosedException if the pool is closed while waiting
   */
  public ByteBuffer allocate(int sizeBytes, long maxBlockMs) {
    if (sizeBytes > totalMemoryBytes) {
      throw new IllegalArgumentException(
          "Asked for "
              + sizeBytes
              + " bytes but buffer.memory is only "
              + totalMemoryBytes
              + " bytes");
    }
    long grantedBytes = 0;
    lock.lock();
    try {
      if (closed) {
        throw new ProducerClosedException("Producer closed while allocating buffer memory");
      }
      if (sizeBytes == poolableSizeBytes && !free.isEmpty() && waiters.isEmpty()) {
        return free.pollFirst();
      }
      int freeListBytes = free.size() * poolableSizeBytes;
      if (waiters.isEmpty() && nonPooledAvailableBytes + freeListBytes >= sizeBytes) {
        lockedFreeUp(sizeBytes);
        nonPooledAvailableBytes -= sizeBytes;
        grantedBytes = sizeBytes;
      } else {
        ByteBuffer pooled = lockedWaitForMemory(sizeBytes, maxBlockMs);
        if (pooled != null) {
          return pooled;
        }
        grantedBytes = sizeBytes;
      }
    } finally {
      lockedSignalNextIfMemoryLeft();
      lock.unlock();
    }
    try {
      return ByteBuffer.allocate(sizeBytes);
    } catch (OutOfMemoryError e) {
      // Give the accounting back so the pool does not shrink forever.
      release(grantedBytes);
      throw e;
    }
  }

  private void lockedMaybeWarnExhausted(long maxBlockMs) {
    exhaustedSinceWarn++;
    long now = System.nanoTime();
    if (now - lastWarnNs >= WARN_INTERVAL_NS) {
      log.warn(
          "buffer.memory={} bytes is full of unsent records: {} send(s) failed after waiting"
              + " max.block.ms={} ms in the last {} s; the brokers may be unreachable or slower"
              + " than the send rate",
          totalMemoryBytes,
          exhaustedSinceWarn,
          maxBlockMs,
          TimeUnit.NANOSECONDS.toSeconds(now - lastWarnNs));
      lastWarnNs = now;
      exhaustedSinceWarn = 0;
    }
  }

  /** Waits in FIFO order; returns a pooled buffer, or null when {@code sizeBytes} were reserved. */
  private ByteBuffer lockedWaitForMemory(int sizeBytes, long maxBlockMs) {
    Condition moreMemory = lock.newCondition();
    waiters.addLast(moreMemory);
    long remainingNs = TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
    long accumulatedBytes = 0;
    try {
      while (accumulatedBytes < sizeBytes) {
        long startNs = System.nanoTime();
        boolean timedOut;
        try {
          timedOut = remainingNs <= 0 || !moreMemory.await(remainingNs, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          throw new InterruptException("Interrupted while waiting for buffer memory", e);
        } finally {
          long waitedNs = System.nanoTime() - startNs;
          remainingNs -= waitedNs;
          waitTimeNsTotal += waitedNs;
        }
        if (closed) {
          throw new ProducerClosedException("Producer closed while waiting for buffer memory");
        }
        if (timedOut) {
          exhaustedTotal++;
          lockedMaybeWarnExhausted(maxBlockMs);
          throw new TimeoutException(
              "Failed to allocate "
                  + sizeBytes
                  + " bytes within max.block.ms="
                  + maxBlockMs
                  + " ms: buffer.memory="
                  + totalMemoryBytes
                  + " bytes is full of unsent records (available now: "
                  + lockedAvailableBytes()
                  + " bytes); the brokers may be unreachable or slower than the send rate");
        }
        if (accumulatedBytes == 0 && sizeBytes == poolableSizeBytes && !free.isEmpty()) {
          return free.pollFirst();
        }
        lockedFreeUp(sizeBytes - (int) accumulatedBytes);
        long got = Math.min(sizeBytes - accumulatedBytes, nonPooledAvailableBytes);
        nonPooledAvailableBytes -= got;
        accumulatedBytes += got;
      }
      accumulatedBytes = 0; // fully granted: nothing to give back
      return null;
    } finally {
      nonPooledAvailableBytes += accumulatedBytes;
      waiters.remove(moreMemory);
    }
  }

  /** Moves pooled buffers to the unpooled budget until {@code sizeBytes} could be served. */
  private void lockedFreeUp(int sizeBytes) {
    while (!free.isEmpty() && nonPooledAvailableBytes < sizeBytes) {
      nonPooledAvailableBytes += free.pollLast().capacity();
    }
  }

  private void lockedSignalNextIfMemoryLeft() {
    if (!waiters.isEmpty() && (nonPooledAvailableBytes > 0 || !free.isEmpty())) {
      waiters.peekFirst().signal();
    }
  }

  private void release(long bytes) {
    lock.lock();
    try {
      nonPooledAvailableBytes += bytes;
      lockedSignalNextIfMemoryLeft();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a buffer obtained from {@link #allocate}. Poolable-size buffers are cleared and kept;
   * others are dropped and their bytes returned to the budget.
   */
  public void deallocate(ByteBuffer buffer) {
    lock.lock();
    try {
      if (buffer.capacity() == poolableSizeBytes) {
        buffer.clear();
        free.addFirst(buffer);
      } else {
        nonPooledAvailableBytes += buffer.capacity();
      }
      lockedSignalNextIfMemoryLeft();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter with a {@link ProducerClosedException}; later allocations fail too. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      waiters.forEach(Condition::signal);
    } finally {
      lock.unlock();
    }
  }

  public long totalMemoryBytes() {
    return totalMemoryBytes;
  }

  public int poolableSizeBytes() {
    return poolableSizeBytes;
  }

  /** Unallocated plus pooled-free bytes. */
  public long availableBytes() {
    lock.lock();
    try {
      return lockedAvailableBytes();
    } finally {
      lock.unlock();
    }
  }

  private long lockedAvailableBytes() {
    return nonPooledAvailableBytes + (long) free.size() * poolableSizeBytes;
  }

  /** Threads blocked in {@link #allocate} now. */
  public int waitingThreads() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  /** Allocations that timed out. */
  public long exhaustedTotal() {
    lock.lock();
    try {
      return exhaustedTotal;
    } finally {
      lock.unlock();
    }
  }

  public long waitTimeNsTotal() {
    lock.lock();
    try {
      return waitTimeNsTotal;
    } finally {
      lock.unlock();
    }
  }
}
