package dev.plume.bench;

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
import dev.plume.producer.Callback;
import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Plume batches filled through the public accumulator API, for the benchmarks that need them. */
final class BenchBatches {

  static final String TOPIC = "bench";
  static final Node LEADER = new Node(1, "localhost", 9092);
  private static final Header[] NO_HEADERS = new Header[0];

  private BenchBatches() {}

  /** One topic whose {@code partitions} partitions are all led by {@link #LEADER}. */
  static ClusterSnapshot cluster(int partitions) {
    List<PartitionState> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new PartitionState(TOPIC, p, LEADER.id(), 1, List.of(1), List.of(1)));
    }
    return ProducerMetadata.snapshotBuilder().node(LEADER).topic(TOPIC, null, parts).build();
  }

  static RecordAccumulator accumulator(int batchSizeBytes) {
    return new RecordAccumulator(
        new AccumulatorConfig(
            batchSizeBytes,
            0,
            120_000,
            RetryBackoff.withJitter(100, 1000),
            CompressionType.NONE,
            false,
            false,
            0),
        new BufferPool(64L * 1024 * 1024, batchSizeBytes));
  }

  /**
   * Appends {@code values} to partition {@code partition} (a future per record, as {@code send}
   * makes, and the shared {@code callback} when not null), then drains what the leader can take.
   */
  static List<ProducerBatch> fillAndDrain(
      RecordAccumulator accumulator,
      ClusterSnapshot cluster,
      int partition,
      byte[][] values,
      int count,
      Callback callback,
      long nowMs) {
    for (int i = 0; i < count; i++) {
      CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
      accumulator.append(
          TOPIC,
          partition,
          nowMs,
          null,
          values[i % values.length],
          NO_HEADERS,
          future,
          callback,
          0,
          nowMs,
          cluster);
    }
    return accumulator.drain(cluster, LEADER, Integer.MAX_VALUE, b -> true, nowMs);
  }
}
