package dev.plume.internal.record;

import java.util.List;

/** A validated batch and its decoded records, as returned by {@link RecordBatchReader}. */
public record DecodedBatch(RecordBatchHeader header, List<DecodedRecord> records) {

  public DecodedBatch {
    records = List.copyOf(records);
  }
}
