package dev.plume.producer.errors;

/** The producer is closed (or closing) and accepts no more records. */
public class ProducerClosedException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public ProducerClosedException(String message) {
    super(message);
  }

  public ProducerClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
