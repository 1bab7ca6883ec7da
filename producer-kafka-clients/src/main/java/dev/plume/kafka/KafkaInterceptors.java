package dev.plume.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured {@code interceptor.classes}, called as {@code KafkaProducer} calls them: in order,
 * an interceptor that throws is logged and skipped (the next one sees the last good record), and
 * acknowledgements go to the variant with headers where the kafka-clients version has it.
 */
final class KafkaInterceptors<K, V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaInterceptors.class);

  /** kafka-clients before 4.1 has only {@code onAcknowledgement(metadata, exception)}. */
  static final boolean ACK_WITH_HEADERS = hasAckWithHeaders();

  private final List<ProducerInterceptor<K, V>> interceptors;

  KafkaInterceptors(List<ProducerInterceptor<K, V>> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  private static boolean hasAckWithHeaders() {
    try {
      ProducerInterceptor.class.getMethod(
          "onAcknowledgement", RecordMetadata.class, Exception.class, Headers.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  boolean isEmpty() {
    return interceptors.isEmpty();
  }

  List<ProducerInterceptor<K, V>> all() {
    return interceptors;
  }

  ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    ProducerRecord<K, V> current = record;
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        current = i.onSend(current);
      } catch (Exception e) {
        log.warn(
            "Error executing interceptor onSend callback for topic: {}, partition: {}",
            current.topic(),
            current.partition(),
            e);
      }
    }
    return current;
  }

  void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        if (ACK_WITH_HEADERS) {
          i.onAcknowledgement(metadata, exception, headers);
        } else {
          i.onAcknowledgement(metadata, exception);
        }
      } catch (Exception e) {
        log.warn("Error executing interceptor onAcknowledgement callback", e);
      }
    }
  }

  /** A record that failed before it was queued; {@code partition} -1 when none was chosen. */
  void onSendError(ProducerRecord<K, V> record, int partition, Exception exception) {
    if (interceptors.isEmpty() || record == null) {
      return;
    }
    int p = partition >= 0 ? partition : record.partition() == null ? -1 : record.partition();
    RecordMetadata metadata =
        new RecordMetadata(new TopicPartition(record.topic(), p), -1, -1, -1, -1, -1);
    onAcknowledgement(metadata, exception, record.headers());
  }

  @Override
  public void close() {
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        i.close();
      } catch (Exception e) {
        log.error("Failed to close producer interceptor {}", i.getClass().getName(), e);
      }
    }
  }
}
