package dev.plume.producer.security;

import java.util.Objects;

/**
 * A secret configuration value (key store password, SASL password). Its {@link #toString()} never
 * shows the value, so a config record holding it can be logged safely.
 */
public final class Password {

  private final String value;

  private Password(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Password of(String value) {
    return new Password(value);
  }

  /** Null for null, so optional secrets stay optional. */
  public static Password ofNullable(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Password p ? p : new Password(String.valueOf(value));
  }

  /** The secret itself: call only where it is handed to the JDK or written to the wire. */
  public String value() {
    return value;
  }

  public char[] chars() {
    return value.toCharArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Password p && p.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "[hidden]";
  }
}
