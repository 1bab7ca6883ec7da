package dev.plume.bench.client;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The clients under comparison. */
public enum ClientKind {
  PLUME("plume"),
  /** {@code PlumeProducer}'s allocation-free send: no record object, no future, no metadata. */
  PLUME_OUTCOME("plume-outcome"),
  /** {@code PlumeKafkaProducer}: the kafka-clients Producer API over the Plume engine. */
  PLUME_KAFKA_API("plume-kafka-api"),
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
      case PLUME, PLUME_OUTCOME -> new PlumeAdapter(this, configs);
      case PLUME_KAFKA_API ->
          new KafkaApiAdapter(
              this,
              new dev.plume.kafka.PlumeKafkaProducer<>(
                  configs, new ByteArraySerializer(), new ByteArraySerializer()));
      case KAFKA_CLIENTS ->
          new KafkaApiAdapter(
              this,
              new org.apache.kafka.clients.producer.KafkaProducer<>(
                  withoutPlumeSettings(configs),
                  new ByteArraySerializer(),
                  new ByteArraySerializer()));
    };
  }

  /**
   * Plume-only settings ({@code plume.*}, e.g. adaptive batching) are left out for kafka-clients,
   * which then runs its defaults: the baseline a Plume setting is measured against.
   */
  static Map<String, Object> withoutPlumeSettings(Map<String, Object> configs) {
    Map<String, Object> kept = new java.util.HashMap<>(configs);
    kept.keySet().removeIf(key -> key.startsWith("plume."));
    return kept;
  }

  /**
   * Accepts "plume", "plume-outcome", "plume-kafka-api", "kafka-clients" (or "kafka"),
   * case-insensitively.
   */
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
        "unknown client '"
            + text
            + "', expected plume, plume-outcome, plume-kafka-api or kafka-clients");
  }
}
