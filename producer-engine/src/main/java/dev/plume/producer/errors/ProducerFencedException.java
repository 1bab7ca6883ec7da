package dev.plume.producer.errors;

/**
 * Another producer with the same transactional.id or a newer epoch took over; this producer must be
 * closed.
 */
public class ProducerFencedException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public ProducerFencedException(String message) {
    super(message);
  }

  public ProducerFencedException(String message, Throwable cause) {
    super(message, cause);
  }
}
