package dev.plume.internal.record;

/**
 * Byte layout of a RecordBatch v2 (magic 2) header. All integers are big-endian.
 *
 * <pre>
 *  0               8       12      16 17      21    23      27              35              43
 *  +---------------+-------+-------+--+-------+-----+-------+---------------+---------------+
 *  | baseOffset    |batch  |leader |ma| crc   |attr | last  | baseTimestamp | maxTimestamp  |
 *  | int64 (=0)    |Length |Epoch  |gi| uint32|int16|Offset | int64         | int64         |
 *  |               |int32  |int32  |c |       |     |Delta  |               |               |
 *  +---------------+-------+-------+--+-------+-----+-------+---------------+---------------+
 *  43              51    53      57      61
 *  +---------------+-----+-------+-------+--------------------------------------------+
 *  | producerId    |epoch|base   |records| records (varint-framed; the only part that |
 *  | int64         |int16|Seq    |Count  | is compressed)                             |
 *  +---------------+-----+-------+-------+--------------------------------------------+
 *
 *  batchLength = total size - 12 (bytes after the batchLength field)
 *  crc         = CRC-32C over [21, end): attributes to the end; not over partitionLeaderEpoch
 *  attributes  = bits 0-2 codec, bit 3 timestamp type (0 = CreateTime), bit 4 transactional,
 *                bit 5 control, bit 6 delete horizon; producers set only codec and transactional
 * </pre>
 */
public final class RecordBatchLayout {

  private RecordBatchLayout() {}

  public static final int BASE_OFFSET_OFFSET = 0;
  public static final int BASE_OFFSET_LENGTH = 8;
  public static final int BATCH_LENGTH_OFFSET = BASE_OFFSET_OFFSET + BASE_OFFSET_LENGTH;
  public static final int BATCH_LENGTH_LENGTH = 4;

  /** Bytes before and including batchLength, i.e. not counted by it. */
  public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + BATCH_LENGTH_LENGTH;

  public static final int PARTITION_LEADER_EPOCH_OFFSET = LOG_OVERHEAD;
  public static final int PARTITION_LEADER_EPOCH_LENGTH = 4;
  public static final int MAGIC_OFFSET =
      PARTITION_LEADER_EPOCH_OFFSET + PARTITION_LEADER_EPOCH_LENGTH;
  public static final int MAGIC_LENGTH = 1;
  public static final int CRC_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
  public static final int CRC_LENGTH = 4;
  public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + CRC_LENGTH;
  public static final int ATTRIBUTES_LENGTH = 2;
  public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + ATTRIBUTES_LENGTH;
  public static final int LAST_OFFSET_DELTA_LENGTH = 4;
  public static final int BASE_TIMESTAMP_OFFSET =
      LAST_OFFSET_DELTA_OFFSET + LAST_OFFSET_DELTA_LENGTH;
  public static final int BASE_TIMESTAMP_LENGTH = 8;
  public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + BASE_TIMESTAMP_LENGTH;
  public static final int MAX_TIMESTAMP_LENGTH = 8;
  public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + MAX_TIMESTAMP_LENGTH;
  public static final int PRODUCER_ID_LENGTH = 8;
  public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + PRODUCER_ID_LENGTH;
  public static final int PRODUCER_EPOCH_LENGTH = 2;
  public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + PRODUCER_EPOCH_LENGTH;
  public static final int BASE_SEQUENCE_LENGTH = 4;
  public static final int RECORDS_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + BASE_SEQUENCE_LENGTH;
  public static final int RECORDS_COUNT_LENGTH = 4;
  public static final int RECORDS_OFFSET = RECORDS_COUNT_OFFSET + RECORDS_COUNT_LENGTH;

  /** The fixed header size: 61 bytes. */
  public static final int HEADER_SIZE = RECORDS_OFFSET;

  public static final byte MAGIC_V2 = 2;

  public static final int COMPRESSION_CODEC_MASK = 0x07;
  public static final int TIMESTAMP_TYPE_MASK = 0x08;
  public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
  public static final int CONTROL_FLAG_MASK = 0x20;
  public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

  /** Value of producerId, producerEpoch and baseSequence when the producer is not idempotent. */
  public static final long NO_PRODUCER_ID = -1L;

  public static final short NO_PRODUCER_EPOCH = -1;
  public static final int NO_SEQUENCE = -1;
  public static final int NO_PARTITION_LEADER_EPOCH = -1;
}
