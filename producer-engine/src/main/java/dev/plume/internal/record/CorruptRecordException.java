package dev.plume.internal.record;

/**
 * A record batch is malformed: truncated, wrong magic, bad CRC, impossible sizes, undecodable
 * compressed data, or data beyond the decompression limit. The only exception {@link
 * RecordBatchReader} throws for bad input.
 */
public final class CorruptRecordException extends RuntimeException {

  public CorruptRecordException(String message) {
    super(message);
  }

  public CorruptRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
