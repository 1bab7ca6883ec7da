package dev.plume.producer.errors;

/** A broker sent bytes that break the Kafka protocol; the connection was closed. */
public class ProtocolViolationException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public ProtocolViolationException(String message) {
    super(message);
  }

  public ProtocolViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
