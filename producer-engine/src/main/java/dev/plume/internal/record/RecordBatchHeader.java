package dev.plume.internal.record;

import static dev.plume.internal.record.RecordBatchLayout.*;

import dev.plume.internal.compression.CompressionType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decoded 61-byte header of a v2 record batch (see {@link RecordBatchLayout}).
 *
 * @param crc the stored CRC-32C, as an unsigned value
 */
public record RecordBatchHeader(
    long baseOffset,
    int batchLength,
    int partitionLeaderEpoch,
    byte magic,
    long crc,
    short attributes,
    int lastOffsetDelta,
    long baseTimestamp,
    long maxTimestamp,
    long producerId,
    short producerEpoch,
    int baseSequence,
    int recordsCount) {

  /** Total batch size in bytes, header included. */
  public int sizeInBytes() {
    return LOG_OVERHEAD + batchLength;
  }

  public int compressionCodecId() {
    return attributes & COMPRESSION_CODEC_MASK;
  }

  /**
   * @throws IllegalArgumentException if the codec id is not a known one
   */
  public CompressionType compressionType() {
    return CompressionType.forId(compressionCodecId());
  }

  public boolean isTransactional() {
    return (attributes & TRANSACTIONAL_FLAG_MASK) != 0;
  }

  public boolean isControl() {
    return (attributes & CONTROL_FLAG_MASK) != 0;
  }

  public boolean hasProducerId() {
    return producerId != NO_PRODUCER_ID;
  }

  /**
   * Reads the header fields at absolute {@code offset} without validating anything; the caller
   * guarantees {@code offset + 61 <= buffer.limit()}. Does not move the buffer's position.
   */
  public static RecordBatchHeader read(ByteBuffer buffer, int offset) {
    if (buffer.order() != ByteOrder.BIG_ENDIAN) {
      buffer = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
    }
    return new RecordBatchHeader(
        buffer.getLong(offset + BASE_OFFSET_OFFSET),
        buffer.getInt(offset + BATCH_LENGTH_OFFSET),
        buffer.getInt(offset + PARTITION_LEADER_EPOCH_OFFSET),
        buffer.get(offset + MAGIC_OFFSET),
        Integer.toUnsignedLong(buffer.getInt(offset + CRC_OFFSET)),
        buffer.getShort(offset + ATTRIBUTES_OFFSET),
        buffer.getInt(offset + LAST_OFFSET_DELTA_OFFSET),
        buffer.getLong(offset + BASE_TIMESTAMP_OFFSET),
        buffer.getLong(offset + MAX_TIMESTAMP_OFFSET),
        buffer.getLong(offset + PRODUCER_ID_OFFSET),
        buffer.getShort(offset + PRODUCER_EPOCH_OFFSET),
        buffer.getInt(offset + BASE_SEQUENCE_OFFSET),
        buffer.getInt(offset + RECORDS_COUNT_OFFSET));
  }
}
