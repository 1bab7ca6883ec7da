package dev.plume.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record header. The key is written as UTF-8 and may not be null; the value may be null.
 *
 * <p>The value array is not copied: callers must not mutate it after handing it over. Equality
 * compares the value bytes.
 */
public record Header(String key, byte[] value) {

  public Header {
    Objects.requireNonNull(key, "header key");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Header that && key.equals(that.key) && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Header[key="
        + key
        + ", value="
        + (value == null ? "null" : value.length + " bytes")
        + "]";
  }
}
