package dev.plume.producer.errors;

/** A key or value serializer failed; the record was not queued. */
public class SerializationException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public SerializationException(String message) {
    super(message);
  }

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
