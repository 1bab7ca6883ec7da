package dev.plume.producer.errors;

/**
 * A configuration entry is missing or invalid; the message names the key, the value and the rule.
 */
public class ConfigException extends PlumeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, Object value, String rule) {
    super("Invalid value " + describe(value) + " for configuration " + key + ": " + rule);
    this.key = key;
  }

  public ConfigException(String message) {
    super(message);
    this.key = null;
  }

  /** The offending configuration key, or null when the problem spans several keys. */
  public String key() {
    return key;
  }

  private static String describe(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
