package dev.plume.producer.errors;

/**
 * A failure that may succeed when tried again; the producer retries these itself until
 * delivery.timeout.ms.
 */
public class RetriableException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public RetriableException(String message) {
    super(message);
  }

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
