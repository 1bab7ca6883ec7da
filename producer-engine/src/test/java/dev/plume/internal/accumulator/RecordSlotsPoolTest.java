package dev.plume.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.Callback;
import dev.plume.producer.RecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RecordSlotsPoolTest {

  @Test
  void aReleasedSetIsHandedOutAgain() {
    RecordSlotsPool pool = new RecordSlotsPool(2);
    RecordSlots first = pool.acquire(100);
    assertThat(first.capacity()).isEqualTo(100);
    pool.release(first);

    assertThat(pool.pooledCount()).isEqualTo(1);
    assertThat(pool.acquire(50)).isSameAs(first);
    assertThat(pool.pooledCount()).isZero();
  }

  @Test
  void keepsAtMostItsBoundAndDropsTheRest() {
    RecordSlotsPool pool = new RecordSlotsPool(1);
    RecordSlots a = pool.acquire(10);
    RecordSlots b = pool.acquire(10);
    pool.release(a);
    pool.release(b);

    assertThat(pool.pooledCount()).isEqualTo(1);
    assertThat(pool.acquire(10)).isSameAs(a);
    assertThat(pool.acquire(10)).isNotSameAs(b);
  }

  @Test
  void neverHandsOutFewerThanTheMinimumAndDoesNotPoolHugeSets() {
    RecordSlotsPool pool = new RecordSlotsPool(4);
    assertThat(pool.acquire(0).capacity()).isEqualTo(RecordSlotsPool.MIN_CAPACITY);

    RecordSlots huge = new RecordSlots(RecordSlotsPool.MAX_POOLED_CAPACITY * 2);
    pool.release(huge);
    assertThat(pool.pooledCount()).isZero();
  }

  @Test
  void setGrowsByDoublingAndKeepsWhatWasStored() {
    RecordSlots slots = new RecordSlots(8);
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    Callback callback = (metadata, error) -> {};
    for (int i = 0; i < 9; i++) {
      slots.set(i, i == 3 ? future : null, i == 8 ? callback : null, 1000L + i, i, 2 * i);
    }

    assertThat(slots.capacity()).isEqualTo(16);
    assertThat(slots.futures[3]).isSameAs(future);
    assertThat(slots.callbacks[8]).isSameAs(callback);
    assertThat(slots.callbacks[2]).isNull();
    assertThat(slots.timestampsMs[8]).isEqualTo(1008L);
    assertThat(slots.keySizes[7]).isEqualTo(7);
    assertThat(slots.valueSizes[7]).isEqualTo(14);
  }

  @Test
  void forgetDropsReferencesSoAPooledSetPinsNoFutureOrCallback() {
    RecordSlots slots = new RecordSlots(8);
    slots.set(0, new CompletableFuture<>(), (m, e) -> {}, 1, 1, 1);
    slots.set(1, new CompletableFuture<>(), null, 1, 1, 1);
    slots.set(2, null, (m, e) -> {}, 1, 1, 1);

    for (int i = 0; i < 3; i++) {
      slots.forget(i);
    }

    assertThat(slots.futures).containsOnlyNulls();
    assertThat(slots.callbacks).containsOnlyNulls();
  }

  @Test
  void copyOfARangeForASplitPiece() {
    RecordSlots source = new RecordSlots(8);
    for (int i = 0; i < 6; i++) {
      source.set(i, null, null, i, i, i);
    }

    RecordSlots piece = new RecordSlots(source, 2, 3);

    assertThat(piece.capacity()).isEqualTo(3);
    assertThat(piece.timestampsMs).containsExactly(2L, 3L, 4L);
    assertThat(piece.callbacks).isNull();
  }
}
