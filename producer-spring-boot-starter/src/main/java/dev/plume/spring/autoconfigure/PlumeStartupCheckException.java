package dev.plume.spring.autoconfigure;

/**
 * {@code plume.producer.startup-check=fail} and the brokers could not be reached in time; startup
 * stops.
 */
public class PlumeStartupCheckException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String clientName;

  public PlumeStartupCheckException(String clientName, String problem) {
    super("Plume producer '" + clientName + "' startup check failed: " + problem);
    this.clientName = clientName;
  }

  public String clientName() {
    return clientName;
  }
}
