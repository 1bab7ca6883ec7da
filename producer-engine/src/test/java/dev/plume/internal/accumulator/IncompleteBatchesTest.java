package dev.plume.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.TopicPartition;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IncompleteBatchesTest {

  private final RecordSlotsPool slots = new RecordSlotsPool(4);

  private ProducerBatch batch() {
    return new ProducerBatch(
        new TopicPartition("t", 0),
        ByteBuffer.allocate(1024),
        CompressionType.NONE,
        false,
        slots,
        8,
        1_000);
  }

  @Test
  void keepsTheBatchesOldestFirstAndRemovesEachOnceFromAnyPosition() {
    IncompleteBatches list = new IncompleteBatches();
    ProducerBatch a = batch();
    ProducerBatch b = batch();
    ProducerBatch c = batch();
    ProducerBatch d = batch();
    assertThat(list.isEmpty()).isTrue();
    list.add(a);
    list.add(b);
    list.add(c);
    list.add(d);
    assertThat(list.snapshot()).containsExactly(a, b, c, d);

    assertThat(list.remove(b)).isTrue(); // middle
    assertThat(list.remove(b)).isFalse(); // a second finish of the same batch
    assertThat(list.snapshot()).containsExactly(a, c, d);
    assertThat(list.remove(d)).isTrue(); // newest
    assertThat(list.remove(a)).isTrue(); // oldest
    assertThat(list.snapshot()).containsExactly(c);
    assertThat(list.isEmpty()).isFalse();

    list.add(b); // a removed batch may come back (a pooled batch, reused)
    assertThat(list.snapshot()).containsExactly(c, b);
    assertThat(list.remove(c)).isTrue();
    assertThat(list.remove(b)).isTrue();
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.snapshot()).isEmpty();
  }

  @Test
  void aBatchCannotBeListedTwice() {
    IncompleteBatches list = new IncompleteBatches();
    ProducerBatch a = batch();
    list.add(a);
    assertThatThrownBy(() -> list.add(a)).isInstanceOf(IllegalStateException.class);
    assertThat(list.snapshot()).containsExactly(a);
  }
}
