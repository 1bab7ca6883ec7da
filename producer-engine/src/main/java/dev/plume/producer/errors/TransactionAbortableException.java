package dev.plume.producer.errors;

/**
 * The current transaction cannot commit: call {@code abortTransaction()} and go on with a new
 * transaction. The producer itself stays usable.
 */
public class TransactionAbortableException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public TransactionAbortableException(String message) {
    super(message);
  }

  public TransactionAbortableException(String message, Throwable cause) {
    super(message, cause);
  }
}
