package dev.plume.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** kafka-clients as the oracle: it must accept our batches, and we must read its batches. */
class KafkaClientsInteropTest {

  static Stream<Arguments> codecsAndModes() {
    List<Arguments> args = new ArrayList<>();
    for (CompressionType type : CompressionType.values()) {
      args.add(Arguments.of(type, false, false));
      args.add(Arguments.of(type, false, true));
      args.add(Arguments.of(type, true, true));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} transactional={1} idempotent={2}")
  @MethodSource("codecsAndModes")
  void kafkaClientsValidatesAndReadsOurBatches(
      CompressionType type, boolean transactional, boolean idempotent) {
    List<TestRecords.Spec> specs = TestRecords.mixedRecords(new Random(7), 200);
    try (CompressionContext context = new CompressionContext()) {
      ByteBuffer sealed = TestRecords.build(specs, type, transactional, context);
      if (idempotent) {
        RecordBatchBuilder.writeProducerState(sealed, 123_456L, (short) 3, 77);
      }

      List<MutableRecordBatch> batches = new ArrayList<>();
      MemoryRecords.readableRecords(sealed.duplicate()).batches().forEach(batches::add);

      assertThat(batches).hasSize(1);
      MutableRecordBatch batch = batches.get(0);
      batch.ensureValid();
      assertThat(batch.magic()).isEqualTo(RecordBatch.MAGIC_VALUE_V2);
      assertThat((int) batch.compressionType().id).isEqualTo(type.id());
      assertThat(batch.isTransactional()).isEqualTo(transactional);
      assertThat(batch.producerId()).isEqualTo(idempotent ? 123_456L : -1L);
      assertThat(batch.producerEpoch()).isEqualTo(idempotent ? (short) 3 : (short) -1);
      assertThat(batch.baseSequence()).isEqualTo(idempotent ? 77 : -1);
      assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
      assertThat(batch.countOrNull()).isEqualTo(200);
      assertThat(batch.lastOffset()).isEqualTo(199L);
      assertThat(batch.maxTimestamp())
          .isEqualTo(specs.stream().mapToLong(TestRecords.Spec::timestampMs).max().orElseThrow());
      assertThat(decode(batch)).containsExactlyElementsOf(TestRecords.expected(specs));
    }
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void weReadBatchesBuiltByKafkaClients(CompressionType type) {
    List<TestRecords.Spec> specs = TestRecords.mixedRecords(new Random(8), 200);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            buffer,
            RecordBatch.CURRENT_MAGIC_VALUE,
            Compression.of(org.apache.kafka.common.record.CompressionType.forId(type.id())).build(),
            TimestampType.CREATE_TIME,
            0L,
            RecordBatch.NO_TIMESTAMP,
            555L,
            (short) 4,
            12,
            true,
            RecordBatch.NO_PARTITION_LEADER_EPOCH);
    for (TestRecords.Spec s : specs) {
      builder.append(s.timestampMs(), s.key(), s.value(), kafkaHeaders(s.headers()));
    }
    ByteBuffer kafkaBatch = builder.build().buffer();

    List<DecodedBatch> ours = new RecordBatchReader().readAll(kafkaBatch);

    assertThat(ours).hasSize(1);
    RecordBatchHeader header = ours.get(0).header();
    assertThat(header.compressionType()).isEqualTo(type);
    assertThat(header.producerId()).isEqualTo(555L);
    assertThat(header.producerEpoch()).isEqualTo((short) 4);
    assertThat(header.baseSequence()).isEqualTo(12);
    assertThat(header.isTransactional()).isTrue();
    assertThat(ours.get(0).records()).containsExactlyElementsOf(TestRecords.expected(specs));
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionType.class,
      names = {"GZIP", "LZ4", "ZSTD"})
  void nonDefaultLevelsProduceBatchesKafkaClientsAccepts(CompressionType type) {
    List<TestRecords.Spec> specs = TestRecords.mixedRecords(new Random(9), 100);
    CompressionLevels[] levelSets = {
      new CompressionLevels(1, 1, -5),
      new CompressionLevels(9, 17, 19),
      new CompressionLevels(5, 4, 1)
    };
    for (CompressionLevels levels : levelSets) {
      try (CompressionContext context = new CompressionContext(levels)) {
        ByteBuffer sealed = TestRecords.build(specs, type, false, context);
        MutableRecordBatch batch =
            MemoryRecords.readableRecords(sealed.duplicate()).batches().iterator().next();
        batch.ensureValid();
        assertThat((int) batch.compressionType().id).isEqualTo(type.id());
        assertThat(decode(batch)).containsExactlyElementsOf(TestRecords.expected(specs));
      }
    }
  }

  private static org.apache.kafka.common.header.Header[] kafkaHeaders(Header[] headers) {
    if (headers == null) {
      return new org.apache.kafka.common.header.Header[0];
    }
    org.apache.kafka.common.header.Header[] out =
        new org.apache.kafka.common.header.Header[headers.length];
    for (int i = 0; i < headers.length; i++) {
      out[i] = new RecordHeader(headers[i].key(), headers[i].value());
    }
    return out;
  }

  private static List<DecodedRecord> decode(RecordBatch batch) {
    List<DecodedRecord> records = new ArrayList<>();
    for (Record r : batch) {
      r.ensureValid();
      List<Header> headers = new ArrayList<>();
      for (org.apache.kafka.common.header.Header h : r.headers()) {
        headers.add(new Header(h.key(), h.value()));
      }
      records.add(
          new DecodedRecord(
              (int) (r.offset() - batch.baseOffset()),
              r.timestamp(),
              r.hasKey() ? Utils.toArray(r.key()) : null,
              r.hasValue() ? Utils.toArray(r.value()) : null,
              headers));
    }
    return records;
  }
}
