package dev.plume.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.accumulator.AccumulatorConfig;
import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.PartitionState;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.Node;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.Header;
import dev.plume.producer.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A request slot never hands out a batch that was pooled and reused while the slot held it. */
class ProduceRequestSlotTest {

  private static final Node N1 = new Node(1, "b1", 9092);

  private static ClusterSnapshot cluster() {
    List<PartitionState> parts = List.of(new PartitionState("t", 0, 1, 1, List.of(1), List.of(1)));
    return ProducerMetadata.snapshotBuilder().node(N1).topic("t", null, parts).build();
  }

  private static void append(RecordAccumulator acc, String value) {
    acc.append(
        "t",
        0,
        1_000,
        null,
        value.getBytes(StandardCharsets.UTF_8),
        new Header[0],
        new CompletableFuture<>(),
        null,
        0,
        1_000,
        cluster());
  }

  @Test
  void aBatchReusedWhileTheSlotStillListsItIsSkippedNotHandled() {
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(
                1024,
                0,
                10_000,
                new RetryBackoff(100, 1000, () -> 0.5),
                CompressionType.NONE,
                false,
                false,
                0),
            new BufferPool(64 * 1024, 1024));
    ProduceRequestSlot.Pool slots =
        new ProduceRequestSlot.Pool((response, slot) -> {}, (response, slot) -> {}, 4);
    append(acc, "a");
    List<ProducerBatch> drained = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000);
    ProduceRequestSlot slot = slots.acquire();
    slot.fill(drained);
    ProducerBatch batch = drained.get(0);
    int sentUse = batch.generation();
    assertThat(slot.batch(0)).isSameAs(batch);
    assertThat(slot.generation(0)).isEqualTo(sentUse);

    // Released too early (a bug), then reused for a new record.
    batch.complete(0, -1);
    acc.release(batch, sentUse);
    append(acc, "b");
    assertThat(acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000)).containsExactly(batch);

    // Not handed out again, on every later look too; what the request sent is still known.
    assertThat(slot.batch(0)).isNull();
    assertThat(slot.batch(0)).isNull();
    assertThat(slot.generation(0)).isEqualTo(sentUse);
    assertThat(slot.topicPartition(0)).isEqualTo(new TopicPartition("t", 0));
    assertThat(batch.isDone()).as("the new use is left alone").isFalse();
  }
}
