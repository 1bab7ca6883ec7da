package dev.plume.producer.errors;

/** The broker refused the record as invalid (for example a null key on a compacted topic). */
public class InvalidRecordException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public InvalidRecordException(String message) {
    super(message);
  }

  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
