package dev.plume.producer.errors;

/** The broker refused an operation the client is not allowed to do. */
public class AuthorizationException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public AuthorizationException(String message) {
    super(message);
  }

  public AuthorizationException(String message, Throwable cause) {
    super(message, cause);
  }
}
