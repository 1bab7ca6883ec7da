package dev.plume.spring.autoconfigure;

import dev.plume.producer.Producer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds {@link StubProducer}s and keeps each definition, keyed by client name. */
public class StubProducerFactory implements PlumeProducerFactory {

  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final Map<String, PlumeProducerDefinition> definitions = new ConcurrentHashMap<>();
  public final Map<String, StubProducer> producers = new ConcurrentHashMap<>();

  /** Every producer built with a transactional id, keyed by that id (pooled ones included). */
  public final Map<String, StubProducer> byTransactionalId = new ConcurrentHashMap<>();

  /** The definition of every producer built with a transactional id, keyed by that id. */
  public final Map<String, PlumeProducerDefinition> definitionsByTransactionalId =
      new ConcurrentHashMap<>();

  /** The first producer of each client (its Producer bean) is kept under the client's name. */
  @Override
  public Producer<Object, Object> create(PlumeProducerDefinition definition) {
    definitions.putIfAbsent(definition.clientName(), definition);
    StubProducer producer = new StubProducer(calls);
    producers.putIfAbsent(definition.clientName(), producer);
    if (definition.config().transactionalId() != null) {
      byTransactionalId.put(definition.config().transactionalId(), producer);
      definitionsByTransactionalId.put(definition.config().transactionalId(), definition);
    }
    return producer;
  }
}
