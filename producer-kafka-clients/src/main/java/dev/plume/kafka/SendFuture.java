package dev.plume.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a send costs on top of what the kafka-clients API forces: it is both the future
 * {@code send} returns and the completion the engine calls, and it runs the interceptors'
 * acknowledgement and the user's callback. Kafka's {@link RecordMetadata} is only built when
 * someone reads it (a callback, an interceptor or {@code get}).
 */
final class SendFuture implements Future<RecordMetadata>, dev.plume.producer.Callback {

  private static final Logger log = LoggerFactory.getLogger(SendFuture.class);

  private final Callback callback; // may be null
  private final KafkaInterceptors<?, ?> interceptors; // null when there are none
  private final Headers headers; // only kept for interceptors

  /** The engine's metadata on success, or the Kafka exception; null until done. */
  private volatile Object outcome;

  /** Threads waiting in get(); completion only takes the monitor when there are any. */
  private volatile int waiters;

  private RecordMetadata metadata; // built lazily from outcome

  SendFuture(Callback callback, KafkaInterceptors<?, ?> interceptors, Headers headers) {
    this.callback = callback;
    this.interceptors = interceptors;
    this.headers = interceptors == null ? null : headers;
  }

  /** A future already failed with {@code error} (nothing was queued). */
  static SendFuture failed(RuntimeException error) {
    SendFuture f = new SendFuture(null, null, null);
    f.outcome = error;
    return f;
  }

  @Override
  public void onCompletion(dev.plume.producer.RecordMetadata m, Exception exception) {
    RuntimeException error = exception == null ? null : KafkaExceptions.forRecord(exception);
    if (callback != null || interceptors != null) {
      RecordMetadata kafkaMetadata = toKafka(m, error != null);
      if (interceptors != null) {
        interceptors.onAcknowledgement(kafkaMetadata, error, headers);
      }
      if (callback != null) {
        try {
          callback.onCompletion(kafkaMetadata, error);
        } catch (RuntimeException e) {
          log.error("Error executing user-provided callback on message for topic {}", m.topic(), e);
        }
      }
      metadata = kafkaMetadata;
    }
    outcome = error != null ? error : m;
    if (waiters > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  private static RecordMetadata toKafka(dev.plume.producer.RecordMetadata m, boolean failed) {
    TopicPartition tp = new TopicPartition(m.topic(), m.partition());
    if (failed) {
      return new RecordMetadata(tp, -1, -1, -1, -1, -1);
    }
    return new RecordMetadata(
        tp,
        m.offset(),
        0,
        m.timestampMs(),
        m.serializedKeySizeBytes(),
        m.serializedValueSizeBytes());
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return false; // as Kafka's: a sent record cannot be called back
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public boolean isDone() {
    return outcome != null;
  }

  @Override
  public RecordMetadata get() throws InterruptedException, ExecutionException {
    Object o = outcome;
    if (o == null) {
      synchronized (this) {
        waiters++;
        try {
          while ((o = outcome) == null) {
            wait();
          }
        } finally {
          waiters--;
        }
      }
    }
    return value(o);
  }

  @Override
  public RecordMetadata get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    Object o = outcome;
    if (o == null) {
      long timeoutMs = unit.toMillis(timeout);
      long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
      synchronized (this) {
        waiters++;
        try {
          while ((o = outcome) == null) {
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0) {
              throw new TimeoutException("Timeout after waiting for " + timeoutMs + " ms.");
            }
            TimeUnit.NANOSECONDS.timedWait(this, leftNs);
          }
        } finally {
          waiters--;
        }
      }
    }
    return value(o);
  }

  private RecordMetadata value(Object o) throws ExecutionException {
    if (o instanceof RuntimeException e) {
      throw new ExecutionException(e);
    }
    RecordMetadata m = metadata;
    if (m == null) {
      m = toKafka((dev.plume.producer.RecordMetadata) o, false);
      metadata = m;
    }
    return m;
  }
}
