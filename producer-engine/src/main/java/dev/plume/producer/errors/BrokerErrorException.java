package dev.plume.producer.errors;

/**
 * A broker answered with an error code that has no more specific exception type here. Carries the
 * numeric code and Kafka's name for it.
 */
public class BrokerErrorException extends PlumeException {

  private static final long serialVersionUID = 1L;

  private final short errorCode;
  private final String errorName;
  private final boolean retriable;

  public BrokerErrorException(
      short errorCode, String errorName, boolean retriable, String message) {
    super(errorName + " (" + errorCode + "): " + message);
    this.errorCode = errorCode;
    this.errorName = errorName;
    this.retriable = retriable;
  }

  public short errorCode() {
    return errorCode;
  }

  public String errorName() {
    return errorName;
  }

  /** Whether the producer would retry this error while time remained. */
  public boolean isRetriable() {
    return retriable;
  }
}
