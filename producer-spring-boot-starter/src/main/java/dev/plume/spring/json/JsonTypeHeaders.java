package dev.plume.spring.json;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the class name of a record's JSON value (header {@value #VALUE_TYPE_HEADER}) and/or key
 * ({@value #KEY_TYPE_HEADER}) as a UTF-8 header, the names spring-kafka's JSON deserializer reads
 * to pick the type. A header of the same name already on the record is replaced; a null key or
 * value gets none. Runs as the last interceptor of a producer whose key or value serializer is
 * {@link JacksonJsonSerializer}, when {@code plume.producer.json.add-type-headers=true}.
 */
public final class JsonTypeHeaders implements ProducerInterceptor<Object, Object> {

  /** The value's class name. */
  public static final String VALUE_TYPE_HEADER = "__TypeId__";

  /** The key's class name. */
  public static final String KEY_TYPE_HEADER = "__Key_TypeId__";

  private final boolean forKeys;
  private final boolean forValues;

  /**
   * @param forKeys whether to add {@value #KEY_TYPE_HEADER}
   * @param forValues whether to add {@value #VALUE_TYPE_HEADER}
   */
  public JsonTypeHeaders(boolean forKeys, boolean forValues) {
    this.forKeys = forKeys;
    this.forValues = forValues;
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    boolean addKey = forKeys && record.key() != null;
    boolean addValue = forValues && record.value() != null;
    if (!addKey && !addValue) {
      return record;
    }
    List<Header> headers = new ArrayList<>(record.headers().size() + 2);
    for (Header header : record.headers()) {
      boolean replaced =
          (addKey && header.key().equals(KEY_TYPE_HEADER))
              || (addValue && header.key().equals(VALUE_TYPE_HEADER));
      if (!replaced) {
        headers.add(header);
      }
    }
    if (addKey) {
      headers.add(Header.of(KEY_TYPE_HEADER, record.key().getClass().getName()));
    }
    if (addValue) {
      headers.add(Header.of(VALUE_TYPE_HEADER, record.value().getClass().getName()));
    }
    return new ProducerRecord<>(
        record.topic(),
        record.partition(),
        record.timestampMs(),
        record.key(),
        record.value(),
        headers);
  }

  @Override
  public String toString() {
    return "JsonTypeHeaders[keys=" + forKeys + ", values=" + forValues + "]";
  }
}
