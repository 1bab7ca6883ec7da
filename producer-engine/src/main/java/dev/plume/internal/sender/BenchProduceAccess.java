package dev.plume.internal.sender;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.network.RequestBody;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Benchmark hook: the package-private Produce request body for the JMH benchmarks in the benchmarks
 * module. Public only for that module; this package is internal, not API.
 */
public final class BenchProduceAccess {

  private BenchProduceAccess() {}

  public static RequestBody produceBody(
      short acks, int timeoutMs, List<ProducerBatch> batchesGroupedByTopic, ByteBuffer[] sealed) {
    return new ProduceRequestBody(
        null,
        acks,
        timeoutMs,
        batchesGroupedByTopic.toArray(new ProducerBatch[batchesGroupedByTopic.size()]),
        sealed);
  }
}
