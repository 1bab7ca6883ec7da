package dev.plume.producer.errors;

/** An operation did not finish in time; the message names what was waited for and for how long. */
public class TimeoutException extends RetriableException {

  private static final long serialVersionUID = 1L;

  public TimeoutException(String message) {
    super(message);
  }

  public TimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
