package dev.plume.producer.errors;

/** The calling thread was interrupted while blocked; its interrupt flag is set again. */
public class InterruptException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public InterruptException(String message, InterruptedException cause) {
    super(message, cause);
    Thread.currentThread().interrupt();
  }
}
