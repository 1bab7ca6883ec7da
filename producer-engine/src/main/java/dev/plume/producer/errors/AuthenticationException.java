package dev.plume.producer.errors;

/** The broker refused this client's credentials. */
public class AuthenticationException extends PlumeException {

  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
