package dev.plume.spring.json;

import dev.plume.producer.serialization.Serializer;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes keys or values as JSON (UTF-8) with a Jackson 3 {@link JsonMapper}, normally Spring
 * Boot's, so the application's Jackson settings (modules, naming, dates) apply to records too. Null
 * stays null (a null key, or a tombstone value). Thread-safe, as the mapper is.
 */
public final class JacksonJsonSerializer<T> implements Serializer<T> {

  private final JsonMapper mapper;

  public JacksonJsonSerializer(JsonMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
  }

  /** The mapper this serializer writes with. */
  public JsonMapper mapper() {
    return mapper;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    // JacksonException is unchecked in Jackson 3; the producer wraps it in a SerializationException
    // naming the topic and this serializer.
    return data == null ? null : mapper.writeValueAsBytes(data);
  }

  @Override
  public String toString() {
    return "JacksonJsonSerializer";
  }
}
