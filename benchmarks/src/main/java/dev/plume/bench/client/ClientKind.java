package dev.plume.bench.client;

import java.util.Locale;
import java.util.Map;

/** The two clients under comparison. */
public enum ClientKind {
  PLUME("plume"),
  KAFKA_CLIENTS("kafka-clients");

  private final String label;

  ClientKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Creates a producer of this kind from Kafka-style configuration (byte[] keys and values). */
  public ClientAdapter create(Map<String, Object> configs) {
    return switch (this) {
      case PLUME -> new PlumeAdapter(configs);
      case KAFKA_CLIENTS -> new KafkaClientsAdapter(configs);
    };
  }

  /** Accepts "plume", "kafka-clients" (or "kafka"), case-insensitively. */
  public static ClientKind parse(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    for (ClientKind k : values()) {
      if (k.label.equals(t)) {
        return k;
      }
    }
    if (t.equals("kafka")) {
      return KAFKA_CLIENTS;
    }
    throw new IllegalArgumentException(
        "unknown client '" + text + "', expected plume or kafka-clients");
  }
}
