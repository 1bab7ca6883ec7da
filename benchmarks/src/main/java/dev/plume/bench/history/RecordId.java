package dev.plume.bench.history;

import java.nio.charset.StandardCharsets;

/**
 * Which send a record came from: the producer (one instance, e.g. {@code tx1.g2}) and its send
 * sequence number, which grows by one per send of that producer. Records carry it in their value as
 * text, {@code <producer> <seq> } then padding, so the checker needs nothing but the bytes read.
 */
public record RecordId(String producer, long seq) {

  public RecordId {
    if (producer.isEmpty() || producer.contains(" ") || producer.contains("\t")) {
      throw new IllegalArgumentException("producer names have no blanks: '" + producer + "'");
    }
  }

  /** The record value: the id, then spaces up to {@code sizeBytes} (at least the id). */
  public byte[] toValue(int sizeBytes) {
    byte[] id = (producer + " " + seq + " ").getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[Math.max(sizeBytes, id.length)];
    System.arraycopy(id, 0, value, 0, id.length);
    for (int i = id.length; i < value.length; i++) {
      value[i] = ' ';
    }
    return value;
  }

  /** The id in a value written by {@link #toValue}, or null if the value is not one. */
  public static RecordId fromValue(byte[] value) {
    if (value == null) {
      return null;
    }
    String text = new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8);
    String[] parts = text.trim().split(" ", 3);
    if (parts.length < 2) {
      return null;
    }
    try {
      return new RecordId(parts[0], Long.parseLong(parts[1]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return producer + "#" + seq;
  }
}
