package dev.plume.internal.record;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sealed batch that the broker refused as too large (MESSAGE_TOO_LARGE) into several
 * batches of at most {@code maxBatchSizeBytes} each. A rare path, so it allocates freely: each
 * output batch gets its own new heap buffer.
 */
public final class RecordBatchSplitter {

  private RecordBatchSplitter() {}

  /**
   * Re-encodes the records of {@code sealedBatch} (at its position) into consecutive batches,
   * preserving record order, keys, values, headers, timestamps and the transactional flag. If the
   * batch carries a producer id, each piece gets the same id and epoch and the base sequence of its
   * first record (original base sequence + record index, wrapping like Kafka sequences), so the
   * pieces keep their sequence ranges. A single record larger than the limit gets a batch of its
   * own (which the broker will then refuse as too large).
   *
   * @param compressionType the codec to use for the pieces
   * @param context the compression context of the calling thread (may be null for NONE)
   * @return sealed batches, each in its own buffer framed on it (position 0, limit = size)
   * @throws CorruptRecordException if {@code sealedBatch} is not one valid batch
   */
  public static List<ByteBuffer> split(
      ByteBuffer sealedBatch,
      int maxBatchSizeBytes,
      CompressionType compressionType,
      CompressionContext context) {
    if (maxBatchSizeBytes < RecordBatchLayout.HEADER_SIZE) {
      throw new IllegalArgumentException("maxBatchSizeBytes must be >= 61: " + maxBatchSizeBytes);
    }
    List<DecodedBatch> batches = new RecordBatchReader().readAll(sealedBatch);
    if (batches.size() != 1) {
      throw new CorruptRecordException("Expected exactly one batch, found " + batches.size());
    }
    RecordBatchHeader header = batches.get(0).header();
    List<DecodedRecord> records = batches.get(0).records();
    List<ByteBuffer> pieces = new ArrayList<>();
    RecordBatchBuilder builder = null;
    int firstIndex = 0;
    for (int i = 0; i < records.size(); i++) {
      DecodedRecord record = records.get(i);
      Header[] headers = record.headers().toArray(new Header[0]);
      if (builder != null
          && !builder.tryAppend(record.timestampMs(), record.key(), record.value(), headers)) {
        pieces.add(finish(builder, header, firstIndex, context));
        builder = null;
      }
      if (builder == null) {
        int needed =
            RecordBatchBuilder.estimateSizeInBytes(
                record.key() == null ? -1 : record.key().length,
                record.value() == null ? -1 : record.value().length,
                headers);
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(maxBatchSizeBytes, needed));
        buffer.limit(maxBatchSizeBytes >= needed ? maxBatchSizeBytes : needed);
        builder = new RecordBatchBuilder(buffer, compressionType, header.isTransactional());
        firstIndex = i;
        if (!builder.tryAppend(record.timestampMs(), record.key(), record.value(), headers)) {
          throw new IllegalStateException("A record did not fit a buffer sized for it");
        }
      }
    }
    if (builder != null) {
      pieces.add(finish(builder, header, firstIndex, context));
    }
    return pieces;
  }

  private static ByteBuffer finish(
      RecordBatchBuilder builder,
      RecordBatchHeader original,
      int firstIndex,
      CompressionContext context) {
    ByteBuffer sealed = builder.seal(context);
    if (original.hasProducerId()) {
      int baseSequence =
          original.baseSequence() < 0
              ? original.baseSequence()
              : incrementSequence(original.baseSequence(), firstIndex);
      RecordBatchBuilder.writeProducerState(
          sealed, original.producerId(), original.producerEpoch(), baseSequence);
    }
    return sealed;
  }

  /** Sequences wrap from Integer.MAX_VALUE to 0. */
  static int incrementSequence(int sequence, int increment) {
    long next = (long) sequence + increment;
    return (int) (next % (1L + Integer.MAX_VALUE));
  }
}
