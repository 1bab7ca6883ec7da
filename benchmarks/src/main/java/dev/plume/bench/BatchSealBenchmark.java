package dev.plume.bench;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds and seals one batch of {@value #RECORDS} records of 100 B (about 16 KiB uncompressed) per
 * codec. Kafka-clients compresses while appending (a stream per batch), Plume at seal time (one
 * block call per batch), so the comparable unit is the whole batch: append all records, then seal /
 * close. Divide ns/op and B/op by {@value #RECORDS} for per-record figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BatchSealBenchmark {

  static final int RECORDS = 150;
  private static final int VALUE_SIZE = 100;
  private static final int POOL = 1024;

  @Param({"none", "gzip", "snappy", "lz4", "zstd"})
  String codec;

  private byte[][] values;
  private int next;
  private long timestampMs;
  private CompressionType plumeType;
  private CompressionContext plumeContext;
  private ByteBuffer plumeBuffer;
  private RecordBatchBuilder plumeBuilder;
  private Compression kafkaCompression;
  private ByteBuffer kafkaBuffer;

  @Setup(Level.Trial)
  public void setUp() {
    values = Payloads.values(POOL, VALUE_SIZE, 7);
    timestampMs = System.currentTimeMillis();
    plumeType = CompressionType.forConfigName(codec);
    plumeContext = new CompressionContext();
    plumeBuffer = ByteBuffer.allocate(32 * 1024);
    plumeBuilder = new RecordBatchBuilder(plumeBuffer, plumeType, false);
    kafkaCompression = Compression.of(codec).build();
    kafkaBuffer = ByteBuffer.allocate(32 * 1024);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plumeContext.close();
  }

  @Benchmark
  public int plume() {
    plumeBuffer.clear();
    plumeBuilder.reset(plumeBuffer, plumeType, false);
    for (int i = 0; i < RECORDS; i++) {
      byte[] value = values[next];
      next = (next + 1) & (POOL - 1);
      plumeBuilder.tryAppend(timestampMs + i, null, value, null);
    }
    return plumeBuilder.seal(plumeContext).remaining();
  }

  @Benchmark
  public int kafkaClients() {
    kafkaBuffer.clear();
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(kafkaBuffer, kafkaCompression, TimestampType.CREATE_TIME, 0L);
    for (int i = 0; i < RECORDS; i++) {
      byte[] value = values[next];
      next = (next + 1) & (POOL - 1);
      builder.append(timestampMs + i, null, value);
    }
    builder.close();
    return builder.buffer().position();
  }
}
