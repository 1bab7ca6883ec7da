package dev.plume.spring.core;

import dev.plume.producer.Header;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.spring.observation.DefaultPlumeSendObservationConvention;
import dev.plume.spring.observation.PlumeSendContext;
import dev.plume.spring.observation.PlumeSendObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.util.ClassUtils;

/**
 * The Spring-friendly face of one Plume {@link Producer}: sends return {@code
 * CompletableFuture<SendResult>}, every outcome reaches the {@link ProducerListener}s and the
 * {@link SendObserver}, and transactions are one call. Thread-safe.
 *
 * <p>A transactional template ({@link Builder#transactionalPool}) runs each transaction on its own
 * producer from a {@link TransactionalProducerPool}, owned by the thread that started it: {@link
 * #executeInTransaction}, a {@code PlumeTransactionManager} transaction ({@code @Transactional}),
 * or a transaction of another Spring transaction manager, which a send joins with a Kafka
 * transaction committed after it. A send with no transaction on its thread never joins another
 * thread's: it goes to the non-transactional {@link #producer()} when {@link
 * Builder#allowNonTransactional} is set, and otherwise throws {@link IllegalStateException}.
 *
 * <p>Failures, including those the producer throws before queueing (serialization, buffer full past
 * {@code max.block.ms}, closed producer), complete the future exceptionally with a {@link
 * SendFailedException}; only invalid arguments throw.
 */
public class ProducerTemplate<K, V> {

  private static final Logger log = LoggerFactory.getLogger(ProducerTemplate.class);

  /** How long a transaction waits for the producer of a pool of one (the old lock had no bound). */
  private static final Duration MAX_WAIT = Duration.ofDays(365);

  private final String name;
  private final Producer<K, V> producer;
  private final String defaultTopic;
  private final List<ProducerListener<K, V>> listeners;
  private final SendObserver sendObserver;
  private final TransactionalProducerPool<K, V> transactionalPool; // null: not transactional
  private final boolean allowNonTransactional;
  private final ObservationRegistry observationRegistry; // null: no observations
  private final PlumeSendObservationConvention observationConvention; // null: the default

  // spring-tx is optional: without it only executeInTransaction starts transactions.
  private static final boolean SPRING_TX_PRESENT =
      ClassUtils.isPresent(
          "org.springframework.transaction.support.TransactionSynchronizationManager",
          ProducerTemplate.class.getClassLoader());

  /** The transaction {@link #executeInTransaction} runs on this thread, if any. */
  private final ThreadLocal<TransactionalProducerPool.Lease<K, V>> localTransaction =
      new ThreadLocal<>();

  private ProducerTemplate(Builder<K, V> builder) {
    this.name = builder.name;
    this.producer = builder.producer;
    this.defaultTopic = builder.defaultTopic;
    this.listeners = List.copyOf(builder.listeners);
    this.sendObserver = builder.sendObserver;
    if (builder.transactionalPool != null) {
      this.transactionalPool = builder.transactionalPool;
    } else if (builder.transactional) {
      // The producer itself is transactional: a pool of one, transactions one at a time.
      this.transactionalPool =
          TransactionalProducerPool.single(
              builder.name, builder.producer, "(the producer's transactional.id)", MAX_WAIT);
    } else {
      this.transactionalPool = null;
    }
    this.allowNonTransactional = builder.allowNonTransactional;
    if (builder.transactional && builder.transactionalPool == null && allowNonTransactional) {
      throw new IllegalStateException(
          "Producer template '"
              + builder.name
              + "': non-transactional sends need a separate non-transactional producer; use a"
              + " transaction-id-prefix (a pool) instead of a transactional-id");
    }
    // Not isNoop() here: handlers are often registered after the templates are built.
    this.observationRegistry =
        builder.observationRegistry == ObservationRegistry.NOOP
            ? null
            : builder.observationRegistry;
    this.observationConvention = builder.observationConvention;
  }

  public static <K, V> Builder<K, V> builder(Producer<K, V> producer) {
    return new Builder<>(producer);
  }

  /** The template's name: its bean name, used as the {@code name} metrics tag. */
  public String name() {
    return name;
  }

  /** The producer this template sends through. */
  public Producer<K, V> producer() {
    return producer;
  }

  /** The topic of {@link #sendDefault}, or null when none is configured. */
  public String defaultTopic() {
    return defaultTopic;
  }

  /** True when the template runs transactions (a transaction-id-prefix or transactional-id). */
  public boolean isTransactional() {
    return transactionalPool != null;
  }

  /** The producers transactions run on, or null when the template is not transactional. */
  public TransactionalProducerPool<K, V> transactionalPool() {
    return transactionalPool;
  }

  /** Whether a transactional template sends outside transactions (through {@link #producer()}). */
  public boolean isAllowNonTransactional() {
    return allowNonTransactional;
  }

  public CompletableFuture<SendResult<K, V>> send(String topic, V value) {
    return send(new ProducerRecord<>(topic, null, null, null, value, List.of()));
  }

  public CompletableFuture<SendResult<K, V>> send(String topic, K key, V value) {
    return send(new ProducerRecord<>(topic, null, null, key, value, List.of()));
  }

  /**
   * @param partition null to let the partitioner choose
   * @param timestampMs CreateTime in epoch milliseconds, or null for the send time
   * @param headers may be null
   */
  public CompletableFuture<SendResult<K, V>> send(
      String topic, Integer partition, Long timestampMs, K key, V value, List<Header> headers) {
    return send(new ProducerRecord<>(topic, partition, timestampMs, key, value, headers));
  }

  /**
   * @param partition null to let the partitioner choose
   */
  public CompletableFuture<SendResult<K, V>> send(String topic, Integer partition, K key, V value) {
    return send(new ProducerRecord<>(topic, partition, null, key, value, List.of()));
  }

  /**
   * @param partition null to let the partitioner choose
   * @param timestampMs CreateTime in epoch milliseconds, or null for the send time
   */
  public CompletableFuture<SendResult<K, V>> send(
      String topic, Integer partition, Long timestampMs, K key, V value) {
    return send(new ProducerRecord<>(topic, partition, timestampMs, key, value, List.of()));
  }

  /**
   * Sends a Spring messaging {@code Message}: the payload is the value, serialized by the value
   * serializer; the {@link PlumeHeaders} (spring-kafka's {@code KafkaHeaders} names) give topic,
   * key, partition and timestamp, and the topic defaults to {@link #defaultTopic()}. Every other
   * header becomes a record header: String as UTF-8, byte[] as is, other values as their {@code
   * toString()} in UTF-8; Spring's {@code id} and {@code timestamp} headers and null values are
   * left out.
   *
   * @throws IllegalArgumentException when the message names no topic and there is no default one,
   *     or a partition or timestamp header is not a number
   */
  public CompletableFuture<SendResult<K, V>> send(Message<?> message) {
    Objects.requireNonNull(message, "message must not be null");
    return send(MessageRecords.<K, V>toRecord(message, defaultTopic));
  }

  /** Sends to {@code plume.producer.template.default-topic}. */
  public CompletableFuture<SendResult<K, V>> sendDefault(V value) {
    return send(requireDefaultTopic(), value);
  }

  /** Sends to {@code plume.producer.template.default-topic}. */
  public CompletableFuture<SendResult<K, V>> sendDefault(K key, V value) {
    return send(requireDefaultTopic(), key, value);
  }

  /**
   * Sends to {@code plume.producer.template.default-topic}.
   *
   * @param partition null to let the partitioner choose
   */
  public CompletableFuture<SendResult<K, V>> sendDefault(Integer partition, K key, V value) {
    return send(requireDefaultTopic(), partition, key, value);
  }

  /**
   * Sends to {@code plume.producer.template.default-topic}.
   *
   * @param partition null to let the partitioner choose
   * @param timestampMs CreateTime in epoch milliseconds, or null for the send time
   */
  public CompletableFuture<SendResult<K, V>> sendDefault(
      Integer partition, Long timestampMs, K key, V value) {
    return send(requireDefaultTopic(), partition, timestampMs, key, value);
  }

  public CompletableFuture<SendResult<K, V>> send(ProducerRecord<K, V> record) {
    Objects.requireNonNull(record, "record must not be null");
    long startNanos = System.nanoTime();
    if (observationRegistry == null || observationRegistry.isNoop()) {
      return doSend(record, record, null, null, startNanos);
    }
    // Started before the record is handed over: a tracing handler injects the trace context
    // into the context's carrier (the record's headers) when the observation starts.
    PlumeSendContext context = new PlumeSendContext(record, name);
    Observation observation =
        Observation.createNotStarted(
                observationConvention,
                DefaultPlumeSendObservationConvention.INSTANCE,
                () -> context,
                observationRegistry)
            .start();
    ProducerRecord<K, V> toSend =
        context.hasAddedHeaders()
            ? new ProducerRecord<>(
                record.topic(),
                record.partition(),
                record.timestampMs(),
                record.key(),
                record.value(),
                context.getHeaders())
            : record;
    return doSend(record, toSend, observation, context, startNanos);
  }

  private CompletableFuture<SendResult<K, V>> doSend(
      ProducerRecord<K, V> record,
      ProducerRecord<K, V> toSend,
      Observation observation,
      PlumeSendContext context,
      long startNanos) {
    CompletableFuture<RecordMetadata> sent;
    Producer<K, V> target;
    try {
      target = producerForSend();
    } catch (RuntimeException e) {
      // No transaction to send in: a usage error, thrown like an invalid argument.
      stopObservation(observation, null, null, e);
      throw e;
    }
    try {
      sent = target.send(toSend);
    } catch (RuntimeException e) {
      // Failed before queueing: report it the same way as a failure after queueing.
      stopObservation(observation, null, null, e);
      CompletableFuture<SendResult<K, V>> failed = new CompletableFuture<>();
      failed.completeExceptionally(failure(toSend, e, startNanos));
      return failed;
    }
    return sent.handle(
        (metadata, error) -> {
          if (error != null) {
            Throwable cause = unwrap(error);
            stopObservation(observation, context, null, cause);
            throw failure(toSend, cause, startNanos);
          }
          stopObservation(observation, context, metadata, null);
          succeeded(toSend, metadata, startNanos);
          return new SendResult<>(toSend, metadata);
        });
  }

  private static void stopObservation(
      Observation observation, PlumeSendContext context, RecordMetadata metadata, Throwable error) {
    if (observation == null) {
      return;
    }
    if (context != null) {
      context.setMetadata(metadata);
    }
    if (error != null) {
      observation.error(error);
    }
    observation.stop();
  }

  /**
   * Runs {@code callback} inside one transaction on a producer of the pool: begin, then commit when
   * it returns, or abort when it (or the commit) throws; the exception is rethrown. Transactions of
   * different threads run at once, each on its own producer (with a {@code transactional-id}
   * instead of a prefix, one at a time). This transaction is independent of any Spring transaction
   * of the thread.
   *
   * @throws IllegalStateException when the template is not transactional, or when called from
   *     inside {@code executeInTransaction} of this template
   */
  public <T> T executeInTransaction(TransactionCallback<K, V, T> callback) {
    Objects.requireNonNull(callback, "callback must not be null");
    if (transactionalPool == null) {
      throw new IllegalStateException(
          "Producer template '"
              + name
              + "' is not transactional: set plume.producer.transaction-id-prefix (or"
              + " plume.producer.clients."
              + name
              + ".transaction-id-prefix for a named client), or the older transactional-id");
    }
    if (localTransaction.get() != null) {
      throw new IllegalStateException(
          "executeInTransaction called inside a transaction of template '" + name + "'");
    }
    TransactionalProducerPool.Lease<K, V> lease = transactionalPool.acquire();
    Producer<K, V> txProducer = lease.producer();
    boolean discard = false;
    try {
      txProducer.beginTransaction();
    } catch (RuntimeException | Error e) {
      transactionalPool.release(lease, true);
      throw e;
    }
    localTransaction.set(lease);
    try {
      T result = callback.doInTransaction(this);
      txProducer.commitTransaction();
      return result;
    } catch (RuntimeException | Error e) {
      discard = !abortQuietly(txProducer, e);
      throw e;
    } finally {
      localTransaction.remove();
      transactionalPool.release(lease, discard);
    }
  }

  /**
   * True while the current thread runs a transaction of this template: inside {@link
   * #executeInTransaction}, or a Spring transaction with a Kafka transaction of this template.
   */
  public boolean inTransaction() {
    return localTransaction.get() != null
        || (transactionalPool != null
            && SPRING_TX_PRESENT
            && SpringTransactionJoin.isBound(transactionalPool));
  }

  /**
   * Where a send of this thread goes: the producer of the thread's transaction, else the
   * non-transactional producer when allowed.
   */
  private Producer<K, V> producerForSend() {
    if (transactionalPool == null) {
      return producer;
    }
    TransactionalProducerPool.Lease<K, V> local = localTransaction.get();
    if (local != null) {
      return local.producer();
    }
    if (SPRING_TX_PRESENT) {
      Producer<K, V> joined = SpringTransactionJoin.producerFor(transactionalPool);
      if (joined != null) {
        return joined;
      }
    }
    if (allowNonTransactional) {
      return producer;
    }
    throw new IllegalStateException(
        "Producer template '"
            + name
            + "' is transactional and no transaction is in progress on this thread: send inside"
            + " executeInTransaction or a @Transactional method, or set"
            + " plume.producer.template.allow-non-transactional=true to send such records"
            + " outside any transaction");
  }

  /**
   * Waits until every record sent so far has its outcome: those of the thread's transaction inside
   * one, else those of the non-transactional producer.
   */
  public void flush() {
    TransactionalProducerPool.Lease<K, V> local = localTransaction.get();
    if (local != null) {
      local.producer().flush();
    } else if (transactionalPool != null
        && SPRING_TX_PRESENT
        && SpringTransactionJoin.isBound(transactionalPool)) {
      SpringTransactionJoin.producerFor(transactionalPool).flush();
    } else {
      producer.flush();
    }
  }

  public List<PartitionInfo> partitionsFor(String topic) {
    return producer.partitionsFor(topic);
  }

  /** A snapshot of the producer's statistics. */
  public ProducerStats metrics() {
    return producer.metrics();
  }

  private String requireDefaultTopic() {
    if (defaultTopic == null || defaultTopic.isBlank()) {
      throw new IllegalStateException(
          "No default topic for producer template '"
              + name
              + "': set plume.producer.template.default-topic (or"
              + " plume.producer.clients.<name>.template.default-topic)");
    }
    return defaultTopic;
  }

  /** False when the abort failed too: the producer's transaction state is then unknown. */
  private static boolean abortQuietly(Producer<?, ?> txProducer, Throwable cause) {
    try {
      txProducer.abortTransaction();
      return true;
    } catch (RuntimeException abortError) {
      cause.addSuppressed(abortError);
      return false;
    }
  }

  private void succeeded(ProducerRecord<K, V> record, RecordMetadata metadata, long startNanos) {
    sendObserver.onSendCompleted(name, System.nanoTime() - startNanos, null);
    for (ProducerListener<K, V> listener : listeners) {
      try {
        listener.onSuccess(record, metadata);
      } catch (RuntimeException e) {
        log.warn("ProducerListener {} failed in onSuccess; ignoring", listener, e);
      }
    }
  }

  private SendFailedException failure(
      ProducerRecord<K, V> record, Throwable error, long startNanos) {
    sendObserver.onSendCompleted(name, System.nanoTime() - startNanos, error);
    Exception exception = error instanceof Exception e ? e : new RuntimeException(error);
    for (ProducerListener<K, V> listener : listeners) {
      try {
        listener.onError(record, exception);
      } catch (RuntimeException e) {
        log.warn("ProducerListener {} failed in onError; ignoring", listener, e);
      }
    }
    return error instanceof SendFailedException s ? s : new SendFailedException(record, error);
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  @Override
  public String toString() {
    return "ProducerTemplate[" + name + "]";
  }

  /** Assembles a template; only the producer is required. */
  public static final class Builder<K, V> {

    private final Producer<K, V> producer;
    private String name = "plumeProducerTemplate";
    private String defaultTopic;
    private final List<ProducerListener<K, V>> listeners = new ArrayList<>();
    private SendObserver sendObserver = SendObserver.NONE;
    private boolean transactional;
    private TransactionalProducerPool<K, V> transactionalPool;
    private boolean allowNonTransactional;
    private ObservationRegistry observationRegistry;
    private PlumeSendObservationConvention observationConvention;

    private Builder(Producer<K, V> producer) {
      this.producer = Objects.requireNonNull(producer, "producer must not be null");
    }

    public Builder<K, V> name(String name) {
      this.name = Objects.requireNonNull(name, "name must not be null");
      return this;
    }

    public Builder<K, V> defaultTopic(String defaultTopic) {
      this.defaultTopic = defaultTopic;
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder<K, V> listener(ProducerListener<K, V> listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    public Builder<K, V> sendObserver(SendObserver sendObserver) {
      this.sendObserver = Objects.requireNonNull(sendObserver, "sendObserver must not be null");
      return this;
    }

    /**
     * Observes every send with this registry (a Micrometer Observation per send, trace context
     * propagated into the record's headers when a tracing handler is registered); null or a no-op
     * registry: no observations, at no cost per send.
     */
    public Builder<K, V> observationRegistry(ObservationRegistry observationRegistry) {
      this.observationRegistry = observationRegistry;
      return this;
    }

    /** Replaces {@link DefaultPlumeSendObservationConvention}; null: the default. */
    public Builder<K, V> observationConvention(PlumeSendObservationConvention convention) {
      this.observationConvention = convention;
      return this;
    }

    /**
     * Runs transactions on the producer itself, which needs a {@code transactional.id}: one at a
     * time, and no sends outside them. Prefer {@link #transactionalPool}.
     */
    public Builder<K, V> transactional(boolean transactional) {
      this.transactional = transactional;
      return this;
    }

    /**
     * Runs each transaction on a producer of {@code pool}; the template's own producer then serves
     * non-transactional sends only (see {@link #allowNonTransactional}). Null: not transactional.
     */
    public Builder<K, V> transactionalPool(TransactionalProducerPool<K, V> pool) {
      this.transactionalPool = pool;
      return this;
    }

    /**
     * Whether a transactional template sends records outside transactions through its
     * non-transactional producer; false (the default): such sends throw.
     */
    public Builder<K, V> allowNonTransactional(boolean allowNonTransactional) {
      this.allowNonTransactional = allowNonTransactional;
      return this;
    }

    public ProducerTemplate<K, V> build() {
      return new ProducerTemplate<>(this);
    }
  }
}
