package dev.plume.producer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the producer's configuration table ({@link ConfigKeys}): everything the parser, the
 * generated documentation, the Spring starter's checks and the comparison with Kafka's own
 * definition need to know about a key, so that none of them keeps a second copy.
 *
 * @param name the key, as users write it
 * @param type the value's type, named as in Kafka's configuration definitions
 * @param defaultValue the value when the key is absent, typed as the parser returns it ({@code
 *     Integer} for INT, {@code Long} for LONG, {@code List<String>} for LIST, a class name for
 *     CLASS); null when there is none
 * @param validity which values are accepted (cross-key rules are code in {@link ProducerConfig})
 * @param importance how likely users are to need the key (Kafka's HIGH, MEDIUM, LOW)
 * @param origin whether the key is Kafka's or Plume's own
 * @param status what Plume does with the key
 * @param doc one line in our own words: what the key does
 * @param note for keys Plume does not implement, why; else empty
 */
public record ConfigKey(
    String name,
    Type type,
    Object defaultValue,
    Validity validity,
    Importance importance,
    Origin origin,
    Status status,
    String doc,
    String note) {

  /** Value types, with the names Kafka's configuration definitions use. */
  public enum Type {
    BOOLEAN,
    STRING,
    INT,
    SHORT,
    LONG,
    DOUBLE,
    LIST,
    CLASS,
    PASSWORD
  }

  public enum Importance {
    HIGH,
    MEDIUM,
    LOW
  }

  /** Where a key comes from. */
  public enum Origin {
    /** Kafka's Java producer defines it (same name, type, default and rule unless noted). */
    KAFKA,
    /** Plume's own ({@code plume.*}). */
    PLUME
  }

  /** What Plume does when the key is set. */
  public enum Status {
    /** Read and honoured. */
    IMPLEMENTED,
    /**
     * Accepted so that Kafka configurations work unchanged, but without effect: logged as unused.
     */
    ACCEPTED_WITHOUT_EFFECT,
    /** Any value but the default fails: ignoring it would silently change behaviour. */
    REJECTED
  }

  /** The values a key accepts, checked on its own (rules across keys are code). */
  public sealed interface Validity {

    /** Any value of the key's type. */
    record Any() implements Validity {}

    /**
     * A whole number in {@code [min, max]}; a null bound is the type's own limit.
     *
     * @param min smallest accepted value, or null
     * @param max largest accepted value, or null
     */
    record Range(Long min, Long max) implements Validity {}

    /**
     * One of {@code values}, in any letter case (the parser returns the spelling listed here).
     *
     * @param values the accepted spellings
     */
    record OneOf(List<String> values) implements Validity {
      public OneOf {
        values = List.copyOf(values);
      }
    }

    /** Any text but the empty one (absent is fine). */
    record NonEmpty() implements Validity {}
  }

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(importance, "importance");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(note, "note");
    if (defaultValue instanceof List<?> list) {
      defaultValue = List.copyOf(list);
    }
  }

  /** Whether users may set the key to something other than its default. */
  public boolean settable() {
    return status != Status.REJECTED;
  }

  /** The smallest accepted whole number: the range's, else the type's. */
  public long min() {
    Long min = validity instanceof Validity.Range r ? r.min() : null;
    if (min != null) {
      return min;
    }
    return switch (type) {
      case INT -> Integer.MIN_VALUE;
      case SHORT -> Short.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
  }

  /** The largest accepted whole number: the range's, else the type's. */
  public long max() {
    Long max = validity instanceof Validity.Range r ? r.max() : null;
    if (max != null) {
      return max;
    }
    return switch (type) {
      case INT -> Integer.MAX_VALUE;
      case SHORT -> Short.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
  }

  /** The accepted spellings of a {@link Validity.OneOf} key, else empty. */
  public List<String> allowedValues() {
    return validity instanceof Validity.OneOf o ? o.values() : List.of();
  }

  public long defaultLong() {
    return ((Number) requireDefault()).longValue();
  }

  public int defaultInt() {
    return ((Number) requireDefault()).intValue();
  }

  public boolean defaultBoolean() {
    return (Boolean) requireDefault();
  }

  /** The default as text (null when there is none). */
  public String defaultString() {
    return defaultValue == null ? null : String.valueOf(defaultValue);
  }

  @SuppressWarnings("unchecked")
  public List<String> defaultList() {
    return defaultValue == null ? List.of() : (List<String>) defaultValue;
  }

  private Object requireDefault() {
    if (defaultValue == null) {
      throw new IllegalStateException(name + " has no default");
    }
    return defaultValue;
  }

  /** The accepted values in words, for documentation: "[0, ...]", "one of a, b", "any". */
  public String describeValidity() {
    if (validity instanceof Validity.Range) {
      boolean openMin = ((Validity.Range) validity).min() == null;
      boolean openMax = ((Validity.Range) validity).max() == null;
      return "[" + (openMin ? "..." : min()) + ", " + (openMax ? "..." : max()) + "]";
    }
    if (validity instanceof Validity.OneOf o) {
      return "one of " + String.join(", ", o.values()) + " (any case)";
    }
    if (validity instanceof Validity.NonEmpty) {
      return "non-empty";
    }
    return "any";
  }

  /** The status as users read it in the documentation. */
  public String describeStatus() {
    return switch (status) {
          case IMPLEMENTED -> origin == Origin.PLUME ? "implemented (Plume only)" : "implemented";
          case ACCEPTED_WITHOUT_EFFECT -> "accepted, no effect (logged as unused)";
          case REJECTED -> "rejected unless " + (defaultValue == null ? "empty" : defaultValue);
        }
        + (note.isEmpty() ? "" : ": " + note);
  }

  @Override
  public String toString() {
    return name + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
  }
}
