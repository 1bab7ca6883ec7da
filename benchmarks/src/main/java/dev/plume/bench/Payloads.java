package dev.plume.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Pre-generated payloads with realistic compressibility (words from a vocabulary plus digits),
 * shared by both clients so that neither pays for generating data inside the measurement.
 */
final class Payloads {

  private static final String[] WORDS = {
    "order",
    "customer",
    "amount",
    "currency",
    "EUR",
    "USD",
    "status",
    "created",
    "updated",
    "shipped",
    "pending",
    "id",
    "item",
    "quantity",
    "price",
    "warehouse",
    "region",
    "north",
    "south",
    "east",
    "west",
    "true",
    "false",
    "null",
    "{",
    "}",
    ":",
    ",",
    "\""
  };

  private Payloads() {}

  /** {@code count} distinct values of {@code size} bytes each. */
  static byte[][] values(int count, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder(size + 16);
      while (sb.length() < size) {
        sb.append(WORDS[random.nextInt(WORDS.length)]);
        if (random.nextInt(4) == 0) {
          sb.append(random.nextInt(100_000));
        }
        sb.append(' ');
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
      values[i] = java.util.Arrays.copyOf(bytes, size);
    }
    return values;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
