package dev.plume.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {

  private final CompressionContext context = new CompressionContext();
  private final RecordBatchReader reader = new RecordBatchReader();

  @AfterEach
  void close() {
    context.close();
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void mixedRecordsSurviveBuildAndRead(CompressionType type) {
    List<TestRecords.Spec> specs = TestRecords.mixedRecords(new Random(1), 500);

    ByteBuffer sealed = TestRecords.build(specs, type, false, context);

    DecodedBatch batch = single(reader.readAll(sealed));
    assertThat(batch.header().compressionType()).isEqualTo(type);
    assertThat(batch.header().recordsCount()).isEqualTo(500);
    assertThat(batch.records()).containsExactlyElementsOf(TestRecords.expected(specs));
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void bigRecordsSpanManyCompressionBlocks(CompressionType type) {
    Random random = new Random(2);
    List<TestRecords.Spec> specs = new ArrayList<>();
    // Compressible and incompressible values bigger than lz4 (64 KiB) and snappy (32 KiB) blocks.
    specs.add(new TestRecords.Spec(1L, null, TestRecords.text(random, 1_000_000), null));
    specs.add(
        new TestRecords.Spec(
            2L, TestRecords.utf8("r"), TestRecords.randomBytes(random, 300_000), null));
    specs.add(new TestRecords.Spec(3L, null, TestRecords.text(random, 70_000), null));

    ByteBuffer sealed = TestRecords.build(specs, type, true, context);

    DecodedBatch batch = single(reader.readAll(sealed));
    assertThat(batch.header().isTransactional()).isTrue();
    assertThat(batch.header().compressionType()).isEqualTo(type);
    assertThat(batch.records()).containsExactlyElementsOf(TestRecords.expected(specs));
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void incompressibleRecordsAreStoredUncompressed(CompressionType type) {
    Random random = new Random(3);
    List<TestRecords.Spec> specs =
        List.of(new TestRecords.Spec(1L, null, TestRecords.randomBytes(random, 5000), null));

    ByteBuffer sealed = TestRecords.build(specs, type, false, context);

    DecodedBatch batch = single(reader.readAll(sealed));
    assertThat(batch.header().compressionType()).isEqualTo(CompressionType.NONE);
    assertThat(batch.records()).containsExactlyElementsOf(TestRecords.expected(specs));
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void severalBatchesInOneBufferAreReadInOrder(CompressionType type) {
    Random random = new Random(4);
    List<TestRecords.Spec> first = TestRecords.mixedRecords(random, 30);
    List<TestRecords.Spec> second = TestRecords.mixedRecords(random, 40);
    ByteBuffer a = TestRecords.build(first, type, false, context);
    ByteBuffer copyA = ByteBuffer.allocate(a.remaining()).put(a).flip();
    ByteBuffer b = TestRecords.build(second, type, false, context);
    ByteBuffer both =
        ByteBuffer.allocate(copyA.remaining() + b.remaining()).put(copyA).put(b).flip();

    List<DecodedBatch> batches = reader.readAll(both);

    assertThat(batches).hasSize(2);
    assertThat(batches.get(0).records()).containsExactlyElementsOf(TestRecords.expected(first));
    assertThat(batches.get(1).records()).containsExactlyElementsOf(TestRecords.expected(second));
  }

  @ParameterizedTest
  @EnumSource(CompressionType.class)
  void splittingKeepsRecordsOrderSequencesAndTheSizeLimit(CompressionType type) {
    List<TestRecords.Spec> specs = TestRecords.mixedRecords(new Random(5), 300);
    ByteBuffer sealed = TestRecords.build(specs, type, false, context);
    RecordBatchBuilder.writeProducerState(sealed, 9L, (short) 2, Integer.MAX_VALUE - 100);

    List<ByteBuffer> pieces = RecordBatchSplitter.split(sealed, 4096, type, context);

    assertThat(pieces.size()).isGreaterThan(5);
    List<DecodedRecord> all = new ArrayList<>();
    int index = 0;
    for (ByteBuffer piece : pieces) {
      assertThat(piece.remaining()).isLessThanOrEqualTo(4096);
      DecodedBatch batch = single(reader.readAll(piece));
      assertThat(batch.header().producerId()).isEqualTo(9L);
      assertThat(batch.header().producerEpoch()).isEqualTo((short) 2);
      assertThat(batch.header().baseSequence())
          .isEqualTo(RecordBatchSplitter.incrementSequence(Integer.MAX_VALUE - 100, index));
      for (DecodedRecord r : batch.records()) {
        TestRecords.Spec s = specs.get(index);
        all.add(s.expected(index));
        assertThat(r).isEqualTo(s.expected(r.offsetDelta()));
        index++;
      }
    }
    assertThat(index).isEqualTo(300);
    assertThat(RecordBatchSplitter.incrementSequence(Integer.MAX_VALUE, 1)).isZero();
  }

  private static DecodedBatch single(List<DecodedBatch> batches) {
    assertThat(batches).hasSize(1);
    return batches.get(0);
  }
}
