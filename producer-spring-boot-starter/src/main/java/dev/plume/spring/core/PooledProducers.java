package dev.plume.spring.core;

import dev.plume.producer.Producer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The producers of every {@link TransactionalProducerPool} added to it, keyed by transactional id:
 * health and meters subscribe once, through {@link #asDynamicProducers()}, and follow the pools of
 * all templates (the default client's and the named clients'). Not itself a {@link
 * DynamicProducers}, so that, as a bean, it is not mistaken for the spring-kafka factory's
 * producers that the {@code plumeKafkaProducers} health contributor and meters follow.
 */
public class PooledProducers {

  private final List<TransactionalProducerPool<?, ?>> pools = new CopyOnWriteArrayList<>();

  /** Each listener's subscriptions to the pools, to stop them all at once. */
  private final Map<DynamicProducers.Listener, List<Runnable>> lockedSubscriptions =
      new IdentityHashMap<>();

  /** Follows {@code pool} from now on; the listeners hear of its open producers now. */
  public synchronized void add(TransactionalProducerPool<?, ?> pool) {
    pools.add(pool);
    lockedSubscriptions.forEach((listener, stops) -> stops.add(pool.subscribe(listener)));
  }

  /** A view for health contributors and meter binders; follows pools added later too. */
  public DynamicProducers asDynamicProducers() {
    return new DynamicProducers() {
      @Override
      public Map<String, Producer<?, ?>> current() {
        return PooledProducers.this.current();
      }

      @Override
      public Runnable subscribe(Listener listener) {
        return PooledProducers.this.subscribe(listener);
      }
    };
  }

  /** The pooled producers open now, by transactional id. */
  public Map<String, Producer<?, ?>> current() {
    Map<String, Producer<?, ?>> all = new HashMap<>();
    pools.forEach(pool -> all.putAll(pool.current()));
    return Map.copyOf(all);
  }

  /** Like {@link DynamicProducers#subscribe}. */
  public synchronized Runnable subscribe(DynamicProducers.Listener listener) {
    List<Runnable> stops = new ArrayList<>();
    pools.forEach(pool -> stops.add(pool.subscribe(listener)));
    lockedSubscriptions.put(listener, stops);
    return () -> {
      List<Runnable> toStop;
      synchronized (this) {
        toStop = lockedSubscriptions.remove(listener);
      }
      if (toStop != null) {
        toStop.forEach(Runnable::run);
      }
    };
  }
}
