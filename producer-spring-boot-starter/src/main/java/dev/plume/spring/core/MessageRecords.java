package dev.plume.spring.core;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Turns a Spring {@link Message} into a record: {@link PlumeHeaders} address it, every other header
 * becomes a record header. Kept apart from {@link ProducerTemplate} so that spring-messaging's
 * classes are loaded only by applications that send messages.
 */
final class MessageRecords {

  /** Read into the record's fields, or Spring's own bookkeeping: never record headers. */
  private static final Set<String> NOT_MAPPED =
      Set.of(
          PlumeHeaders.TOPIC,
          PlumeHeaders.KEY,
          PlumeHeaders.PARTITION,
          PlumeHeaders.PARTITION_SHORT,
          PlumeHeaders.TIMESTAMP,
          MessageHeaders.ID,
          MessageHeaders.TIMESTAMP);

  private MessageRecords() {}

  /**
   * @param defaultTopic used when the message has no {@link PlumeHeaders#TOPIC}; may be null
   * @throws IllegalArgumentException when there is no topic, or an addressing header has the wrong
   *     type
   */
  // The key header and the payload are the application's K and V, unchecked as with any send.
  @SuppressWarnings("unchecked")
  static <K, V> ProducerRecord<K, V> toRecord(Message<?> message, String defaultTopic) {
    MessageHeaders headers = message.getHeaders();
    Object topicHeader = headers.get(PlumeHeaders.TOPIC);
    String topic =
        topicHeader != null ? typed(topicHeader, String.class, PlumeHeaders.TOPIC) : null;
    if (topic == null) {
      topic = defaultTopic;
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(
          "Message has no "
              + PlumeHeaders.TOPIC
              + " header and the template has no default topic"
              + " (plume.producer.template.default-topic)");
    }
    Object partitionHeader = headers.get(PlumeHeaders.PARTITION);
    if (partitionHeader == null) {
      partitionHeader = headers.get(PlumeHeaders.PARTITION_SHORT);
    }
    Integer partition =
        partitionHeader == null
            ? null
            : typed(partitionHeader, Number.class, PlumeHeaders.PARTITION).intValue();
    Object timestampHeader = headers.get(PlumeHeaders.TIMESTAMP);
    Long timestampMs =
        timestampHeader == null
            ? null
            : typed(timestampHeader, Number.class, PlumeHeaders.TIMESTAMP).longValue();
    return new ProducerRecord<>(
        topic,
        partition,
        timestampMs,
        (K) headers.get(PlumeHeaders.KEY),
        (V) message.getPayload(),
        recordHeaders(headers));
  }

  /**
   * String values as UTF-8, byte[] as they are, null values skipped, anything else as its {@code
   * toString()} in UTF-8 (numbers, booleans, UUIDs, MIME types stay readable).
   */
  private static List<Header> recordHeaders(MessageHeaders headers) {
    List<Header> mapped = new ArrayList<>();
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      Object value = header.getValue();
      if (NOT_MAPPED.contains(header.getKey()) || value == null) {
        continue;
      }
      byte[] bytes =
          value instanceof byte[] raw
              ? raw
              : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
      mapped.add(new Header(header.getKey(), bytes));
    }
    return mapped;
  }

  private static <T> T typed(Object value, Class<T> type, String header) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "Message header "
              + header
              + " must be a "
              + type.getSimpleName()
              + ", not "
              + value.getClass().getName());
    }
    return type.cast(value);
  }
}
