package dev.plume.internal.record;

import static dev.plume.internal.record.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchBuilderTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void singleRecordBatchMatchesTheReferenceVectorByteForByte() {
    RecordBatchBuilder builder = TestRecords.builder(1024, CompressionType.NONE, false);
    assertThat(builder.tryAppend(5L, utf8("k"), utf8("v"), null)).isTrue();

    ByteBuffer sealed = builder.seal(null);

    String expected =
        "0000000000000000"
            + "0000003a"
            + "ffffffff"
            + "02"
            + "23f463e1"
            + "0000"
            + "00000000"
            + "0000000000000005"
            + "0000000000000005"
            + "ffffffffffffffff"
            + "ffff"
            + "ffffffff"
            + "00000001"
            + "10000000026b027600";
    assertThat(HEX.formatHex(bytes(sealed))).isEqualTo(expected);
    assertThat(sealed.remaining()).isEqualTo(70);
    assertThat(builder.sizeInBytes()).isEqualTo(70);
  }

  @Test
  void recordWithNullKeyAndOneHeaderMatchesTheReferenceEncoding() {
    RecordBatchBuilder builder = TestRecords.builder(1024, CompressionType.NONE, false);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);
    builder.tryAppend(10L, null, utf8("value-2"), new Header[] {new Header("h", utf8("x"))});

    ByteBuffer sealed = builder.seal(null);

    byte[] all = bytes(sealed);
    String secondRecord = HEX.formatHex(all, 70, all.length);
    assertThat(secondRecord)
        .isEqualTo("22000a0201" + "0e" + HEX.formatHex(utf8("value-2")) + "0202680278");
    assertThat(RecordBatchHeader.read(sealed, 0).maxTimestamp()).isEqualTo(10L);
    assertThat(RecordBatchHeader.read(sealed, 0).lastOffsetDelta()).isEqualTo(1);
  }

  @Test
  void refusesARecordThatDoesNotFitWithoutWritingAnything() {
    // 61-byte header + 9-byte record of the reference vector = 70: exactly full.
    RecordBatchBuilder builder = TestRecords.builder(70, CompressionType.NONE, false);
    assertThat(builder.tryAppend(5L, utf8("k"), utf8("v"), null)).isTrue();
    assertThat(builder.remainingBytes()).isZero();

    assertThat(builder.tryAppend(6L, utf8("k"), utf8("v"), null)).isFalse();

    assertThat(builder.recordCount()).isEqualTo(1);
    assertThat(builder.sizeInBytes()).isEqualTo(70);
    assertThat(builder.maxTimestamp()).isEqualTo(5L);
  }

  @Test
  void refusesEvenTheFirstRecordOfAnEmptyBatchWhenItDoesNotFit() {
    RecordBatchBuilder builder = TestRecords.builder(100, CompressionType.NONE, false);

    assertThat(builder.tryAppend(1L, null, new byte[100], null)).isFalse();

    assertThat(builder.isEmpty()).isTrue();
    int needed = RecordBatchBuilder.estimateSizeInBytes(-1, 100, null);
    RecordBatchBuilder bigger = TestRecords.builder(needed, CompressionType.NONE, false);
    assertThat(bigger.tryAppend(1L, null, new byte[100], null)).isTrue();
  }

  @Test
  void estimateIsAnUpperBoundOfTheRealSize() {
    Header[] headers = {new Header("a", new byte[3]), new Header("ü", null)};
    RecordBatchBuilder builder = TestRecords.builder(1 << 16, CompressionType.NONE, false);
    builder.tryAppend(0L, null, null, null);
    int before = builder.sizeInBytes();
    builder.tryAppend(Long.MIN_VALUE / 2, new byte[7], new byte[300], headers);

    assertThat(builder.sizeInBytes() - before)
        .isLessThanOrEqualTo(RecordBatchBuilder.recordSizeUpperBound(7, 300, headers));
  }

  @Test
  void appendsSlicesOfLargerArrays() {
    byte[] key = utf8("xxKEYxx");
    byte[] value = utf8("--value--");
    RecordBatchBuilder builder = TestRecords.builder(512, CompressionType.NONE, false);
    builder.tryAppend(3L, key, 2, 3, value, 2, 5, null);

    List<DecodedRecord> records =
        new RecordBatchReader().readAll(builder.seal(null)).get(0).records();

    assertThat(records.get(0).key()).isEqualTo(utf8("KEY"));
    assertThat(records.get(0).value()).isEqualTo(utf8("value"));
  }

  @Test
  void writesBatchesAtTheBufferPositionAndLeavesTheRestAlone() {
    ByteBuffer buffer = ByteBuffer.allocate(300);
    buffer.position(100).limit(250);
    RecordBatchBuilder builder = new RecordBatchBuilder(buffer, CompressionType.NONE, true);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);

    ByteBuffer sealed = builder.seal(null);

    assertThat(sealed).isSameAs(buffer);
    assertThat(sealed.position()).isEqualTo(100);
    assertThat(sealed.limit()).isEqualTo(170);
    assertThat(buffer.array()[99]).isZero();
    DecodedBatch batch = new RecordBatchReader().readAll(sealed).get(0);
    assertThat(batch.header().isTransactional()).isTrue();
  }

  @Test
  void producerStateIsPatchedInPlaceWithAValidCrc() {
    RecordBatchBuilder builder = TestRecords.builder(512, CompressionType.NONE, false);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);
    ByteBuffer sealed = builder.seal(null);

    RecordBatchBuilder.writeProducerState(sealed, 42L, (short) 7, 1000);

    RecordBatchHeader header = RecordBatchReader.validateHeader(sealed);
    assertThat(header.producerId()).isEqualTo(42L);
    assertThat(header.producerEpoch()).isEqualTo((short) 7);
    assertThat(header.baseSequence()).isEqualTo(1000);
    assertThat(sealed.position()).isZero();
    assertThat(sealed.limit()).isEqualTo(70);
  }

  @Test
  void sealingTwiceOrEmptyOrAppendingAfterSealFails() {
    RecordBatchBuilder empty = TestRecords.builder(512, CompressionType.NONE, false);
    assertThatThrownBy(() -> empty.seal(null)).isInstanceOf(IllegalStateException.class);

    RecordBatchBuilder builder = TestRecords.builder(512, CompressionType.NONE, false);
    builder.tryAppend(1L, null, null, null);
    builder.seal(null);
    assertThatThrownBy(() -> builder.seal(null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder.tryAppend(1L, null, null, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesBuffersItCannotWriteThrough() {
    assertThatThrownBy(
            () ->
                new RecordBatchBuilder(ByteBuffer.allocateDirect(100), CompressionType.NONE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap");
    assertThatThrownBy(
            () -> new RecordBatchBuilder(ByteBuffer.allocate(60), CompressionType.NONE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("61");
  }

  @Test
  void keepsTheBatchUncompressedWhenCompressionDoesNotShrinkIt() {
    RecordBatchBuilder builder = TestRecords.builder(512, CompressionType.GZIP, false);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);

    try (CompressionContext context = new CompressionContext()) {
      ByteBuffer sealed = builder.seal(context);

      assertThat(builder.sealedCompressionType()).isEqualTo(CompressionType.NONE);
      assertThat(RecordBatchReader.validateHeader(sealed).compressionType())
          .isEqualTo(CompressionType.NONE);
      assertThat(sealed.remaining()).isEqualTo(70);
    }
  }

  @Test
  void resetReusesTheBuilderForANewBatch() {
    RecordBatchBuilder builder = TestRecords.builder(512, CompressionType.NONE, false);
    builder.tryAppend(5L, utf8("a"), utf8("b"), null);
    builder.seal(null);

    builder.reset(ByteBuffer.allocate(512), CompressionType.NONE, false);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);

    assertThat(builder.recordCount()).isEqualTo(1);
    assertThat(HEX.formatHex(bytes(builder.seal(null)))).contains("23f463e1");
  }

  @Test
  void appendAllocatesNothingPerRecord() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] key = utf8("key");
    byte[] value = new byte[100];
    Header[] headers = {new Header("h1", utf8("v1")), new Header("hé", null)};
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    RecordBatchBuilder builder = new RecordBatchBuilder(buffer, CompressionType.NONE, false);
    appendMany(builder, buffer, key, value, headers, 20_000); // warm up
    long threadId = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(threadId);
    appendMany(builder, buffer, key, value, headers, 20_000);
    long allocated = threads.getThreadAllocatedBytes(threadId) - before;

    // Only the measurement itself may allocate a little; 20,000 appends must not add to it.
    assertThat(allocated).isLessThan(2_000);
  }

  private static void appendMany(
      RecordBatchBuilder builder,
      ByteBuffer buffer,
      byte[] key,
      byte[] value,
      Header[] headers,
      int n) {
    for (int i = 0; i < n; i++) {
      if (!builder.tryAppend(i, key, value, headers)) {
        buffer.clear();
        builder.reset(buffer, CompressionType.NONE, false);
        builder.tryAppend(i, key, value, headers);
      }
    }
  }

  private static byte[] bytes(ByteBuffer batch) {
    byte[] out = new byte[batch.remaining()];
    batch.duplicate().get(out);
    return out;
  }
}
