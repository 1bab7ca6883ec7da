package dev.plume.bench;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.producer.RecordMetadata;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One acknowledged batch of {@code records} 100 B records, from the first append to the last
 * callback: each record is appended with its callback (and, as {@code send} makes one, its future),
 * the batch is closed, then completed with a base offset as the I/O thread does on a Produce
 * response (a {@code RecordMetadata} per record, callback run, future completed). The append part
 * alone is {@link RecordAppendBenchmark} (per record), so completion fan-out = this minus {@code
 * records} x append. Both clients use one shared callback object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CompletionFanoutBenchmark {

  private static final int BATCH_SIZE = 128 * 1024;
  private static final org.apache.kafka.common.header.Header[] KAFKA_NO_HEADERS =
      new org.apache.kafka.common.header.Header[0];

  @Param({"150", "1000"})
  int records;

  private byte[][] values;
  private ClusterSnapshot cluster;
  private RecordAccumulator accumulator;
  private long offset;
  private ByteBuffer kafkaBuffer;
  private final TopicPartition kafkaPartition = new TopicPartition(BenchBatches.TOPIC, 0);

  /** Counts completions so the JIT cannot drop the callback work. */
  static final class CountingCallback
      implements dev.plume.producer.Callback, org.apache.kafka.clients.producer.Callback {
    long completed;

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      completed += metadata.offset();
    }

    @Override
    public void onCompletion(
        org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
      completed += metadata.offset();
    }
  }

  private final CountingCallback callback = new CountingCallback();

  @Setup(Level.Trial)
  public void setUp() {
    values = Payloads.values(1024, 100, 13);
    cluster = BenchBatches.cluster(1);
    accumulator = BenchBatches.accumulator(BATCH_SIZE);
    kafkaBuffer = ByteBuffer.allocate(BATCH_SIZE);
  }

  @Benchmark
  public long plume() {
    List<ProducerBatch> batches =
        BenchBatches.fillAndDrain(accumulator, cluster, 0, values, records, callback, 1_000);
    for (ProducerBatch batch : batches) {
      batch.complete(offset, -1);
      offset += batch.recordCount();
      accumulator.deallocate(batch);
    }
    return callback.completed;
  }

  @Benchmark
  public void kafkaClients(Blackhole blackhole) {
    kafkaBuffer.clear();
    org.apache.kafka.clients.producer.internals.ProducerBatch batch =
        new org.apache.kafka.clients.producer.internals.ProducerBatch(
            kafkaPartition,
            MemoryRecords.builder(kafkaBuffer, Compression.NONE, TimestampType.CREATE_TIME, 0L),
            1_000L);
    for (int i = 0; i < records; i++) {
      blackhole.consume(
          batch.tryAppend(
              1_000L, null, values[i % values.length], KAFKA_NO_HEADERS, callback, 1_000L));
    }
    batch.closeForRecordAppends();
    batch.complete(offset, -1L);
    offset += records;
    blackhole.consume(batch.isDone());
    blackhole.consume(callback.completed);
  }
}
