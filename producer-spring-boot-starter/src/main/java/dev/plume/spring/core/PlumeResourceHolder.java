package dev.plume.spring.core;

import dev.plume.producer.Producer;
import java.util.Objects;
import org.springframework.transaction.support.ResourceHolderSupport;

/**
 * One Kafka transaction of a Spring-managed transaction: a pooled producer with a transaction begun
 * on it, bound with {@code TransactionSynchronizationManager} under its {@link
 * TransactionalProducerPool} so every template send of the thread's transaction finds it. Used by
 * {@code PlumeTransactionManager} and by templates synchronizing with another transaction manager.
 */
public final class PlumeResourceHolder<K, V> extends ResourceHolderSupport {

  private final TransactionalProducerPool<K, V> pool;
  private final TransactionalProducerPool.Lease<K, V> lease;
  private boolean completed;
  private boolean discard;
  private boolean released;

  /** Takes a producer from {@code pool} and begins a transaction on it. */
  public static <K, V> PlumeResourceHolder<K, V> begin(TransactionalProducerPool<K, V> pool) {
    TransactionalProducerPool.Lease<K, V> lease = pool.acquire();
    try {
      lease.producer().beginTransaction();
    } catch (RuntimeException | Error e) {
      pool.release(lease, true);
      throw e;
    }
    return new PlumeResourceHolder<>(pool, lease);
  }

  private PlumeResourceHolder(
      TransactionalProducerPool<K, V> pool, TransactionalProducerPool.Lease<K, V> lease) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.lease = Objects.requireNonNull(lease, "lease");
  }

  public Producer<K, V> producer() {
    return lease.producer();
  }

  /** The transactional id of the producer running this transaction. */
  public String transactionalId() {
    return lease.transactionalId();
  }

  /** True once the transaction committed or aborted (or tried to). */
  public boolean isCompleted() {
    return completed;
  }

  /** Commits; on failure the transaction stays open for {@link #rollback()}. */
  public void commit() {
    lease.producer().commitTransaction();
    completed = true;
  }

  /** Aborts; a failed abort leaves the producer's state unknown, so it is closed on release. */
  public void rollback() {
    completed = true;
    try {
      lease.producer().abortTransaction();
    } catch (RuntimeException | Error e) {
      discard = true;
      throw e;
    }
  }

  /** Gives the producer back to the pool (closed instead if the transaction did not end). */
  public void release() {
    if (released) {
      return;
    }
    released = true;
    pool.release(lease, discard || !completed);
  }

  @Override
  public String toString() {
    return "PlumeResourceHolder[" + lease.transactionalId() + "]";
  }
}
