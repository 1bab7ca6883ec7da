package dev.plume.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.plume.logging.LogCapture;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.TimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

  private static final long LONG_WAIT_MS = 60_000;

  /** Spins (no sleep) until {@code condition} holds; fails after 10 s so a bug cannot hang. */
  private static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 10 s");
      }
      Thread.onSpinWait();
    }
  }

  private static CompletableFuture<ByteBuffer> allocateAsync(BufferPool pool, int size) {
    CompletableFuture<ByteBuffer> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(pool.allocate(size, LONG_WAIT_MS));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return result;
  }

  @Test
  void poolableBuffersAreReusedAndCleared() {
    BufferPool pool = new BufferPool(4096, 1024);
    ByteBuffer first = pool.allocate(1024, 0);
    first.put((byte) 7).put((byte) 8);
    pool.deallocate(first);
    ByteBuffer second = pool.allocate(1024, 0);
    assertThat(second).isSameAs(first);
    assertThat(second.position()).isZero();
    assertThat(second.limit()).isEqualTo(1024);
    assertThat(pool.availableBytes()).isEqualTo(3072);
    pool.deallocate(second);
    assertThat(pool.availableBytes()).isEqualTo(4096);
  }

  @Test
  void otherSizesComeFromAndGoBackToTheUnpooledBudget() {
    BufferPool pool = new BufferPool(4096, 1024);
    ByteBuffer pooled = pool.allocate(1024, 0);
    pool.deallocate(pooled); // one free pooled buffer now
    ByteBuffer big = pool.allocate(3500, 0);
    assertThat(big.capacity()).isEqualTo(3500);
    assertThat(pool.availableBytes()).isEqualTo(596);
    ByteBuffer small = pool.allocate(500, 0);
    assertThat(pool.availableBytes()).isEqualTo(96);
    pool.deallocate(big);
    pool.deallocate(small);
    assertThat(pool.availableBytes()).isEqualTo(4096);
  }

  @Test
  void aRequestLargerThanTheWholePoolIsRefused() {
    BufferPool pool = new BufferPool(4096, 1024);
    assertThatThrownBy(() -> pool.allocate(5000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5000")
        .hasMessageContaining("4096");
  }

  @Test
  void aTimeoutNamesTheSizeTheLimitAndMaxBlockMs() {
    BufferPool pool = new BufferPool(2048, 1024);
    ByteBuffer a = pool.allocate(1024, 0);
    ByteBuffer b = pool.allocate(1024, 0);
    try (LogCapture logs = LogCapture.of(BufferPool.class)) {
      assertThatThrownBy(() -> pool.allocate(1024, 0)).isInstanceOf(TimeoutException.class);
      assertThat(logs.messages(Level.WARN))
          .singleElement()
          .asString()
          .contains("buffer.memory=2048", "1 send(s) failed", "max.block.ms=0");
    }
    assertThatThrownBy(() -> pool.allocate(1024, 0))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("1024 bytes")
        .hasMessageContaining("max.block.ms=0")
        .hasMessageContaining("buffer.memory=2048");
    try (LogCapture logs = LogCapture.of(BufferPool.class)) {
      assertThatThrownBy(() -> pool.allocate(1024, 5)).isInstanceOf(TimeoutException.class);
      assertThatThrownBy(() -> pool.allocate(1024, 0)).isInstanceOf(TimeoutException.class);
      // One WARN per interval, not one per failed send.
      assertThat(logs.messages(Level.WARN)).isEmpty(); // the first timeout above already warned
    }
    assertThat(pool.exhaustedTotal()).isEqualTo(4);
    assertThat(pool.waitingThreads()).isZero();
    pool.deallocate(a);
    pool.deallocate(b);
    assertThat(pool.availableBytes()).isEqualTo(2048);
  }

  @Test
  void waitersAreServedFirstComeFirstServedSoSmallRequestsCannotStarveALargeOne() throws Exception {
    BufferPool pool = new BufferPool(2048, 1024);
    ByteBuffer a = pool.allocate(1024, 0);
    ByteBuffer b = pool.allocate(1024, 0);
    CompletableFuture<ByteBuffer> large = allocateAsync(pool, 2048);
    awaitCondition(() -> pool.waitingThreads() == 1);
    CompletableFuture<ByteBuffer> small = allocateAsync(pool, 1024);
    awaitCondition(() -> pool.waitingThreads() == 2);
    pool.deallocate(a); // enough for the small request, but the large one is first in line
    pool.deallocate(b);
    ByteBuffer largeBuffer = large.get(10, TimeUnit.SECONDS);
    assertThat(largeBuffer.capacity()).isEqualTo(2048);
    assertThat(small).isNotDone(); // all memory is with the large request now
    assertThat(pool.waitingThreads()).isEqualTo(1);
    assertThat(pool.availableBytes()).isZero();
    pool.deallocate(largeBuffer);
    assertThat(small.get(10, TimeUnit.SECONDS).capacity()).isEqualTo(1024);
    assertThat(pool.waitingThreads()).isZero();
    assertThat(pool.availableBytes()).isEqualTo(1024);
  }

  @Test
  void aWaiterThatTimesOutGivesBackWhatItHadGathered() throws Exception {
    BufferPool pool = new BufferPool(2048, 1024);
    ByteBuffer a = pool.allocate(1024, 0);
    ByteBuffer b = pool.allocate(1024, 0);
    CompletableFuture<ByteBuffer> large = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                large.complete(pool.allocate(2048, 300));
              } catch (Throwable e) {
                large.completeExceptionally(e);
              }
            });
    t.start();
    awaitCondition(() -> pool.waitingThreads() == 1);
    pool.deallocate(a); // the waiter gathers these 1024 bytes, then times out
    t.join(10_000);
    assertThatThrownBy(large::get).hasCauseInstanceOf(TimeoutException.class);
    assertThat(pool.waitingThreads()).isZero();
    assertThat(pool.availableBytes()).isEqualTo(1024);
    pool.deallocate(b);
    assertThat(pool.availableBytes()).isEqualTo(2048);
    assertThat(pool.allocate(2048, 0).capacity()).isEqualTo(2048);
  }

  @Test
  void closeWakesEveryWaiterWithProducerClosedException() throws Exception {
    BufferPool pool = new BufferPool(1024, 1024);
    ByteBuffer only = pool.allocate(1024, 0);
    CompletableFuture<ByteBuffer> w1 = allocateAsync(pool, 1024);
    CompletableFuture<ByteBuffer> w2 = allocateAsync(pool, 512);
    awaitCondition(() -> pool.waitingThreads() == 2);
    pool.close();
    for (CompletableFuture<ByteBuffer> w : List.of(w1, w2)) {
      assertThatThrownBy(() -> w.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ProducerClosedException.class)
          .hasMessageContaining("closed");
    }
    awaitCondition(() -> pool.waitingThreads() == 0);
    assertThatThrownBy(() -> pool.allocate(10, 0)).isInstanceOf(ProducerClosedException.class);
    pool.deallocate(only);
    assertThat(pool.availableBytes()).isEqualTo(1024);
  }

  @Test
  void randomAllocationsAlwaysReturnAllTheMemory() {
    BufferPool pool = new BufferPool(10_000, 1000);
    Random random = new Random(42);
    List<ByteBuffer> held = new ArrayList<>();
    long heldBytes = 0;
    for (int step = 0; step < 5_000; step++) {
      if (!held.isEmpty() && (random.nextBoolean() || heldBytes > 8_000)) {
        ByteBuffer b = held.remove(random.nextInt(held.size()));
        heldBytes -= b.capacity();
        pool.deallocate(b);
      } else {
        int size = random.nextInt(3) == 0 ? 1000 : 1 + random.nextInt(1500);
        if (size <= 10_000 - heldBytes) {
          ByteBuffer b = pool.allocate(size, 0);
          assertThat(b.capacity()).isEqualTo(size);
          held.add(b);
          heldBytes += size;
        }
      }
      assertThat(pool.availableBytes()).isEqualTo(10_000 - heldBytes);
    }
    held.forEach(pool::deallocate);
    assertThat(pool.availableBytes()).isEqualTo(10_000);
  }
}
