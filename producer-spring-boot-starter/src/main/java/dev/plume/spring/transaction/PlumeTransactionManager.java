package dev.plume.spring.transaction;

import dev.plume.spring.core.PlumeResourceHolder;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.TransactionalProducerPool;
import java.util.Objects;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@code PlatformTransactionManager} for one transactional {@link ProducerTemplate}: a Spring
 * transaction ({@code @Transactional}, {@code TransactionTemplate}) is a Kafka transaction on a
 * producer of the template's {@link TransactionalProducerPool}, bound to the thread, which the
 * template's sends join; it commits when the method returns and aborts when it throws or was marked
 * rollback-only.
 *
 * <p>Synchronization is off by default (like other single-resource managers that bind their own
 * resource): the template finds the bound producer directly. Isolation levels other than the
 * default are rejected; Kafka transactions have none.
 */
public class PlumeTransactionManager extends AbstractPlatformTransactionManager
    implements ResourceTransactionManager {

  private final TransactionalProducerPool<?, ?> pool;

  /**
   * @param template a transactional template (a {@code transaction-id-prefix} or {@code
   *     transactional-id})
   */
  public PlumeTransactionManager(ProducerTemplate<?, ?> template) {
    Objects.requireNonNull(template, "template");
    if (template.transactionalPool() == null) {
      throw new IllegalArgumentException(
          "Producer template '"
              + template.name()
              + "' is not transactional: set its transaction-id-prefix");
    }
    this.pool = template.transactionalPool();
    setTransactionSynchronization(SYNCHRONIZATION_NEVER);
  }

  /** The pool the transactions' producers come from; the key they are bound under. */
  @Override
  public TransactionalProducerPool<?, ?> getResourceFactory() {
    return pool;
  }

  @Override
  protected Object doGetTransaction() {
    PlumeTransactionObject tx = new PlumeTransactionObject();
    tx.holder = (PlumeResourceHolder<?, ?>) TransactionSynchronizationManager.getResource(pool);
    return tx;
  }

  @Override
  protected boolean isExistingTransaction(Object transaction) {
    return ((PlumeTransactionObject) transaction).holder != null;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT) {
      throw new InvalidIsolationLevelException("Kafka transactions have no isolation level");
    }
    PlumeResourceHolder<?, ?> holder = PlumeResourceHolder.begin(pool);
    holder.setSynchronizedWithTransaction(true);
    int timeoutSeconds = determineTimeout(definition);
    if (timeoutSeconds != TransactionDefinition.TIMEOUT_DEFAULT) {
      holder.setTimeoutInSeconds(timeoutSeconds);
    }
    TransactionSynchronizationManager.bindResource(pool, holder);
    ((PlumeTransactionObject) transaction).holder = holder;
  }

  @Override
  protected Object doSuspend(Object transaction) {
    ((PlumeTransactionObject) transaction).holder = null;
    return TransactionSynchronizationManager.unbindResource(pool);
  }

  @Override
  protected void doResume(Object transaction, Object suspendedResources) {
    TransactionSynchronizationManager.bindResource(pool, suspendedResources);
  }

  @Override
  protected void doCommit(DefaultTransactionStatus status) {
    // The producer's commit fails with a RuntimeException, after which the abstract manager calls
    // doRollback; if that fails too, release closes the producer instead of pooling it.
    holderOf(status).commit();
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    holderOf(status).rollback();
  }

  @Override
  protected void doSetRollbackOnly(DefaultTransactionStatus status) {
    holderOf(status).setRollbackOnly();
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    PlumeTransactionObject tx = (PlumeTransactionObject) transaction;
    TransactionSynchronizationManager.unbindResourceIfPossible(pool);
    tx.holder.release();
    tx.holder.clear();
  }

  private static PlumeResourceHolder<?, ?> holderOf(DefaultTransactionStatus status) {
    return ((PlumeTransactionObject) status.getTransaction()).holder;
  }

  @Override
  public String toString() {
    return "PlumeTransactionManager[" + pool + "]";
  }

  /** The thread's Kafka transaction, if one is bound. */
  private static final class PlumeTransactionObject implements SmartTransactionObject {

    private PlumeResourceHolder<?, ?> holder;

    @Override
    public boolean isRollbackOnly() {
      return holder != null && holder.isRollbackOnly();
    }

    @Override
    public void flush() {
      // Records are flushed by the commit.
    }
  }
}
