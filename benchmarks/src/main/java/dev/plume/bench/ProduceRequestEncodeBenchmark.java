package dev.plume.bench;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.network.BenchEncoderAccess;
import dev.plume.internal.network.RequestEncoder;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestHeader;
import dev.plume.internal.sender.BenchProduceAccess;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.requests.ProduceRequest;
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
 * Encodes one Produce request (v11, acks=all, idempotent producer state) carrying one sealed ~16
 * KiB batch per partition, into what goes to the socket: Plume's request header, body and framing
 * into the connection's reusable encoder with the batches attached by reference (what the I/O
 * thread does per request), against kafka-clients' {@code ProduceRequestData} + {@code
 * ProduceRequest.Builder.build} + {@code toSend(header)} (what its Sender and NetworkClient do).
 * Both attach the record batches without copying them; what is measured is the request around them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProduceRequestEncodeBenchmark {

  private static final short VERSION = 11;
  private static final int BATCH_SIZE = 16 * 1024;
  private static final int RECORDS_PER_BATCH = 150;

  @Param({"1", "6"})
  int partitions;

  private List<ProducerBatch> plumeBatches;
  private ByteBuffer[] plumeSealed;
  private RequestEncoder encoder;
  private int correlationId;

  private List<MemoryRecords> kafkaRecords;

  @Setup(Level.Trial)
  public void setUp() {
    byte[][] values = Payloads.values(1024, 100, 11);
    ClusterSnapshot cluster = BenchBatches.cluster(partitions);
    RecordAccumulator accumulator = BenchBatches.accumulator(BATCH_SIZE);
    plumeBatches = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      plumeBatches.addAll(
          BenchBatches.fillAndDrain(
              accumulator, cluster, p, values, RECORDS_PER_BATCH, null, 1_000));
    }
    plumeSealed = new ByteBuffer[plumeBatches.size()];
    try (CompressionContext context = new CompressionContext()) {
      for (int i = 0; i < plumeSealed.length; i++) {
        plumeSealed[i] = plumeBatches.get(i).sealed(context, 1000L, (short) 0, 0);
      }
    }
    encoder = BenchEncoderAccess.newEncoder(4096);

    kafkaRecords = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      MemoryRecordsBuilder builder =
          MemoryRecords.builder(
              ByteBuffer.allocate(BATCH_SIZE * 2),
              RecordBatch.CURRENT_MAGIC_VALUE,
              Compression.NONE,
              TimestampType.CREATE_TIME,
              0L,
              1_000L,
              1000L,
              (short) 0,
              0,
              false,
              RecordBatch.NO_PARTITION_LEADER_EPOCH);
      for (int i = 0; i < RECORDS_PER_BATCH; i++) {
        builder.append(1_000L, null, values[i % values.length]);
      }
      kafkaRecords.add(builder.build());
    }
  }

  @Benchmark
  public long plume() {
    BenchEncoderAccess.reset(encoder);
    ProtocolWriter writer = encoder.writer();
    int prefix = writer.startSizePrefix();
    new RequestHeader(ApiKey.PRODUCE, VERSION, correlationId++, "bench").write(writer);
    BenchProduceAccess.produceBody((short) -1, 30_000, plumeBatches, plumeSealed)
        .write(encoder, VERSION);
    writer.putInt32At(prefix, writer.position() - prefix - 4);
    long bytes = 0;
    for (ByteBuffer segment : BenchEncoderAccess.segments(encoder)) {
      bytes += segment.remaining();
    }
    return bytes;
  }

  @Benchmark
  public long kafkaClients() {
    ProduceRequestData.TopicProduceDataCollection topics =
        new ProduceRequestData.TopicProduceDataCollection();
    ProduceRequestData.TopicProduceData topic =
        new ProduceRequestData.TopicProduceData().setName(BenchBatches.TOPIC);
    for (int p = 0; p < partitions; p++) {
      topic
          .partitionData()
          .add(
              new ProduceRequestData.PartitionProduceData()
                  .setIndex(p)
                  .setRecords(kafkaRecords.get(p)));
    }
    topics.add(topic);
    ProduceRequest request =
        ProduceRequest.builder(
                new ProduceRequestData()
                    .setAcks((short) -1)
                    .setTimeoutMs(30_000)
                    .setTopicData(topics))
            .build(VERSION);
    Send send =
        request.toSend(
            new org.apache.kafka.common.requests.RequestHeader(
                ApiKeys.PRODUCE, VERSION, "bench", correlationId++));
    return send.size();
  }
}
