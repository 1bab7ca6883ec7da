package dev.plume.engine;

import dev.plume.producer.Callback;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs interceptors in order. An interceptor that throws is logged and skipped: it never breaks a
 * send or the other interceptors.
 */
final class InterceptorChain<K, V> {

  private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

  private final List<ProducerInterceptor<K, V>> interceptors;

  InterceptorChain(List<ProducerInterceptor<K, V>> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  boolean isEmpty() {
    return interceptors.isEmpty();
  }

  List<ProducerInterceptor<K, V>> interceptors() {
    return interceptors;
  }

  ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
    ProducerRecord<K, V> current = record;
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        ProducerRecord<K, V> next = i.onSend(current);
        if (next != null) {
          current = next;
        }
      } catch (RuntimeException e) {
        log.warn("Interceptor {} threw in onSend; ignoring it", i.getClass().getName(), e);
      }
    }
    return current;
  }

  void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        i.onAcknowledgement(metadata, exception);
      } catch (RuntimeException e) {
        log.warn(
            "Interceptor {} threw in onAcknowledgement; ignoring it", i.getClass().getName(), e);
      }
    }
  }

  void onSendError(ProducerRecord<K, V> record, Exception exception) {
    for (ProducerInterceptor<K, V> i : interceptors) {
      try {
        i.onSendError(record, exception);
      } catch (RuntimeException e) {
        log.warn("Interceptor {} threw in onSendError; ignoring it", i.getClass().getName(), e);
      }
    }
  }

  /** The user's callback, preceded by the interceptors' acknowledgement hook. */
  Callback wrap(Callback callback) {
    if (interceptors.isEmpty()) {
      return callback;
    }
    return (metadata, exception) -> {
      onAcknowledgement(metadata, exception);
      if (callback != null) {
        callback.onCompletion(metadata, exception);
      }
    };
  }
}
