package dev.plume.spring.autoconfigure;

import dev.plume.producer.errors.ConfigException;

/**
 * A producer's configuration was rejected by the engine; carries the property that set the bad key
 * so that {@link PlumeProducerConfigurationFailureAnalyzer} can name it.
 */
public class InvalidPlumeProducerConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String clientName;
  private final String property;

  /**
   * @param property the Spring property to fix (for example {@code plume.producer.linger}), or null
   *     when the problem spans several keys
   */
  public InvalidPlumeProducerConfigurationException(
      String clientName, String property, ConfigException cause) {
    super(
        "Invalid configuration of Plume producer '"
            + clientName
            + "'"
            + (property == null ? "" : " (property " + property + ")")
            + ": "
            + cause.getMessage(),
        cause);
    this.clientName = clientName;
    this.property = property;
  }

  public String clientName() {
    return clientName;
  }

  /** The property to fix, or null. */
  public String property() {
    return property;
  }

  /** The Kafka key the engine rejected, or null. */
  public String kafkaKey() {
    return ((ConfigException) getCause()).key();
  }

  /** The engine's rule, naming the key and the value. */
  public String rule() {
    return getCause().getMessage();
  }
}
