package dev.plume.bench;

import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.record.RecordBatchBuilder;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
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

/**
 * One record appended into an open, uncompressed 16 KiB batch (batch.size default): Plume's {@link
 * RecordBatchBuilder#tryAppend} against kafka-clients' {@code hasRoomFor} + {@code append} (what
 * its ProducerBatch.tryAppend does). When the batch is full, both start a new batch over the same
 * buffer; that cost is amortised over the ~15-140 records per batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecordAppendBenchmark {

  private static final int BATCH_SIZE = 16 * 1024;
  private static final int POOL = 1024;

  @Param({"100", "1000"})
  int valueSize;

  @Param({"0", "2"})
  int headerCount;

  private byte[][] values;
  private Header[] plumeHeaders;
  private org.apache.kafka.common.header.Header[] kafkaHeaders;
  private int next;
  private long timestampMs;

  private ByteBuffer plumeBuffer;
  private RecordBatchBuilder plumeBuilder;

  private ByteBuffer kafkaBuffer;
  private MemoryRecordsBuilder kafkaBuilder;

  @Setup(Level.Trial)
  public void setUp() {
    values = Payloads.values(POOL, valueSize, 42);
    plumeHeaders = new Header[headerCount];
    kafkaHeaders = new org.apache.kafka.common.header.Header[headerCount];
    for (int i = 0; i < headerCount; i++) {
      byte[] value = Payloads.utf8("header-value-" + i);
      plumeHeaders[i] = new Header("header-" + i, value);
      kafkaHeaders[i] = new RecordHeader("header-" + i, value);
    }
    timestampMs = System.currentTimeMillis();
    plumeBuffer = ByteBuffer.allocate(BATCH_SIZE);
    plumeBuilder = new RecordBatchBuilder(plumeBuffer, CompressionType.NONE, false);
    kafkaBuffer = ByteBuffer.allocate(BATCH_SIZE);
    kafkaBuilder = newKafkaBuilder();
  }

  private MemoryRecordsBuilder newKafkaBuilder() {
    kafkaBuffer.clear();
    return MemoryRecords.builder(kafkaBuffer, Compression.NONE, TimestampType.CREATE_TIME, 0L);
  }

  private byte[] nextValue() {
    byte[] value = values[next];
    next = (next + 1) & (POOL - 1);
    return value;
  }

  @Benchmark
  public int plume() {
    byte[] value = nextValue();
    long ts = timestampMs + (next & 7);
    if (!plumeBuilder.tryAppend(ts, null, value, plumeHeaders)) {
      plumeBuffer.clear();
      plumeBuilder.reset(plumeBuffer, CompressionType.NONE, false);
      plumeBuilder.tryAppend(ts, null, value, plumeHeaders);
    }
    return plumeBuilder.recordCount();
  }

  @Benchmark
  public int kafkaClients() {
    byte[] value = nextValue();
    long ts = timestampMs + (next & 7);
    if (!kafkaBuilder.hasRoomFor(ts, (byte[]) null, value, kafkaHeaders)) {
      kafkaBuilder = newKafkaBuilder();
    }
    kafkaBuilder.append(ts, null, value, kafkaHeaders);
    return kafkaBuilder.numRecords();
  }
}
