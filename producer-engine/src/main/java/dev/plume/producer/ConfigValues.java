package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads typed values out of a raw configuration map the way Kafka's ConfigDef accepts them:
 * strings, numbers, booleans, classes and lists, with errors that name the key, value and rule. The
 * {@link ConfigKey} overloads take the default and the accepted values from the table.
 */
final class ConfigValues {

  private final Map<String, ?> raw;

  ConfigValues(Map<String, ?> raw) {
    this.raw = raw;
  }

  boolean isSet(String key) {
    return raw.get(key) != null;
  }

  Object rawValue(String key) {
    return raw.get(key);
  }

  String string(String key, String defaultValue) {
    Object v = raw.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof String s) {
      return s.trim();
    }
    if (v instanceof Class<?> c) {
      return c.getName();
    }
    return v.toString();
  }

  String oneOf(String key, String defaultValue, String... allowed) {
    String v = string(key, defaultValue);
    if (v == null) {
      return null;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw new ConfigException(key, v, "must be one of " + Arrays.toString(allowed));
  }

  long longValue(String key, long defaultValue, long min, long max) {
    Object v = raw.get(key);
    long result;
    if (v == null) {
      return defaultValue;
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      result = ((Number) v).longValue();
    } else if (v instanceof String s) {
      try {
        result = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key, v, "must be a whole number");
      }
    } else {
      throw new ConfigException(key, v, "must be a whole number, not a " + v.getClass().getName());
    }
    if (result < min || result > max) {
      throw new ConfigException(key, v, "must be in [" + min + ", " + max + "]");
    }
    return result;
  }

  /** A LONG key: its default when absent, else a whole number in its range. */
  long longValue(ConfigKey key) {
    return longValue(key.name(), key.defaultLong(), key.min(), key.max());
  }

  /** An INT key: its default when absent, else a whole number in its range. */
  int intValue(ConfigKey key) {
    return (int) longValue(key.name(), key.defaultInt(), key.min(), key.max());
  }

  boolean bool(ConfigKey key) {
    return bool(key.name(), key.defaultBoolean());
  }

  String string(ConfigKey key) {
    return string(key.name(), key.defaultString());
  }

  /** A key with allowed values: the listed spelling of the value given, or of the default. */
  String oneOf(ConfigKey key) {
    return oneOf(key.name(), key.defaultString(), key.allowedValues().toArray(String[]::new));
  }

  boolean bool(String key, boolean defaultValue) {
    Object v = raw.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw new ConfigException(key, v, "must be true or false");
  }

  List<String> list(String key) {
    Object v = raw.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        addTrimmed(out, o instanceof Class<?> c ? c.getName() : String.valueOf(o));
      }
    } else if (v instanceof Class<?> c) {
      out.add(c.getName());
    } else {
      for (String part : v.toString().split(",")) {
        addTrimmed(out, part);
      }
    }
    return out;
  }

  private static void addTrimmed(List<String> out, String s) {
    String t = s.trim();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }
}
