package dev.plume.producer;

/**
 * A consumer offset to commit inside a transaction.
 *
 * @param leaderEpoch the epoch of the last consumed record's leader, or -1 when unknown
 */
public record OffsetAndMetadata(long offset, String metadata, int leaderEpoch) {

  public OffsetAndMetadata {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
  }

  public OffsetAndMetadata(long offset) {
    this(offset, "", -1);
  }
}
