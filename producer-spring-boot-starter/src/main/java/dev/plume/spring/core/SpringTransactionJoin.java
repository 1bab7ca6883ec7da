package dev.plume.spring.core;

import dev.plume.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a template's send joins the Spring transaction of its thread. Loaded only when spring-tx is
 * on the classpath.
 *
 * <p>Under {@code PlumeTransactionManager} the Kafka transaction is already bound. Under another
 * transaction manager (JDBC, JPA) the first send begins a Kafka transaction on a pooled producer,
 * binds it, and registers a synchronization that commits it after the other transaction committed
 * and aborts it otherwise: best-effort one-phase, the database commits first.
 */
final class SpringTransactionJoin {

  private static final Logger log = LoggerFactory.getLogger(SpringTransactionJoin.class);

  private SpringTransactionJoin() {}

  /** True when the thread's Spring transaction has a Kafka transaction of {@code pool} bound. */
  static boolean isBound(TransactionalProducerPool<?, ?> pool) {
    return TransactionSynchronizationManager.getResource(pool) != null;
  }

  /**
   * The producer of the thread's Kafka transaction for {@code pool}, begun now if another
   * transaction manager's transaction is active; null when the thread has no Spring transaction.
   */
  static <K, V> Producer<K, V> producerFor(TransactionalProducerPool<K, V> pool) {
    @SuppressWarnings("unchecked") // bound only here and by PlumeTransactionManager, per pool
    PlumeResourceHolder<K, V> holder =
        (PlumeResourceHolder<K, V>) TransactionSynchronizationManager.getResource(pool);
    if (holder != null) {
      return holder.producer();
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    PlumeResourceHolder<K, V> begun = PlumeResourceHolder.begin(pool);
    begun.setSynchronizedWithTransaction(true);
    TransactionSynchronizationManager.bindResource(pool, begun);
    TransactionSynchronizationManager.registerSynchronization(new AfterCommit(pool, begun));
    return begun.producer();
  }

  /** Commits the Kafka transaction after the driving transaction committed, else aborts it. */
  private static final class AfterCommit implements TransactionSynchronization {

    private final TransactionalProducerPool<?, ?> pool;
    private final PlumeResourceHolder<?, ?> holder;

    AfterCommit(TransactionalProducerPool<?, ?> pool, PlumeResourceHolder<?, ?> holder) {
      this.pool = pool;
      this.holder = holder;
    }

    @Override
    public int getOrder() {
      // After resource synchronizations of the driving manager (e.g. JDBC connection release).
      return LOWEST_PRECEDENCE;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResourceIfPossible(pool);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(pool, holder);
    }

    @Override
    public void afterCommit() {
      // The database committed already; an exception here reaches the caller, who learns that
      // the Kafka part failed (afterCompletion then aborts it).
      holder.commit();
    }

    @Override
    public void afterCompletion(int status) {
      try {
        if (!holder.isCompleted()) {
          try {
            holder.rollback();
          } catch (RuntimeException e) {
            log.warn("Aborting the Kafka transaction {} failed", holder.transactionalId(), e);
          }
        }
      } finally {
        TransactionSynchronizationManager.unbindResourceIfPossible(pool);
        holder.release();
      }
    }
  }
}
