package dev.plume.internal.record;

import static dev.plume.internal.record.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Specific defects get specific messages; the fuzz test covers the rest. */
class RecordBatchReaderTest {

  private final RecordBatchReader reader = new RecordBatchReader();

  @Test
  void emptyInputHasNoBatches() {
    assertThat(reader.readAll(ByteBuffer.allocate(0))).isEmpty();
  }

  @Test
  void refusesTruncatedInput() {
    byte[] batch = referenceBatch();

    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch, 0, 11)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("Truncated batch: 11 bytes left");
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch, 0, 69)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("batch length 58 but only 57 bytes follow");
  }

  @Test
  void refusesNegativeAndTooSmallBatchLengths() {
    byte[] batch = referenceBatch();
    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.BATCH_LENGTH_OFFSET, -5);

    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("Batch length -5 is below the minimum of 49");
  }

  @Test
  void refusesOtherMagicsAndBadCrcs() {
    byte[] magic1 = referenceBatch();
    magic1[RecordBatchLayout.MAGIC_OFFSET] = 1;
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(magic1)))
        .hasMessageContaining("Unsupported batch magic 1");

    byte[] flipped = referenceBatch();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(flipped)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("CRC mismatch");
  }

  @Test
  void partitionLeaderEpochAndBaseOffsetAreOutsideTheCrc() {
    byte[] batch = referenceBatch();
    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET, 7);

    assertThat(reader.readAll(ByteBuffer.wrap(batch)).get(0).header().partitionLeaderEpoch())
        .isEqualTo(7);
  }

  @Test
  void refusesImpossibleRecordCounts() {
    byte[] batch = referenceBatch();
    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.RECORDS_COUNT_OFFSET, Integer.MAX_VALUE);
    fixCrc(batch);

    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("claims 2147483647 records in 9 bytes");

    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.RECORDS_COUNT_OFFSET, -1);
    fixCrc(batch);
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .hasMessageContaining("Negative records count -1");
  }

  @Test
  void refusesNegativeAndOversizedFieldLengths() {
    byte[] batch = referenceBatch();
    // Record bytes: 10 00 00 00 02 6b 02 76 00 at offset 61; key length varint at 65.
    batch[65] = 0x03; // zigzag -2
    fixCrc(batch);
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("Invalid key length -2");

    batch[65] = 0x7e; // 63: more than the record holds
    fixCrc(batch);
    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .hasMessageContaining("Invalid key length 63");
  }

  @Test
  void refusesRecordsWhoseLengthDisagreesWithTheirContent() {
    byte[] batch = referenceBatch();
    batch[61] = 0x0e; // length 7 instead of 8
    fixCrc(batch);

    assertThatThrownBy(() -> reader.readAll(ByteBuffer.wrap(batch)))
        .isInstanceOf(CorruptRecordException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionType.class,
      names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
  void refusesBatchesThatDecompressBeyondTheCap(CompressionType type) {
    ByteBuffer sealed;
    try (CompressionContext context = new CompressionContext()) {
      sealed =
          TestRecords.build(
              List.of(new TestRecords.Spec(1L, null, new byte[3_000_000], null)),
              type,
              false,
              context);
    }
    RecordBatchReader capped = new RecordBatchReader(1 << 20);

    assertThat(sealed.remaining()).isLessThan(300_000);
    assertThatThrownBy(() -> capped.readAll(sealed))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("Cannot decompress " + type.configName());
  }

  @Test
  void readsDirectBuffersToo() {
    byte[] batch = referenceBatch();
    ByteBuffer direct = ByteBuffer.allocateDirect(batch.length).put(batch).flip();

    DecodedRecord record = reader.readAll(direct).get(0).records().get(0);

    assertThat(record).isEqualTo(new DecodedRecord(0, 5L, utf8("k"), utf8("v"), List.of()));
    assertThat(direct.position()).isZero();
  }

  private static byte[] referenceBatch() {
    RecordBatchBuilder builder = TestRecords.builder(128, CompressionType.NONE, false);
    builder.tryAppend(5L, utf8("k"), utf8("v"), null);
    ByteBuffer sealed = builder.seal(null);
    byte[] bytes = new byte[sealed.remaining()];
    sealed.get(bytes);
    return bytes;
  }

  private static void fixCrc(byte[] batch) {
    CRC32C crc = new CRC32C();
    crc.update(
        batch,
        RecordBatchLayout.ATTRIBUTES_OFFSET,
        batch.length - RecordBatchLayout.ATTRIBUTES_OFFSET);
    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.CRC_OFFSET, (int) crc.getValue());
  }
}
