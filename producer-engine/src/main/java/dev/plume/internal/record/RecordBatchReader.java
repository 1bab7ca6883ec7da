package dev.plume.internal.record;

import static dev.plume.internal.record.RecordBatchLayout.ATTRIBUTES_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.COMPRESSION_CODEC_MASK;
import static dev.plume.internal.record.RecordBatchLayout.HEADER_SIZE;
import static dev.plume.internal.record.RecordBatchLayout.LOG_OVERHEAD;
import static dev.plume.internal.record.RecordBatchLayout.MAGIC_OFFSET;
import static dev.plume.internal.record.RecordBatchLayout.MAGIC_V2;

import dev.plume.internal.compression.ByteSink;
import dev.plume.internal.compression.Codecs;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.compression.Decompressor;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Validates and decodes v2 record batches from untrusted bytes (tests, batch splitting,
 * validation). Every defect (truncation, bad sizes, wrong magic, CRC mismatch, undecodable or
 * oversized compressed data, inconsistent records) raises {@link CorruptRecordException}; the
 * reader never allocates more than the input justifies: record arrays are bounded by the bytes
 * actually present, and decompressed output by {@link #maxDecompressedBytes()}.
 *
 * <p>Not thread-safe: it keeps decompressors and a decompression buffer between calls.
 */
public final class RecordBatchReader {

  /** Default cap of one batch's decompressed records section: 64 MiB. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

  /**
   * Smallest encoded record: length, attributes, timestampDelta, offsetDelta, key length, value
   * length, header count, one byte each.
   */
  private static final int MIN_RECORD_SIZE = 7;

  private final int maxDecompressedBytes;
  private final Decompressor[] decompressors = new Decompressor[CompressionType.values().length];
  private ByteSink decompressed;

  public RecordBatchReader() {
    this(DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  /**
   * @param maxDecompressedBytes the largest decompressed records section accepted
   */
  public RecordBatchReader(int maxDecompressedBytes) {
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException(
          "maxDecompressedBytes must be > 0: " + maxDecompressedBytes);
    }
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  public int maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  /**
   * Decodes every batch in {@code input}'s {@code [position, limit)}, which must hold whole batches
   * only. The buffer's position and limit are not changed.
   *
   * @throws CorruptRecordException on any defect
   */
  public List<DecodedBatch> readAll(ByteBuffer input) {
    Source source = Source.of(input);
    List<DecodedBatch> batches = new ArrayList<>();
    int index = source.start;
    while (index < source.end) {
      int size = validateBatch(source.array, index, source.end);
      batches.add(decode(source.array, index, size));
      index += size;
    }
    return batches;
  }

  /**
   * Checks the batch at {@code input}'s position (sizes, magic, CRC) without decoding records.
   *
   * @return its header
   * @throws CorruptRecordException on any defect
   */
  public static RecordBatchHeader validateHeader(ByteBuffer input) {
    Source source = Source.of(input);
    validateBatch(source.array, source.start, source.end);
    return RecordBatchHeader.read(ByteBuffer.wrap(source.array), source.start);
  }

  /** Validates the framing and CRC of the batch at {@code index}; returns its total size. */
  private static int validateBatch(byte[] a, int index, int end) {
    int available = end - index;
    if (available < LOG_OVERHEAD) {
      throw new CorruptRecordException(
          "Truncated batch: " + available + " bytes left, the log overhead alone is 12");
    }
    int batchLength = getInt(a, index + BATCH_LENGTH_OFFSET);
    if (batchLength < HEADER_SIZE - LOG_OVERHEAD) {
      throw new CorruptRecordException(
          "Batch length "
              + batchLength
              + " is below the minimum of "
              + (HEADER_SIZE - LOG_OVERHEAD));
    }
    if (batchLength > available - LOG_OVERHEAD) {
      throw new CorruptRecordException(
          "Truncated batch: batch length "
              + batchLength
              + " but only "
              + (available - LOG_OVERHEAD)
              + " bytes follow");
    }
    byte magic = a[index + MAGIC_OFFSET];
    if (magic != MAGIC_V2) {
      throw new CorruptRecordException(
          "Unsupported batch magic " + magic + " (only 2 is supported)");
    }
    int size = LOG_OVERHEAD + batchLength;
    CRC32C crc = new CRC32C();
    crc.update(a, index + ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET);
    long stored = Integer.toUnsignedLong(getInt(a, index + RecordBatchLayout.CRC_OFFSET));
    if (crc.getValue() != stored) {
      throw new CorruptRecordException(
          "Batch CRC mismatch: stored " + stored + ", computed " + crc.getValue());
    }
    int codec = ((a[index + ATTRIBUTES_OFFSET + 1] & 0xFF)) & COMPRESSION_CODEC_MASK;
    if (codec > CompressionType.ZSTD.id()) {
      throw new CorruptRecordException("Unknown compression codec id " + codec);
    }
    return size;
  }

  private DecodedBatch decode(byte[] a, int index, int size) {
    RecordBatchHeader header = RecordBatchHeader.read(ByteBuffer.wrap(a), index);
    int recordsCount = header.recordsCount();
    if (recordsCount < 0) {
      throw new CorruptRecordException("Negative records count " + recordsCount);
    }
    byte[] data = a;
    int dataStart = index + HEADER_SIZE;
    int dataEnd = index + size;
    CompressionType codec = header.compressionType();
    if (codec != CompressionType.NONE) {
      ByteSink sink = decompress(codec, a, dataStart, dataEnd - dataStart);
      data = sink.array();
      dataStart = 0;
      dataEnd = sink.position();
    }
    if (recordsCount > (dataEnd - dataStart) / MIN_RECORD_SIZE) {
      throw new CorruptRecordException(
          "Batch claims "
              + recordsCount
              + " records in "
              + (dataEnd - dataStart)
              + " bytes of records");
    }
    Cursor cursor = new Cursor(data, dataStart, dataEnd);
    List<DecodedRecord> records = new ArrayList<>(recordsCount);
    for (int i = 0; i < recordsCount; i++) {
      records.add(readRecord(cursor, header.baseTimestamp()));
    }
    if (cursor.position != dataEnd) {
      throw new CorruptRecordException(
          (dataEnd - cursor.position)
              + " bytes left after the batch's "
              + recordsCount
              + " records");
    }
    return new DecodedBatch(header, records);
  }

  private ByteSink decompress(CompressionType codec, byte[] a, int offset, int length) {
    Decompressor decompressor = decompressors[codec.id()];
    if (decompressor == null) {
      decompressor = Codecs.newDecompressor(codec);
      decompressors[codec.id()] = decompressor;
    }
    if (decompressed == null) {
      decompressed = new ByteSink(Math.min(maxDecompressedBytes, 64 * 1024));
    }
    decompressed.reset();
    try {
      decompressor.decompress(a, offset, length, decompressed, maxDecompressedBytes);
    } catch (RuntimeException e) {
      // Codec libraries signal bad input with assorted runtime exceptions; all mean corrupt data.
      throw new CorruptRecordException(
          "Cannot decompress " + codec.configName() + " records: " + e.getMessage(), e);
    }
    return decompressed;
  }

  private static DecodedRecord readRecord(Cursor in, long baseTimestamp) {
    int length = in.readVarint(in.end);
    if (length < MIN_RECORD_SIZE - 1 || length > in.end - in.position) {
      throw new CorruptRecordException(
          "Record length " + length + " is invalid with " + (in.end - in.position) + " bytes left");
    }
    int recordEnd = in.position + length;
    in.position++; // attributes: unused
    long timestampDelta = in.readVarlong(recordEnd);
    int offsetDelta = in.readVarint(recordEnd);
    byte[] key = in.readNullableBytes(recordEnd, "key");
    byte[] value = in.readNullableBytes(recordEnd, "value");
    int headerCount = in.readVarint(recordEnd);
    // Each header takes at least 2 bytes (two length varints).
    if (headerCount < 0 || headerCount > (recordEnd - in.position) / 2) {
      throw new CorruptRecordException("Invalid header count " + headerCount);
    }
    List<Header> headers = new ArrayList<>(headerCount);
    for (int i = 0; i < headerCount; i++) {
      byte[] headerKey = in.readNullableBytes(recordEnd, "header key");
      if (headerKey == null) {
        throw new CorruptRecordException("Null header key");
      }
      byte[] headerValue = in.readNullableBytes(recordEnd, "header value");
      headers.add(new Header(new String(headerKey, StandardCharsets.UTF_8), headerValue));
    }
    if (in.position != recordEnd) {
      throw new CorruptRecordException(
          "Record length "
              + length
              + " disagrees with its content ("
              + (recordEnd - in.position)
              + " bytes off)");
    }
    return new DecodedRecord(offsetDelta, baseTimestamp + timestampDelta, key, value, headers);
  }

  private static int getInt(byte[] a, int index) {
    return ((a[index] & 0xFF) << 24)
        | ((a[index + 1] & 0xFF) << 16)
        | ((a[index + 2] & 0xFF) << 8)
        | (a[index + 3] & 0xFF);
  }

  /** The input as an array range; copies only when the buffer is not array-backed. */
  private record Source(byte[] array, int start, int end) {
    static Source of(ByteBuffer input) {
      if (input.hasArray()) {
        int base = input.arrayOffset();
        return new Source(input.array(), base + input.position(), base + input.limit());
      }
      byte[] copy = new byte[input.remaining()];
      input.duplicate().order(ByteOrder.BIG_ENDIAN).get(copy);
      return new Source(copy, 0, copy.length);
    }
  }

  /** Bounds-checked varint and bytes reader over an array range. */
  private static final class Cursor {
    private final byte[] array;
    private final int end;
    private int position;

    Cursor(byte[] array, int start, int end) {
      this.array = array;
      this.position = start;
      this.end = end;
    }

    int readVarint(int limit) {
      int raw = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (position >= limit) {
          throw new CorruptRecordException("Truncated varint");
        }
        int b = array[position++];
        raw |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new CorruptRecordException("Varint longer than 5 bytes");
    }

    long readVarlong(int limit) {
      long raw = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        if (position >= limit) {
          throw new CorruptRecordException("Truncated varlong");
        }
        long b = array[position++];
        raw |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new CorruptRecordException("Varlong longer than 10 bytes");
    }

    byte[] readNullableBytes(int limit, String what) {
      int length = readVarint(limit);
      if (length == -1) {
        return null;
      }
      if (length < -1 || length > limit - position) {
        throw new CorruptRecordException(
            "Invalid "
                + what
                + " length "
                + length
                + " with "
                + (limit - position)
                + " bytes left");
      }
      byte[] bytes = new byte[length];
      System.arraycopy(array, position, bytes, 0, length);
      position += length;
      return bytes;
    }
  }
}
