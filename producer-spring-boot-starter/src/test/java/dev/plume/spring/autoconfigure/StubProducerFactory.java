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

  @Override
  public Producer<Object, Object> create(PlumeProducerDefinition definition) {
    definitions.put(definition.clientName(), definition);
    StubProducer producer = new StubProducer(calls);
    producers.put(definition.clientName(), producer);
    return producer;
  }
}
