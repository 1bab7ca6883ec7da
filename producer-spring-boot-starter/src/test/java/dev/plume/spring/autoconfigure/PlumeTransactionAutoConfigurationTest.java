package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.ProducerConfig;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.TransactionalProducerPool;
import dev.plume.spring.transaction.PlumeTransactionManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Conditions and back-offs of the transaction side of the auto-configuration, on stubs. */
class PlumeTransactionAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlumeProducerAutoConfiguration.class, PlumeTransactionAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void withoutAPrefixTheTemplateIsNotTransactionalAndThereIsNoTransactionManager() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(PlatformTransactionManager.class);
          ProducerTemplate<String, String> template = template(context, "plumeProducerTemplate");
          assertThat(template.isTransactional()).isFalse();
          assertThat(template.transactionalPool()).isNull();
          template.send("t", "plain").get(5, TimeUnit.SECONDS);
          assertThat(stubs(context).producers.get("default").sent).hasSize(1);
        });
  }

  @Test
  void aPrefixGivesAPoolANonTransactionalProducerBeanAndATransactionManager() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=orders-tx-")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(PlumeTransactionManager.class);
              assertThat(context.getBean(PlatformTransactionManager.class))
                  .isSameAs(context.getBean("plumeTransactionManager"));
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              assertThat(template.isTransactional()).isTrue();
              assertThat(template.isAllowNonTransactional()).isFalse();
              TransactionalProducerPool<String, String> pool = template.transactionalPool();
              assertThat(pool.transactionIdPrefix()).isEqualTo("orders-tx-");
              assertThat(pool.maxSize()).isZero();
              // The Producer bean serves non-transactional sends: it has no transactional id.
              assertThat(stubs(context).definitions.get("default").config().transactionalId())
                  .isNull();

              template.executeInTransaction(t -> t.send("t", "in-tx"));
              StubProducer pooled = stubs(context).byTransactionalId.get("orders-tx-0");
              assertThat(pooled).isNotNull();
              assertThat(pooled.sent).extracting(r -> r.value()).containsExactly("in-tx");
              assertThat(stubs(context).producers.get("default").sent).isEmpty();
            });
  }

  @Test
  void withAPrefixASendOutsideATransactionFailsUnlessAllowed() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              assertThatThrownBy(() -> template.send("t", "outside"))
                  .isInstanceOf(IllegalStateException.class)
                  .hasMessageContaining("no transaction is in progress")
                  .hasMessageContaining("plume.producer.template.allow-non-transactional=true");
              assertThat(stubs(context).producers.get("default").sent).isEmpty();
            });
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-",
            "plume.producer.template.allow-non-transactional=true")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              assertThat(template.isAllowNonTransactional()).isTrue();
              template.send("t", "outside").get(5, TimeUnit.SECONDS);
              assertThat(stubs(context).producers.get("default").sent)
                  .extracting(r -> r.value())
                  .containsExactly("outside");
              assertThat(stubs(context).byTransactionalId).isEmpty();
            });
  }

  @Test
  void aSendOnAnotherThreadDuringATransactionDoesNotJoinIt() {
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-",
            "plume.producer.template.allow-non-transactional=true")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              template.executeInTransaction(
                  t -> {
                    t.send("t", "mine");
                    CompletableFuture<Boolean> otherThreadInTransaction = new CompletableFuture<>();
                    Thread other =
                        new Thread(
                            () -> {
                              otherThreadInTransaction.complete(t.inTransaction());
                              t.send("t", "other-thread");
                            });
                    other.start();
                    try {
                      other.join();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    assertThat(otherThreadInTransaction.getNow(true)).isFalse();
                    return null;
                  });
              assertThat(stubs(context).byTransactionalId.get("tx-0").sent)
                  .extracting(r -> r.value())
                  .containsExactly("mine");
              assertThat(stubs(context).producers.get("default").sent)
                  .extracting(r -> r.value())
                  .containsExactly("other-thread");
            });
  }

  @Test
  void concurrentTransactionsRunOnDistinctPooledProducers() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              template.executeInTransaction(
                  outer -> {
                    outer.send("t", "outer");
                    // A transaction started on another thread while this one is open: it cannot
                    // see this one, and gets a producer of its own.
                    Thread other =
                        new Thread(() -> template.executeInTransaction(t -> t.send("t", "inner")));
                    other.start();
                    try {
                      other.join();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return null;
                  });
              StubProducerFactory stubs = stubs(context);
              assertThat(stubs.byTransactionalId).containsOnlyKeys("tx-0", "tx-1");
              assertThat(stubs.byTransactionalId.get("tx-0").sent)
                  .extracting(r -> r.value())
                  .containsExactly("outer");
              assertThat(stubs.byTransactionalId.get("tx-1").sent)
                  .extracting(r -> r.value())
                  .containsExactly("inner");
              assertThat(template.transactionalPool().size()).isEqualTo(2);
              assertThat(template.transactionalPool().idleCount()).isEqualTo(2);
            });
  }

  @Test
  void theTransactionManagerCommitsAbortsAndHonoursRollbackOnly() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              TransactionTemplate transactions =
                  new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
              transactions.executeWithoutResult(
                  status -> {
                    assertThat(template.inTransaction()).isTrue();
                    template.send("t", "committed");
                  });
              assertThatThrownBy(
                      () ->
                          transactions.executeWithoutResult(
                              status -> {
                                template.send("t", "thrown");
                                throw new IllegalArgumentException("boom");
                              }))
                  .hasMessage("boom");
              transactions.executeWithoutResult(
                  status -> {
                    template.send("t", "rollback-only");
                    status.setRollbackOnly();
                  });
              assertThat(template.inTransaction()).isFalse();
              StubProducer pooled = stubs(context).byTransactionalId.get("tx-0");
              assertThat(stubs(context).byTransactionalId).containsOnlyKeys("tx-0");
              assertThat(pooled.sent)
                  .extracting(r -> r.value())
                  .containsExactly("committed", "thrown", "rollback-only");
              assertThat(pooled.calls)
                  .containsSubsequence(
                      "initTransactions",
                      "beginTransaction",
                      "commitTransaction",
                      "beginTransaction",
                      "abortTransaction",
                      "beginTransaction",
                      "abortTransaction");
            });
  }

  @Test
  void anotherTransactionManagersTransactionGetsAKafkaTransactionCompletedAfterIt() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .withBean(RecordingManager.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PlumeTransactionManager.class);
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              RecordingManager manager = context.getBean(RecordingManager.class);
              StubProducerFactory stubs = stubs(context);
              TransactionTemplate transactions = new TransactionTemplate(manager);
              transactions.executeWithoutResult(
                  status -> {
                    assertThat(template.inTransaction()).isFalse(); // until the first send
                    template.send("t", "a");
                    template.send("t", "b");
                    assertThat(template.inTransaction()).isTrue();
                    manager.calls.add("work-done");
                  });
              assertThat(stubs.byTransactionalId.get("tx-0").sent).hasSize(2);
              // The other manager commits first, the Kafka transaction after it (one-phase).
              assertThat(manager.calls)
                  .containsExactly(
                      "begin",
                      "initTransactions",
                      "beginTransaction",
                      "send",
                      "send",
                      "work-done",
                      "commit",
                      "commitTransaction");
              manager.calls.clear();

              transactions.executeWithoutResult(
                  status -> {
                    template.send("t", "c");
                    status.setRollbackOnly();
                  });
              assertThat(manager.calls)
                  .containsExactly(
                      "begin", "beginTransaction", "send", "rollback", "abortTransaction");
              assertThat(template.transactionalPool().idleCount()).isEqualTo(1);
            });
  }

  @Test
  void aUserTransactionManagerMakesThePlumeOneBackOff() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .withBean(RecordingManager.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PlumeTransactionManager.class);
              assertThat(context).hasSingleBean(PlatformTransactionManager.class);
              assertThat(template(context, "plumeProducerTemplate").isTransactional()).isTrue();
            });
  }

  @Test
  void withoutSpringTxThereIsNoTransactionManagerButTheTemplateStillRunsTransactions() {
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-")
        .withClassLoader(new FilteredClassLoader(PlatformTransactionManager.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PlumeTransactionManager.class);
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              template.executeInTransaction(t -> t.send("t", "x"));
              assertThat(stubs(context).byTransactionalId.get("tx-0").sent).hasSize(1);
            });
  }

  @Test
  void namedClientsNeverInheritTheTopLevelTransactionalIdOrPrefix() {
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=top-tx-",
            "plume.producer.clients.audit.acks=all",
            "plume.producer.clients.orders.transaction-id-prefix=orders-tx-",
            "plume.producer.clients.orders.transaction-pool-max-size=4")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ProducerTemplate<String, String> audit = template(context, "audit");
              assertThat(audit.isTransactional()).isFalse();
              assertThat(stubs(context).definitions.get("audit").config().transactionalId())
                  .isNull();
              audit.send("t", "plain").get(5, TimeUnit.SECONDS);
              ProducerTemplate<String, String> orders = template(context, "orders");
              assertThat(orders.transactionalPool().transactionIdPrefix()).isEqualTo("orders-tx-");
              assertThat(orders.transactionalPool().maxSize()).isEqualTo(4);
              assertThat(
                      template(context, "plumeProducerTemplate")
                          .transactionalPool()
                          .transactionIdPrefix())
                  .isEqualTo("top-tx-");
              // The transaction manager is the default template's.
              assertThat(context.getBean(PlumeTransactionManager.class).getResourceFactory())
                  .isSameAs(template(context, "plumeProducerTemplate").transactionalPool());
            });
    runner
        .withPropertyValues(
            "plume.producer.transactional-id=top-only", "plume.producer.clients.audit.acks=all")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(stubs(context).definitions.get("default").config().transactionalId())
                  .isEqualTo("top-only");
              assertThat(stubs(context).definitions.get("audit").config().transactionalId())
                  .isNull();
              assertThat(template(context, "audit").isTransactional()).isFalse();
              assertThat(template(context, "plumeProducerTemplate").isTransactional()).isTrue();
              // No prefix: no transaction manager.
              assertThat(context).doesNotHaveBean(PlatformTransactionManager.class);
            });
  }

  @Test
  void aNamedClientWithAPrefixGetsItsOwnTransactionManagerBesideTheDefaultOne() {
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=top-tx-",
            "plume.producer.clients.audit.acks=all",
            "plume.producer.clients.orders.transaction-id-prefix=orders-tx-")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("ordersTransactionManager");
              assertThat(context).doesNotHaveBean("auditTransactionManager");
              // Unqualified lookups (@Transactional without a name) still get the top-level one.
              assertThat(context.getBean(PlatformTransactionManager.class))
                  .isSameAs(context.getBean("plumeTransactionManager"));
              assertThat(context.getBeanProvider(PlatformTransactionManager.class).getIfUnique())
                  .isSameAs(context.getBean("plumeTransactionManager"));
              PlumeTransactionManager orders =
                  context.getBean("ordersTransactionManager", PlumeTransactionManager.class);
              assertThat(orders.getResourceFactory())
                  .isSameAs(template(context, "orders").transactionalPool());
              // @Transactional("ordersTransactionManager"), here as a TransactionTemplate.
              new TransactionTemplate(orders)
                  .executeWithoutResult(status -> template(context, "orders").send("t", "o"));
              assertThat(stubs(context).byTransactionalId.get("orders-tx-0").sent)
                  .extracting(r -> r.value())
                  .containsExactly("o");
              assertThat(stubs(context).byTransactionalId).doesNotContainKey("top-tx-0");
            });
    // Only a named client is transactional: its manager is the only one, so the default.
    runner
        .withPropertyValues("plume.producer.clients.orders.transaction-id-prefix=orders-tx-")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("plumeTransactionManager");
              assertThat(context.getBean("ordersTransactionManager"))
                  .isInstanceOf(PlumeTransactionManager.class);
            });
  }

  @Test
  void aTransactionalIdIsAPoolOfOneOnTheProducerBean() {
    runner
        .withPropertyValues("plume.producer.transactional-id=single")
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              TransactionalProducerPool<String, String> pool = template.transactionalPool();
              assertThat(pool.maxSize()).isEqualTo(1);
              assertThat(pool.transactionIdPrefix()).isEqualTo("single");
              template.executeInTransaction(t -> t.send("t", "x"));
              assertThat(stubs(context).producers.get("default").sent).hasSize(1);
              assertThat(stubs(context).byTransactionalId).containsOnlyKeys("single");
              assertThatThrownBy(() -> template.send("t", "outside"))
                  .isInstanceOf(IllegalStateException.class);
            });
  }

  @Test
  void invalidTransactionSettingsFailAtStartup() {
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-", "plume.producer.transactional-id=tx")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("transaction-id-prefix and a transactional id"));
    runner
        .withPropertyValues(
            "plume.producer.transactional-id=tx",
            "plume.producer.template.allow-non-transactional=true")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("use a transaction-id-prefix"));
    runner
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-",
            "plume.producer.transaction-pool-max-size=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("transaction-pool-max-size must be at least 1"));
    // Transactions need acks=all: checked on the pooled producers' settings at startup.
    runner
        .withPropertyValues("plume.producer.transaction-id-prefix=tx-", "plume.producer.acks=1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(ProducerConfig.TRANSACTIONAL_ID));
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(
      ApplicationContext context, String name) {
    return (ProducerTemplate<String, String>) context.getBean(name);
  }

  private static StubProducerFactory stubs(ApplicationContext context) {
    return context.getBean(StubProducerFactory.class);
  }

  /** A transaction manager of "another resource" (think JDBC) that records its calls. */
  static final class RecordingManager extends AbstractPlatformTransactionManager {

    /** Shared with the stub producers, to check the order of both resources' calls. */
    final List<String> calls;

    RecordingManager(StubProducerFactory stubs) {
      this.calls = stubs.calls;
    }

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
      calls.add("begin");
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      calls.add("commit");
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
      calls.add("rollback");
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {}
  }
}
