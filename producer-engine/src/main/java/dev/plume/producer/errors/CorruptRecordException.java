package dev.plume.producer.errors;

/** The broker found a corrupt batch (CRC mismatch). */
public class CorruptRecordException extends RetriableException {

  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }

  public CorruptRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
