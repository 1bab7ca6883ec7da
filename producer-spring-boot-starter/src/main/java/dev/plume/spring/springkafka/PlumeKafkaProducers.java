package dev.plume.spring.springkafka;

import dev.plume.engine.PlumeProducer;
import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.spring.core.DynamicProducers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Plume engines under the producers a spring-kafka producer factory has open, kept as a factory
 * {@link ProducerFactory.Listener}: added when the factory creates a producer, removed when it
 * closes one physically. Keyed by the factory's producer id (its client id, prefixed by the bean
 * name when several factories report here).
 *
 * <p>spring-kafka hands listeners its own wrapper, so {@link PlumeKafkaProducerFactory} reports
 * each raw producer it makes just before; a producer reported directly (a {@link
 * PlumeKafkaProducer}) is taken as is.
 */
public class PlumeKafkaProducers
    implements DynamicProducers, ProducerFactory.Listener<Object, Object> {

  private final Map<String, dev.plume.producer.Producer<?, ?>> open = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * The raw producer {@link PlumeKafkaProducerFactory} has just made on this thread: spring-kafka
   * wraps it and calls {@link #producerAdded} with the wrapper right after, on the same thread.
   */
  private final ThreadLocal<PlumeKafkaProducer<?, ?>> justCreated = new ThreadLocal<>();

  void rawProducerCreated(PlumeKafkaProducer<?, ?> producer) {
    justCreated.set(producer);
  }

  @Override
  public void producerAdded(String id, Producer<Object, Object> producer) {
    PlumeKafkaProducer<?, ?> plume = justCreated.get();
    justCreated.remove();
    if (plume == null && producer instanceof PlumeKafkaProducer<?, ?> direct) {
      plume = direct;
    }
    if (plume != null) {
      dev.plume.producer.Producer<?, ?> engine = plume.engine();
      // Synchronized with subscribe, so a new subscriber sees each producer exactly once.
      synchronized (this) {
        open.put(id, engine);
        listeners.forEach(listener -> listener.added(id, engine));
      }
    }
  }

  @Override
  public void producerRemoved(String id, Producer<Object, Object> producer) {
    synchronized (this) {
      dev.plume.producer.Producer<?, ?> engine = open.remove(id);
      if (engine != null) {
        listeners.forEach(listener -> listener.removed(id, engine));
      }
    }
  }

  /**
   * Makes every open producer reconnect (after its TLS material changed).
   *
   * @return how many
   */
  public int reconnectAll() {
    int count = 0;
    for (dev.plume.producer.Producer<?, ?> engine : open.values()) {
      if (engine instanceof PlumeProducer<?, ?> plume) {
        plume.reconnect();
        count++;
      }
    }
    return count;
  }

  @Override
  public Map<String, dev.plume.producer.Producer<?, ?>> current() {
    return Map.copyOf(open);
  }

  @Override
  public synchronized Runnable subscribe(Listener listener) {
    listeners.add(listener);
    open.forEach(listener::added);
    return () -> listeners.remove(listener);
  }
}
