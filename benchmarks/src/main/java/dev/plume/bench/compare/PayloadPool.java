package dev.plume.bench.compare;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pre-generated record values that compress like real event data: JSON-ish objects with repeated
 * field names, a few enumerated values and random ids, numbers and timestamps. Generated from a
 * fixed seed, so both clients' child JVMs send byte-identical values in the same order, and nothing
 * is generated inside a measurement window.
 */
public final class PayloadPool {

  private static final String[] EVENTS = {
    "page_view", "click", "add_to_cart", "checkout", "purchase", "login", "logout", "search"
  };
  private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "ES", "IT", "PL", "SE"};
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "SEK", "PLN"};
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Macintosh)", "okhttp/4.12.0", "curl/8.5.0"
  };

  private final byte[][] values;

  private PayloadPool(byte[][] values) {
    this.values = values;
  }

  /** {@code count} values of exactly {@code sizeBytes} bytes each. */
  public static PayloadPool generate(int sizeBytes, int count, long seed) {
    if (sizeBytes < 2 || count < 1) {
      throw new IllegalArgumentException(
          "need sizeBytes >= 2 and count >= 1, got " + sizeBytes + " and " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] values = new byte[count][];
    StringBuilder sb = new StringBuilder(sizeBytes + 128);
    for (int i = 0; i < count; i++) {
      sb.setLength(0);
      sb.append('{');
      int field = 0;
      while (sb.length() < sizeBytes) {
        appendField(sb, field++, random);
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] value = Arrays.copyOf(bytes, sizeBytes);
      value[sizeBytes - 1] = '}';
      values[i] = value;
    }
    return new PayloadPool(values);
  }

  private static void appendField(StringBuilder sb, int field, SplittableRandom r) {
    if (field > 0) {
      sb.append(',');
    }
    switch (field % 10) {
      case 0 -> sb.append("\"event_id\":\"").append(Long.toHexString(r.nextLong())).append('"');
      case 1 -> sb.append("\"ts\":").append(1_763_900_000_000L + r.nextInt(86_400_000));
      case 2 -> sb.append("\"type\":\"").append(pick(EVENTS, r)).append('"');
      case 3 -> sb.append("\"user_id\":").append(r.nextInt(1_000_000));
      case 4 -> sb.append("\"country\":\"").append(pick(COUNTRIES, r)).append('"');
      case 5 ->
          sb.append("\"amount\":")
              .append(r.nextInt(100_000) / 100)
              .append('.')
              .append(10 + r.nextInt(90));
      case 6 -> sb.append("\"currency\":\"").append(pick(CURRENCIES, r)).append('"');
      case 7 -> sb.append("\"session\":\"s-").append(Integer.toHexString(r.nextInt())).append('"');
      case 8 -> sb.append("\"agent\":\"").append(pick(AGENTS, r)).append('"');
      default -> sb.append("\"attrs\":{\"ab\":").append(r.nextBoolean()).append(",\"v\":2}");
    }
  }

  private static String pick(String[] options, SplittableRandom r) {
    return options[r.nextInt(options.length)];
  }

  public int size() {
    return values.length;
  }

  /** The value at {@code index} modulo the pool size (callers must not modify it). */
  public byte[] get(long index) {
    return values[(int) (index % values.length)];
  }
}
