package dev.plume.producer.errors;

/** A record is larger than max.request.size, buffer.memory, or what the broker accepts. */
public class RecordTooLargeException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public RecordTooLargeException(String message) {
    super(message);
  }

  public RecordTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
