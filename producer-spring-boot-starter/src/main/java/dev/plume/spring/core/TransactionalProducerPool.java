package dev.plume.spring.core;

import dev.plume.producer.Producer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactional producers of one template, one per transaction in flight: a transaction takes a
 * producer ({@link #acquire}) and gives it back after commit or abort ({@link #release}).
 *
 * <p>Producer {@code n} has the transactional id {@code <prefix><n>}; ids are handed out lowest
 * first and a discarded producer's id is reused, so an application restarted with the same prefix
 * reuses the same ids and its {@code initTransactions} fences the zombies of the previous instance.
 * The pool grows on demand up to {@code maxSize}; past it, {@link #acquire} waits for a release. A
 * producer that failed fatally (fenced, not authorized) or whose abort failed is closed instead of
 * being returned.
 *
 * <p>{@link #single} wraps one existing transactional producer (the {@code transactional-id}
 * property): a pool of one, which neither closes nor discards that producer (its owner does, and a
 * {@link ReplacingProducer} replaces it after a fatal error).
 *
 * <p>As {@link DynamicProducers}, the pool reports each producer it creates, keyed by transactional
 * id, once its transactions are initialized, and drops it when it closes it, so that health, meters
 * and TLS reloads follow the pooled producers. A {@link #single} pool reports nothing: its producer
 * is its owner's.
 */
public final class TransactionalProducerPool<K, V> implements DynamicProducers, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransactionalProducerPool.class);

  /** A producer taken from the pool for one transaction. */
  public static final class Lease<K, V> {
    private final Producer<K, V> producer;
    private final int index;
    private final String transactionalId;

    private Lease(Producer<K, V> producer, int index, String transactionalId) {
      this.producer = producer;
      this.index = index;
      this.transactionalId = transactionalId;
    }

    public Producer<K, V> producer() {
      return producer;
    }

    public String transactionalId() {
      return transactionalId;
    }

    @Override
    public String toString() {
      return "Lease[" + transactionalId + "]";
    }
  }

  private final String name;
  private final String transactionIdPrefix;
  private final IntFunction<Producer<K, V>> factory;
  private final int maxSize;
  private final long acquireTimeoutMs;
  private final boolean ownsProducers;

  /** Open pooled producers by transactional id; changes are published under {@code lock}. */
  private final Map<String, Producer<?, ?>> open = new ConcurrentHashMap<>();

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private final ArrayDeque<Lease<K, V>> lockedIdle = new ArrayDeque<>();
  private final TreeSet<Integer> lockedFreeIndexes = new TreeSet<>();
  private int lockedNextIndex;
  private int lockedSize;
  private boolean lockedClosed;

  private TransactionalProducerPool(
      String name,
      String transactionIdPrefix,
      IntFunction<Producer<K, V>> factory,
      int maxSize,
      Duration acquireTimeout,
      boolean ownsProducers) {
    this.name = Objects.requireNonNull(name, "name");
    this.transactionIdPrefix = Objects.requireNonNull(transactionIdPrefix, "transactionIdPrefix");
    this.factory = Objects.requireNonNull(factory, "factory");
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must be >= 0 (0: unbounded), was " + maxSize);
    }
    this.maxSize = maxSize;
    this.acquireTimeoutMs = Objects.requireNonNull(acquireTimeout, "acquireTimeout").toMillis();
    this.ownsProducers = ownsProducers;
  }

  /**
   * A pool that creates its producers.
   *
   * @param name the template's name, in logs and errors
   * @param transactionIdPrefix producer {@code n} gets the transactional id {@code prefix + n}
   * @param factory creates producer {@code n}, configured with that transactional id; the pool
   *     calls {@code initTransactions} on it before its first transaction
   * @param maxSize most producers at once, 0 for no bound
   * @param acquireTimeout how long {@link #acquire} waits when {@code maxSize} producers are in use
   */
  public static <K, V> TransactionalProducerPool<K, V> of(
      String name,
      String transactionIdPrefix,
      IntFunction<Producer<K, V>> factory,
      int maxSize,
      Duration acquireTimeout) {
    return new TransactionalProducerPool<>(
        name, transactionIdPrefix, factory, maxSize, acquireTimeout, true);
  }

  /**
   * A pool of exactly one producer that exists already and has {@code transactionalId}; the pool
   * does not close it. Transactions on it run one at a time: {@link #acquire} waits up to {@code
   * acquireTimeout} for the one in flight.
   */
  public static <K, V> TransactionalProducerPool<K, V> single(
      String name, Producer<K, V> producer, String transactionalId, Duration acquireTimeout) {
    Objects.requireNonNull(producer, "producer");
    return new TransactionalProducerPool<>(
        name, transactionalId, index -> producer, 1, acquireTimeout, false);
  }

  /** The transactional id of producer {@code index}; the single producer's id for a pool of one. */
  private String idFor(int index) {
    return ownsProducers ? transactionIdPrefix + index : transactionIdPrefix;
  }

  /** The prefix, or the single producer's transactional id. */
  public String transactionIdPrefix() {
    return transactionIdPrefix;
  }

  /** At most this many producers at once; 0: no bound. */
  public int maxSize() {
    return maxSize;
  }

  /** Producers open now, idle or in a transaction. */
  public int size() {
    synchronized (lock) {
      return lockedSize;
    }
  }

  /** Producers open and not in a transaction. */
  public int idleCount() {
    synchronized (lock) {
      return lockedIdle.size();
    }
  }

  /**
   * Takes an idle producer, or creates (and initializes the transactions of) a new one.
   *
   * @throws IllegalStateException when the pool is closed, or when {@code maxSize} producers stay
   *     in use for the whole acquire timeout
   */
  public Lease<K, V> acquire() {
    int index;
    synchronized (lock) {
      long deadlineNanos = System.nanoTime() + acquireTimeoutMs * 1_000_000L;
      while (true) {
        if (lockedClosed) {
          throw new IllegalStateException(
              "The transactional producers of '" + name + "' are closed");
        }
        Lease<K, V> idle = lockedIdle.pollFirst();
        if (idle != null) {
          return idle;
        }
        if (maxSize == 0 || lockedSize < maxSize) {
          index = lockedFreeIndexes.isEmpty() ? lockedNextIndex++ : lockedFreeIndexes.pollFirst();
          lockedSize++;
          break;
        }
        long waitMs = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (waitMs <= 0) {
          throw new IllegalStateException(
              "All "
                  + maxSize
                  + " transactional producers of '"
                  + name
                  + "' stayed in use for "
                  + acquireTimeoutMs
                  + " ms (max.block.ms); raise transaction-pool-max-size or shorten transactions");
        }
        try {
          lock.wait(waitMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "Interrupted while waiting for a transactional producer of '" + name + "'", e);
        }
      }
    }
    // Created outside the lock: initTransactions is a round trip (or several, while a previous
    // instance's transaction with this id is being aborted).
    String transactionalId = idFor(index);
    Producer<K, V> producer = null;
    try {
      producer = factory.apply(index);
      producer.initTransactions();
      if (ownsProducers) {
        opened(transactionalId, producer);
      }
      return new Lease<>(producer, index, transactionalId);
    } catch (RuntimeException | Error e) {
      if (producer != null && ownsProducers) {
        closeQuietly(producer, transactionalId);
      }
      synchronized (lock) {
        lockedSize--;
        lockedFreeIndexes.add(index);
        lock.notifyAll();
      }
      throw e;
    }
  }

  /**
   * Gives a producer back after its transaction completed. It is closed instead when {@code
   * discard} is true (its transaction's outcome is unknown) or it failed fatally.
   */
  public void release(Lease<K, V> lease, boolean discard) {
    Objects.requireNonNull(lease, "lease");
    RuntimeException fatal = lease.producer.fatalError();
    boolean close;
    synchronized (lock) {
      close = ownsProducers && (discard || fatal != null || lockedClosed);
      if (close) {
        lockedSize--;
        lockedFreeIndexes.add(lease.index);
      } else if (!ownsProducers && lockedClosed) {
        lockedSize--;
      } else {
        lockedIdle.addFirst(lease); // most recently used first: its connections are warm
      }
      lock.notifyAll();
    }
    if (close) {
      if (fatal != null || discard) {
        log.warn(
            "Closing transactional producer '{}' of '{}' instead of reusing it{}",
            lease.transactionalId,
            name,
            fatal != null ? " (failed fatally: " + fatal + ")" : " (its transaction did not end)");
      }
      closeQuietly(lease.producer, lease.transactionalId);
    }
  }

  /** Closes the idle producers now and every other one when it is released. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** Like {@link #close()}, waiting up to {@code timeout} for each idle producer to close. */
  public void close(Duration timeout) {
    List<Lease<K, V>> toClose;
    synchronized (lock) {
      lockedClosed = true;
      toClose = new ArrayList<>(lockedIdle);
      lockedIdle.clear();
      lockedSize -= toClose.size();
      lock.notifyAll();
    }
    if (!ownsProducers) {
      return;
    }
    for (Lease<K, V> lease : toClose) {
      try {
        lease.producer.close(timeout);
      } catch (RuntimeException e) {
        log.warn("Closing transactional producer '{}' failed", lease.transactionalId, e);
      } finally {
        closed(lease.transactionalId);
      }
    }
  }

  private void closeQuietly(Producer<K, V> producer, String transactionalId) {
    try {
      producer.close(Duration.ZERO);
    } catch (RuntimeException e) {
      log.warn("Closing transactional producer '{}' failed; ignoring it", transactionalId, e);
    } finally {
      closed(transactionalId);
    }
  }

  private void opened(String transactionalId, Producer<?, ?> producer) {
    // Under the lock, as subscribe, so a new listener sees each producer exactly once.
    synchronized (lock) {
      open.put(transactionalId, producer);
      listeners.forEach(listener -> listener.added(transactionalId, producer));
    }
  }

  private void closed(String transactionalId) {
    synchronized (lock) {
      Producer<?, ?> producer = open.remove(transactionalId);
      if (producer != null) {
        listeners.forEach(listener -> listener.removed(transactionalId, producer));
      }
    }
  }

  /** The pooled producers open now (idle or in a transaction), by transactional id. */
  @Override
  public Map<String, Producer<?, ?>> current() {
    return Map.copyOf(open);
  }

  @Override
  public Runnable subscribe(Listener listener) {
    synchronized (lock) {
      listeners.add(listener);
      open.forEach(listener::added);
    }
    return () -> listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "TransactionalProducerPool[" + name + ", " + transactionIdPrefix + "]";
  }
}
