package dev.plume.producer.errors;

/**
 * A partition leader refused a Produce with INVALID_PRODUCER_EPOCH: a newer epoch of this producer
 * id exists. For a transactional producer this aborts the transaction (the following abort then
 * finds out whether the producer was fenced); it is a kind of fencing for idempotent producers.
 */
public class InvalidProducerEpochException extends ProducerFencedException {

  private static final long serialVersionUID = 1L;

  public InvalidProducerEpochException(String message) {
    super(message);
  }
}
