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
 * {@code send} returns and the completion the engine calls (with plain values, so the engine makes
 * no metadata object of its own), and it runs the interceptors' acknowledgement and the user's
 * callback. The only other per-record object is Kafka's {@link RecordMetadata} itself.
 */
final class SendFuture implements Future<RecordMetadata>, dev.plume.producer.RecordOutcome {

  private static final Logger log = LoggerFactory.getLogger(SendFuture.class);

  private final Callback callback; // may be null
  private final KafkaInterceptors<?, ?> interceptors; // null when there are none
  private final Headers headers; // only kept for interceptors
  private final TopicPartitions topicPartitions;

  /** Kafka's metadata on success, or the Kafka exception; null until done. */
  private volatile Object outcome;

  /** Threads waiting in get(); completion only takes the monitor when there are any. */
  private volatile int waiters;

  SendFuture(
      Callback callback,
      KafkaInterceptors<?, ?> interceptors,
      Headers headers,
      TopicPartitions topicPartitions) {
    this.callback = callback;
    this.interceptors = interceptors;
    this.headers = interceptors == null ? null : headers;
    this.topicPartitions = topicPartitions;
  }

  /** A future already failed with {@code error} (nothing was queued). */
  static SendFuture failed(RuntimeException error) {
    SendFuture f = new SendFuture(null, null, null, null);
    f.outcome = error;
    return f;
  }

  @Override
  public void onOutcome(
      String topic,
      int partition,
      long offset,
      long timestampMs,
      int keySizeBytes,
      int valueSizeBytes,
      Exception exception) {
    TopicPartition tp = topicPartitions.of(topic, partition);
    RuntimeException error = exception == null ? null : KafkaExceptions.forRecord(exception);
    // As KafkaProducer: a failed record's metadata has its partition and -1 everywhere else.
    RecordMetadata metadata =
        error != null
            ? new RecordMetadata(tp, -1, -1, -1, -1, -1)
            : new RecordMetadata(tp, offset, 0, timestampMs, keySizeBytes, valueSizeBytes);
    if (interceptors != null) {
      interceptors.onAcknowledgement(metadata, error, headers);
    }
    if (callback != null) {
      try {
        callback.onCompletion(metadata, error);
      } catch (RuntimeException e) {
        log.error("Error executing user-provided callback on message for topic {}", topic, e);
      }
    }
    outcome = error != null ? error : metadata;
    if (waiters > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
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

  private static RecordMetadata value(Object o) throws ExecutionException {
    if (o instanceof RuntimeException e) {
      throw new ExecutionException(e);
    }
    return (RecordMetadata) o;
  }
}
