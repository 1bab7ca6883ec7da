package dev.plume.sender;

import dev.plume.accumulator.ProducerBatch;
import dev.plume.network.RequestBody;
import java.nio.ByteBuffer;
import java.util.List;

/** Benchmark-only access to the engine's package-private Produce request body (same package). */
public final class BenchProduceAccess {

  private BenchProduceAccess() {}

  public static RequestBody produceBody(
      short acks, int timeoutMs, List<ProducerBatch> batchesGroupedByTopic, ByteBuffer[] sealed) {
    return new ProduceRequestBody(null, acks, timeoutMs, batchesGroupedByTopic, sealed);
  }
}
