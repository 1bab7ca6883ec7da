package dev.plume.producer.errors;

/** The broker saw a gap in this producer's sequence numbers for a partition. */
public class OutOfOrderSequenceException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public OutOfOrderSequenceException(String message) {
    super(message);
  }

  public OutOfOrderSequenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
