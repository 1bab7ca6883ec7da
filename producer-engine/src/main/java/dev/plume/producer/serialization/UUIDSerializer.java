package dev.plume.producer.serialization;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The UUID's canonical string form in UTF-8, as Kafka's UUIDSerializer writes it. */
public final class UUIDSerializer implements Serializer<UUID> {

  @Override
  public byte[] serialize(String topic, UUID data) {
    return data == null ? null : data.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
