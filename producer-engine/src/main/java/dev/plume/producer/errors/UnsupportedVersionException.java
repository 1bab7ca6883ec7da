package dev.plume.producer.errors;

/** The broker does not support a request version or API this producer needs. */
public class UnsupportedVersionException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public UnsupportedVersionException(String message) {
    super(message);
  }

  public UnsupportedVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}
