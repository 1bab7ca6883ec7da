package dev.plume.internal.record;

import static dev.plume.internal.record.RecordBatchLayout.ATTRIBUTES_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.BASE_SEQUENCE_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.BASE_TIMESTAMP_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.CRC_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.HEADER_SIZE;
import static dev.plume.internal.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.LOG_OVERHEAD;
import static dev.plume.internal.record.RecordBatchLayout.MAGIC_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.MAGIC_V2;
import static dev.plume.internal.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.NO_PARTITION_LEADER_EPOCH;
import static dev.plume.internal.record.RecordBatchLayout.NO_PRODUCER_EPOCH;
import static dev.plume.internal.record.RecordBatchLayout.NO_PRODUCER_ID;
import static dev.plume.internal.record.RecordBatchLayout.NO_SEQUENCE;
import static dev.plume.internal.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.PRODUCER_EPOCH_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.PRODUCER_ID_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.RECORDS_COUNT_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.TRANSACTIONAL_FLAG_MASK;

import dev.plume.internal.compression.ByteSink;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes one RecordBatch v2 straight into a caller-provided heap {@link ByteBuffer}, with no
 * per-record allocation.
 *
 * <p>Lifecycle: {@link #reset} (or the constructor) reserves the 61-byte header at the buffer's
 * position; {@link #tryAppend} encodes each record uncompressed right after it, refusing (returning
 * false, writing nothing) a record that does not fit before the buffer's limit; {@link #seal}
 * compresses the records section in place if that makes it smaller, writes the header and CRC, and
 * returns the buffer framed on the batch. Producer state (id, epoch, base sequence) is assigned
 * later, at drain time, with {@link #writeProducerState}, which patches the sealed batch in place.
 *
 * <p>Buffer ownership: the builder writes only inside {@code [position, limit)} of the buffer it
 * was given and never keeps it past {@link #reset}; the buffer (typically pooled) stays owned by
 * the caller. Compressed output is produced in the {@link CompressionContext}'s scratch buffer
 * (owned by the sealing thread) and copied back over the uncompressed records, which it never
 * outgrows because a larger result is discarded in favour of the uncompressed batch.
 *
 * <p>Not thread-safe.
 */
public final class RecordBatchBuilder {

  /** Fixed bytes of a record besides its varints and payloads: the attributes byte. */
  private static final int RECORD_ATTRIBUTES_SIZE = 1;

  /** Varint size of a null key/value length (-1). */
  private static final int NULL_LENGTH_SIZE = 1;

  private static final int MAX_VARINT_SIZE = 5;
  private static final int MAX_VARLONG_SIZE = 10;

  private ByteBuffer buffer;
  private byte[] array;

  /** Array index of the batch start (buffer position at reset). */
  private int batchStart;

  /** Array index where the next record goes. */
  private int writeIndex;

  /** Array index of the buffer's limit: records must end at or before it. */
  private int writeLimit;

  private CompressionType compressionType;
  private boolean transactional;
  private int recordCount;
  private long baseTimestamp;
  private long maxTimestamp;
  private boolean sealed;
  private int uncompressedSizeInBytes;
  private CompressionType sealedCompressionType;

  /** {@link Utf8#measure} of each header key of the record being appended (scratch, reused). */
  private int[] headerKeyLengths = new int[8];

  /**
   * A builder over {@code buffer}'s {@code [position, limit)}.
   *
   * @throws IllegalArgumentException if the buffer is not array-backed, is read-only, or has fewer
   *     than 61 bytes remaining
   */
  public RecordBatchBuilder(
      ByteBuffer buffer, CompressionType compressionType, boolean transactional) {
    reset(buffer, compressionType, transactional);
  }

  /**
   * Starts a new, empty batch over {@code buffer}'s {@code [position, limit)}, forgetting the
   * previous one. Lets one builder object serve many batches.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public void reset(ByteBuffer buffer, CompressionType compressionType, boolean transactional) {
    Objects.requireNonNull(compressionType, "compressionType");
    if (!buffer.hasArray()) {
      throw new IllegalArgumentException(
          "RecordBatchBuilder needs an array-backed, writable heap ByteBuffer");
    }
    if (buffer.remaining() < HEADER_SIZE) {
      throw new IllegalArgumentException(
          "Buffer has "
              + buffer.remaining()
              + " bytes remaining, less than the 61-byte batch header");
    }
    this.buffer = buffer;
    this.array = buffer.array();
    this.batchStart = buffer.arrayOffset() + buffer.position();
    this.writeIndex = batchStart + HEADER_SIZE;
    this.writeLimit = buffer.arrayOffset() + buffer.limit();
    this.compressionType = compressionType;
    this.transactional = transactional;
    this.recordCount = 0;
    this.baseTimestamp = 0;
    this.maxTimestamp = 0;
    this.sealed = false;
    this.uncompressedSizeInBytes = 0;
    this.sealedCompressionType = null;
  }

  /**
   * Forgets the buffer, so a builder kept for reuse pins no memory (a large one-off buffer would
   * otherwise stay reachable); {@link #reset} it before the next use.
   */
  public void detach() {
    this.buffer = null;
    this.array = null;
  }

  /**
   * Appends a record if it fits; {@code key}, {@code value} and {@code headers} may be null (a null
   * value is a tombstone). Arrays are copied into the batch, not retained.
   *
   * @return false, having written nothing, if the encoded record does not fit before the limit
   * @throws IllegalStateException if the batch is sealed
   */
  public boolean tryAppend(long timestampMs, byte[] key, byte[] value, Header[] headers) {
    return tryAppend(
        timestampMs,
        key,
        0,
        key == null ? 0 : key.length,
        value,
        0,
        value == null ? 0 : value.length,
        headers);
  }

  /**
   * Appends a record whose key and value are slices of larger arrays; a null array means null (its
   * offset and length are then ignored).
   *
   * @return false, having written nothing, if the encoded record does not fit before the limit
   * @throws IllegalStateException if the batch is sealed
   * @throws IndexOutOfBoundsException if a slice lies outside its array
   */
  public boolean tryAppend(
      long timestampMs,
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] value,
      int valueOffset,
      int valueLength,
      Header[] headers) {
    if (sealed) {
      throw new IllegalStateException("Cannot append to a sealed batch");
    }
    if (key != null) {
      Objects.checkFromIndexSize(keyOffset, keyLength, key.length);
    }
    if (value != null) {
      Objects.checkFromIndexSize(valueOffset, valueLength, value.length);
    }
    int offsetDelta = recordCount;
    long timestampDelta = recordCount == 0 ? 0 : timestampMs - baseTimestamp;
    long bodySize =
        RECORD_ATTRIBUTES_SIZE
            + Varints.sizeOfVarlong(timestampDelta)
            + Varints.sizeOfVarint(offsetDelta)
            + bytesFieldSize(key == null ? -1 : keyLength)
            + bytesFieldSize(value == null ? -1 : valueLength)
            + measureHeaders(headers);
    if (bodySize > Integer.MAX_VALUE - MAX_VARINT_SIZE) {
      return false;
    }
    int totalSize = Varints.sizeOfVarint((int) bodySize) + (int) bodySize;
    if (totalSize > writeLimit - writeIndex) {
      return false;
    }
    writeRecord(
        (int) bodySize,
        timestampDelta,
        offsetDelta,
        key,
        keyOffset,
        keyLength,
        value,
        valueOffset,
        valueLength,
        headers);
    if (recordCount == 0) {
      baseTimestamp = timestampMs;
      maxTimestamp = timestampMs;
    } else if (timestampMs > maxTimestamp) {
      maxTimestamp = timestampMs;
    }
    recordCount++;
    return true;
  }

  private void writeRecord(
      int bodySize,
      long timestampDelta,
      int offsetDelta,
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] value,
      int valueOffset,
      int valueLength,
      Header[] headers) {
    byte[] a = array;
    int i = Varints.writeVarint(a, writeIndex, bodySize);
    a[i++] = 0; // record attributes: unused
    i = Varints.writeVarlong(a, i, timestampDelta);
    i = Varints.writeVarint(a, i, offsetDelta);
    i = writeBytes(a, i, key, keyOffset, keyLength);
    i = writeBytes(a, i, value, valueOffset, valueLength);
    if (headers == null) {
      a[i++] = 0;
    } else {
      i = Varints.writeVarint(a, i, headers.length);
      int h = 0;
      for (Header header : headers) {
        int measured = headerKeyLengths[h++];
        i = Varints.writeVarint(a, i, measured >= 0 ? measured : ~measured);
        i = Utf8.encode(header.key(), a, i, measured);
        byte[] headerValue = header.value();
        i = writeBytes(a, i, headerValue, 0, headerValue == null ? 0 : headerValue.length);
      }
    }
    writeIndex = i;
  }

  private static int writeBytes(byte[] a, int index, byte[] src, int offset, int length) {
    if (src == null) {
      return Varints.writeVarint(a, index, -1);
    }
    index = Varints.writeVarint(a, index, length);
    System.arraycopy(src, offset, a, index, length);
    return index + length;
  }

  /**
   * Size of the headers section, remembering each key's UTF-8 length in {@link #headerKeyLengths}
   * for {@link #writeRecord} so that keys are measured once per append.
   */
  private long measureHeaders(Header[] headers) {
    if (headers == null) {
      return 1;
    }
    if (headerKeyLengths.length < headers.length) {
      // Grows to the largest header count seen, so steady state allocates nothing.
      headerKeyLengths = new int[headers.length];
    }
    long size = Varints.sizeOfVarint(headers.length);
    for (int h = 0; h < headers.length; h++) {
      Header header = headers[h];
      int measured = Utf8.measure(header.key());
      headerKeyLengths[h] = measured;
      int keyLength = measured >= 0 ? measured : ~measured;
      size += Varints.sizeOfVarint(keyLength) + keyLength;
      byte[] value = header.value();
      size += bytesFieldSize(value == null ? -1 : value.length);
    }
    return size;
  }

  private static long bytesFieldSize(int length) {
    return length < 0 ? NULL_LENGTH_SIZE : (long) Varints.sizeOfVarint(length) + length;
  }

  private static long headersSize(Header[] headers) {
    if (headers == null) {
      return 1;
    }
    long size = Varints.sizeOfVarint(headers.length);
    for (Header header : headers) {
      int keyLength = Utf8.encodedLength(header.key());
      size += Varints.sizeOfVarint(keyLength) + keyLength;
      byte[] value = header.value();
      size += bytesFieldSize(value == null ? -1 : value.length);
    }
    return size;
  }

  /**
   * An upper bound of the encoded size of one record, whatever its timestamp and offset delta;
   * {@code keyLength}/{@code valueLength} are -1 for null.
   */
  public static int recordSizeUpperBound(int keyLength, int valueLength, Header[] headers) {
    long body =
        RECORD_ATTRIBUTES_SIZE
            + MAX_VARLONG_SIZE
            + MAX_VARINT_SIZE
            + bytesFieldSize(keyLength)
            + bytesFieldSize(valueLength)
            + headersSize(headers);
    return (int) Math.min(Integer.MAX_VALUE, MAX_VARINT_SIZE + body);
  }

  /**
   * Buffer bytes that always suffice for a batch holding only this record: the 61-byte header plus
   * {@link #recordSizeUpperBound}. Use it to size the buffer for a record bigger than batch.size.
   */
  public static int estimateSizeInBytes(int keyLength, int valueLength, Header[] headers) {
    return (int)
        Math.min(
            Integer.MAX_VALUE,
            (long) HEADER_SIZE + recordSizeUpperBound(keyLength, valueLength, headers));
  }

  /**
   * The buffer given at {@link #reset}, still owned by the caller (e.g. to return it to a pool).
   */
  public ByteBuffer buffer() {
    return buffer;
  }

  public int recordCount() {
    return recordCount;
  }

  public boolean isEmpty() {
    return recordCount == 0;
  }

  public boolean isSealed() {
    return sealed;
  }

  /**
   * Bytes of the batch so far: before sealing, the header plus the uncompressed records; after
   * sealing, the final (possibly compressed) batch size.
   */
  public int sizeInBytes() {
    return writeIndex - batchStart;
  }

  /** Header plus uncompressed records: same as {@link #sizeInBytes()} until sealed. */
  public int uncompressedSizeInBytes() {
    return sealed ? uncompressedSizeInBytes : sizeInBytes();
  }

  /** Bytes still free before the buffer's limit. */
  public int remainingBytes() {
    return writeLimit - writeIndex;
  }

  /** Timestamp of the first record (the batch's baseTimestamp); 0 while empty. */
  public long baseTimestamp() {
    return baseTimestamp;
  }

  /** Largest record timestamp so far; 0 while empty. */
  public long maxTimestamp() {
    return maxTimestamp;
  }

  /** The codec asked for at {@link #reset}. */
  public CompressionType compressionType() {
    return compressionType;
  }

  /**
   * The codec in the sealed batch: the requested one, or NONE when compression did not shrink the
   * records; null before sealing.
   */
  public CompressionType sealedCompressionType() {
    return sealedCompressionType;
  }

  public boolean isTransactional() {
    return transactional;
  }

  /**
   * Finishes the batch: compresses the records section (if a codec was asked for and that makes it
   * smaller), writes the header with baseOffset 0, partitionLeaderEpoch -1, CreateTime, no producer
   * state (-1), and the CRC-32C.
   *
   * @param context the sealing thread's compression context (scratch buffer, compressors, CRC); may
   *     be null when the codec is NONE
   * @return this builder's buffer with position = batch start and limit = batch end
   * @throws IllegalStateException if empty or already sealed
   * @throws dev.plume.internal.compression.CodecUnavailableException if the codec's library is
   *     missing
   */
  public ByteBuffer seal(CompressionContext context) {
    if (sealed) {
      throw new IllegalStateException("Batch already sealed");
    }
    if (recordCount == 0) {
      throw new IllegalStateException("Cannot seal an empty batch");
    }
    uncompressedSizeInBytes = sizeInBytes();
    CompressionType written = CompressionType.NONE;
    int recordsStart = batchStart + HEADER_SIZE;
    int recordsLength = writeIndex - recordsStart;
    if (compressionType != CompressionType.NONE) {
      Objects.requireNonNull(context, "a CompressionContext is needed to compress");
      ByteSink scratch = context.scratch();
      scratch.reset();
      context.compressor(compressionType).compress(array, recordsStart, recordsLength, scratch);
      if (scratch.position() < recordsLength) {
        System.arraycopy(scratch.array(), 0, array, recordsStart, scratch.position());
        writeIndex = recordsStart + scratch.position();
        written = compressionType;
      }
    }
    sealedCompressionType = written;
    int attributes = written.id() | (transactional ? TRANSACTIONAL_FLAG_MASK : 0);
    writeHeader(attributes);
    writeCrc(array, batchStart, writeIndex, context == null ? new CRC32C() : context.crc32c());
    sealed = true;
    int base = buffer.arrayOffset();
    buffer.limit(writeIndex - base);
    buffer.position(batchStart - base);
    return buffer;
  }

  private void writeHeader(int attributes) {
    byte[] a = array;
    int s = batchStart;
    Bytes.putLong(a, s + BASE_OFFSET_OFFSET, 0L);
    Bytes.putInt(a, s + BATCH_LENGTH_OFFSET, writeIndex - batchStart - LOG_OVERHEAD);
    Bytes.putInt(a, s + PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
    a[s + MAGIC_OFFSET] = MAGIC_V2;
    Bytes.putShort(a, s + ATTRIBUTES_OFFSET, (short) attributes);
    Bytes.putInt(a, s + LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
    Bytes.putLong(a, s + BASE_TIMESTAMP_OFFSET, baseTimestamp);
    Bytes.putLong(a, s + MAX_TIMESTAMP_OFFSET, maxTimestamp);
    Bytes.putLong(a, s + PRODUCER_ID_OFFSET, NO_PRODUCER_ID);
    Bytes.putShort(a, s + PRODUCER_EPOCH_OFFSET, NO_PRODUCER_EPOCH);
    Bytes.putInt(a, s + BASE_SEQUENCE_OFFSET, NO_SEQUENCE);
    Bytes.putInt(a, s + RECORDS_COUNT_OFFSET, recordCount);
  }

  private static void writeCrc(byte[] a, int batchStart, int batchEnd, CRC32C crc) {
    crc.reset();
    crc.update(a, batchStart + ATTRIBUTES_OFFSET, batchEnd - batchStart - ATTRIBUTES_OFFSET);
    Bytes.putInt(a, batchStart + CRC_OFFSET, (int) crc.getValue());
  }

  /**
   * Sets producerId, producerEpoch and baseSequence of a sealed batch in place and recomputes its
   * CRC; the records (compressed or not) are untouched. Used at drain time and again on retry after
   * an epoch bump.
   *
   * @param sealedBatch a buffer whose position is the batch start (as returned by {@link #seal});
   *     its position and limit are not changed
   * @throws IllegalArgumentException if the buffer does not hold a whole v2 batch at its position
   */
  public static void writeProducerState(
      ByteBuffer sealedBatch, long producerId, short producerEpoch, int baseSequence) {
    writeProducerState(sealedBatch, producerId, producerEpoch, baseSequence, new CRC32C());
  }

  /** As above, computing the CRC with {@code crc} (the caller's, reused: no object per batch). */
  public static void writeProducerState(
      ByteBuffer sealedBatch, long producerId, short producerEpoch, int baseSequence, CRC32C crc) {
    int start = sealedBatch.position();
    if (sealedBatch.remaining() < HEADER_SIZE
        || sealedBatch.get(start + MAGIC_OFFSET) != MAGIC_V2) {
      throw new IllegalArgumentException("Not a sealed v2 record batch at position " + start);
    }
    ByteBuffer bigEndian =
        sealedBatch.order() == ByteOrder.BIG_ENDIAN
            ? sealedBatch
            : sealedBatch.duplicate().order(ByteOrder.BIG_ENDIAN);
    int size = LOG_OVERHEAD + bigEndian.getInt(start + BATCH_LENGTH_OFFSET);
    if (size < HEADER_SIZE || size > sealedBatch.remaining()) {
      throw new IllegalArgumentException(
          "Batch length " + size + " does not fit the " + sealedBatch.remaining() + " bytes given");
    }
    bigEndian.putLong(start + PRODUCER_ID_OFFSET, producerId);
    bigEndian.putShort(start + PRODUCER_EPOCH_OFFSET, producerEpoch);
    bigEndian.putInt(start + BASE_SEQUENCE_OFFSET, baseSequence);
    crc.reset();
    if (sealedBatch.hasArray()) {
      int base = sealedBatch.arrayOffset() + start;
      crc.update(sealedBatch.array(), base + ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET);
    } else {
      ByteBuffer covered = sealedBatch.duplicate();
      covered.limit(start + size).position(start + ATTRIBUTES_OFFSET);
      crc.update(covered);
    }
    bigEndian.putInt(start + CRC_OFFSET, (int) crc.getValue());
  }
}
