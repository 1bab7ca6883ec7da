package dev.plume.producer.errors;

/**
 * The transactional producer hit an error it cannot recover from (for example an invalid
 * transaction state on the coordinator): close the producer and create a new one. Fencing and
 * authorization failures keep their own types ({@link ProducerFencedException}, {@link
 * AuthorizationException}).
 */
public class FatalTransactionException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public FatalTransactionException(String message) {
    super(message);
  }

  public FatalTransactionException(String message, Throwable cause) {
    super(message, cause);
  }
}
