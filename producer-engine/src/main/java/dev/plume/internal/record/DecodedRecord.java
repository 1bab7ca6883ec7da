package dev.plume.internal.record;

import dev.plume.producer.Header;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record decoded by {@link RecordBatchReader}. {@code key} and {@code value} are null when the
 * record has a null key / value. Equality compares array contents.
 *
 * @param offsetDelta the record's offset delta in its batch
 * @param timestampMs absolute timestamp (baseTimestamp + timestampDelta)
 */
public record DecodedRecord(
    int offsetDelta, long timestampMs, byte[] key, byte[] value, List<Header> headers) {

  public DecodedRecord {
    headers = List.copyOf(headers);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DecodedRecord that
        && offsetDelta == that.offsetDelta
        && timestampMs == that.timestampMs
        && Arrays.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        offsetDelta, timestampMs, Arrays.hashCode(key), Arrays.hashCode(value), headers);
  }

  @Override
  public String toString() {
    return "DecodedRecord[offsetDelta="
        + offsetDelta
        + ", timestampMs="
        + timestampMs
        + ", key="
        + (key == null ? "null" : key.length + " bytes")
        + ", value="
        + (value == null ? "null" : value.length + " bytes")
        + ", headers="
        + headers
        + "]";
  }
}
