package dev.plume.producer.errors;

/** Base of every exception the producer throws or completes a record with. */
public class PlumeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PlumeException(String message) {
    super(message);
  }

  public PlumeException(String message, Throwable cause) {
    super(message, cause);
  }
}
