package dev.plume.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.Producer;
import dev.plume.spring.autoconfigure.StubProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionalProducerPoolTest {

  private final List<StubProducer> created = new ArrayList<>();
  private final List<Integer> createdIndexes = new ArrayList<>();

  private TransactionalProducerPool<Object, Object> pool(int maxSize) {
    return TransactionalProducerPool.of(
        "orders",
        "tx-",
        index -> {
          StubProducer producer = new StubProducer();
          created.add(producer);
          createdIndexes.add(index);
          return producer;
        },
        maxSize,
        Duration.ZERO);
  }

  @Test
  void growsOnDemandWithStableIdsAndReusesReleasedProducers() {
    TransactionalProducerPool<Object, Object> pool = pool(0);
    TransactionalProducerPool.Lease<Object, Object> a = pool.acquire();
    TransactionalProducerPool.Lease<Object, Object> b = pool.acquire();
    assertThat(a.transactionalId()).isEqualTo("tx-0");
    assertThat(b.transactionalId()).isEqualTo("tx-1");
    assertThat(created).hasSize(2);
    // Each new producer fences its id's previous owner before its first transaction.
    assertThat(created.get(0).calls).containsExactly("initTransactions");
    pool.release(a, false);
    pool.release(b, false);
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.idleCount()).isEqualTo(2);
    TransactionalProducerPool.Lease<Object, Object> again = pool.acquire();
    assertThat(again.producer()).isIn(created.get(0), created.get(1));
    assertThat(created).hasSize(2);
    assertThat(created.get(0).calls).containsExactly("initTransactions");
  }

  @Test
  void closesAFatallyFailedOrDiscardedProducerAndReusesItsId() {
    TransactionalProducerPool<Object, Object> pool = pool(0);
    TransactionalProducerPool.Lease<Object, Object> a = pool.acquire();
    TransactionalProducerPool.Lease<Object, Object> b = pool.acquire();
    ((StubProducer) (Producer<?, ?>) a.producer()).fatalError = new IllegalStateException("fenced");
    pool.release(a, false);
    pool.release(b, true);
    assertThat(created.get(0).calls).containsExactly("initTransactions", "close:PT0S");
    assertThat(created.get(1).calls).containsExactly("initTransactions", "close:PT0S");
    assertThat(pool.size()).isZero();
    TransactionalProducerPool.Lease<Object, Object> c = pool.acquire();
    assertThat(c.transactionalId()).isEqualTo("tx-0");
    assertThat(createdIndexes).containsExactly(0, 1, 0);
  }

  @Test
  void aFullPoolRefusesAfterTheAcquireTimeout() {
    TransactionalProducerPool<Object, Object> pool = pool(1);
    TransactionalProducerPool.Lease<Object, Object> a = pool.acquire();
    assertThatThrownBy(pool::acquire)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("All 1 transactional producers of 'orders' stayed in use");
    pool.release(a, false);
    assertThat(pool.acquire()).isSameAs(a);
  }

  @Test
  void aFailedInitTransactionsFreesTheSlot() {
    TransactionalProducerPool<Object, Object> pool =
        TransactionalProducerPool.of(
            "orders",
            "tx-",
            index -> {
              StubProducer producer =
                  new StubProducer() {
                    @Override
                    public void initTransactions() {
                      throw new IllegalStateException("coordinator unavailable");
                    }
                  };
              created.add(producer);
              return producer;
            },
            1,
            Duration.ZERO);
    assertThatThrownBy(pool::acquire).hasMessage("coordinator unavailable");
    assertThat(created.get(0).calls).containsExactly("close:PT0S");
    assertThat(pool.size()).isZero();
    assertThatThrownBy(pool::acquire).hasMessage("coordinator unavailable");
  }

  @Test
  void closeClosesIdleProducersNowAndLeasedOnesOnRelease() {
    TransactionalProducerPool<Object, Object> pool = pool(0);
    TransactionalProducerPool.Lease<Object, Object> a = pool.acquire();
    TransactionalProducerPool.Lease<Object, Object> b = pool.acquire();
    pool.release(a, false);
    pool.close(Duration.ofSeconds(3));
    assertThat(created.get(0).calls).containsExactly("initTransactions", "close:PT3S");
    assertThat(created.get(1).calls).containsExactly("initTransactions");
    pool.release(b, false);
    assertThat(created.get(1).calls).containsExactly("initTransactions", "close:PT0S");
    assertThatThrownBy(pool::acquire).hasMessageContaining("are closed");
  }

  @Test
  void aPoolOfOneNeverClosesItsProducer() {
    StubProducer producer = new StubProducer();
    TransactionalProducerPool<Object, Object> pool =
        TransactionalProducerPool.single("orders", producer, "single", Duration.ZERO);
    TransactionalProducerPool.Lease<Object, Object> a = pool.acquire();
    assertThat(a.transactionalId()).isEqualTo("single");
    assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class);
    pool.release(a, true);
    assertThat(pool.acquire().producer()).isSameAs(producer);
    pool.close();
    assertThat(producer.calls).containsExactly("initTransactions");
  }
}
