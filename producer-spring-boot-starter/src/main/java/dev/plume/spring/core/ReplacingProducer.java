package dev.plume.spring.core;

import dev.plume.producer.Callback;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer that replaces its delegate once the delegate failed fatally ({@link
 * Producer#fatalError()}: fenced, not authorized for idempotent writes, ...), as spring-kafka's
 * producer factory does: the failed producer is closed and a new one is created from the same
 * definition at the next use, logged at WARN and counted ({@link #replacementsTotal()}).
 *
 * <p>Until that next use, {@link #metrics()} and {@link #fatalError()} report the failed producer,
 * so health shows DOWN with the reason. A non-transactional producer is replaced at the next {@code
 * send} or {@code partitionsFor}. A transactional one only at the next {@code initTransactions} or
 * {@code beginTransaction}, never in the middle of a transaction (a send after fencing fails, the
 * transaction aborts, the next one runs on a new producer, whose transactions are initialised first
 * with the same {@code transactional.id}).
 */
public final class ReplacingProducer<K, V> implements Producer<K, V> {

  private static final Logger log = LoggerFactory.getLogger(ReplacingProducer.class);

  private final String name;
  private final Supplier<Producer<K, V>> factory;
  private final boolean transactional;
  private final Object lock = new Object();
  private final AtomicLong replacements = new AtomicLong();
  private volatile Producer<K, V> current;
  private volatile boolean transactionsInitialized;
  private volatile boolean closed;

  /**
   * @param name the producer's name in logs
   * @param first the producer to start with
   * @param factory creates each replacement
   * @param transactional whether the producer has a {@code transactional.id}
   */
  public ReplacingProducer(
      String name, Producer<K, V> first, Supplier<Producer<K, V>> factory, boolean transactional) {
    this.name = Objects.requireNonNull(name, "name");
    this.current = Objects.requireNonNull(first, "first");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.transactional = transactional;
  }

  /** The producer in use now. */
  public Producer<K, V> current() {
    return current;
  }

  /** How many times a fatally failed producer was replaced. */
  public long replacementsTotal() {
    return replacements.get();
  }

  /** The current producer, or a new one in its place if it failed fatally. */
  private Producer<K, V> usable() {
    Producer<K, V> p = current;
    RuntimeException fatal = p.fatalError();
    if (fatal == null || closed) {
      return p;
    }
    synchronized (lock) {
      if (current != p) {
        return current;
      }
      log.warn(
          "Producer '{}' failed fatally ({}); closing it and continuing with a new producer",
          name,
          fatal.toString());
      // Closed first: the new producer has the same client.id (and so the same JMX names). If
      // creating it fails, the next use tries again (the closed one still reports its error).
      closeQuietly(p);
      Producer<K, V> fresh = factory.get();
      if (transactionsInitialized) {
        try {
          fresh.initTransactions();
        } catch (RuntimeException e) {
          closeQuietly(fresh);
          throw e;
        }
      }
      current = fresh;
      replacements.incrementAndGet();
      return fresh;
    }
  }

  private void closeQuietly(Producer<K, V> p) {
    try {
      // Every record of a fatally failed producer has failed already: nothing to wait for.
      p.close(Duration.ZERO);
    } catch (RuntimeException e) {
      log.warn("Closing the failed producer '{}' threw; ignoring it", name, e);
    }
  }

  private Producer<K, V> forSend() {
    return transactional ? current : usable();
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
    return forSend().send(record);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    return forSend().send(record, callback);
  }

  @Override
  public void flush() {
    current.flush();
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return forSend().partitionsFor(topic);
  }

  @Override
  public void initTransactions() {
    usable().initTransactions();
    transactionsInitialized = true;
  }

  @Override
  public void beginTransaction() {
    usable().beginTransaction();
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    current.sendOffsetsToTransaction(offsets, groupMetadata);
  }

  @Override
  public void commitTransaction() {
    current.commitTransaction();
  }

  @Override
  public void abortTransaction() {
    current.abortTransaction();
  }

  @Override
  public RuntimeException fatalError() {
    return current.fatalError();
  }

  @Override
  public ProducerStats metrics() {
    return current.metrics();
  }

  @Override
  public void close() {
    closed = true;
    current.close();
  }

  @Override
  public void close(Duration timeout) {
    closed = true;
    current.close(timeout);
  }

  @Override
  public String toString() {
    return "ReplacingProducer[" + name + ", replacements=" + replacements + "]";
  }
}
