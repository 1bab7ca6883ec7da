package dev.plume.producer.errors;

/** The connection to a broker failed or was closed while a request was in flight. */
public class NetworkException extends RetriableException {

  private static final long serialVersionUID = 1L;

  public NetworkException(String message) {
    super(message);
  }

  public NetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
