package dev.plume.kafka;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

  /**
   * {@code onAcknowledgement(metadata, exception, headers)}, or null: kafka-clients before 4.1 has
   * only {@code onAcknowledgement(metadata, exception)}. Called through a handle so that this class
   * compiles and runs against both.
   */
  private static final MethodHandle ACK_WITH_HEADERS_HANDLE = ackWithHeaders();

  static final boolean ACK_WITH_HEADERS = ACK_WITH_HEADERS_HANDLE != null;

  private final List<ProducerInterceptor<K, V>> interceptors;

  KafkaInterceptors(List<ProducerInterceptor<K, V>> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  private static MethodHandle ackWithHeaders() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              ProducerInterceptor.class,
              "onAcknowledgement",
              MethodType.methodType(
                  void.class, RecordMetadata.class, Exception.class, Headers.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  boolean isEmpty() {
    return interceptors.isEmpty();
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
        if (ACK_WITH_HEADERS_HANDLE != null) {
          ACK_WITH_HEADERS_HANDLE.invokeExact(
              (ProducerInterceptor<?, ?>) i, metadata, exception, headers);
        } else {
          i.onAcknowledgement(metadata, exception);
        }
      } catch (Exception e) {
        log.warn("Error executing interceptor onAcknowledgement callback", e);
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        // invokeExact declares Throwable; the method throws only unchecked exceptions.
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
