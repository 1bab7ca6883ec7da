package dev.plume.spring.autoconfigure;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.serialization.Serializer;
import dev.plume.spring.core.ReplacingProducer;

/**
 * Builds a producer from a definition. The default builds a {@link PlumeProducer}; declare a bean
 * of this type to wrap or replace producers (tests use it to plug in stubs). Producers built here
 * are closed by {@link PlumeProducerLifecycle}.
 */
@FunctionalInterface
public interface PlumeProducerFactory {

  Producer<Object, Object> create(PlumeProducerDefinition definition);

  /**
   * The engine, wrapped in a {@link ReplacingProducer}: a producer that fails fatally (fenced, not
   * authorized) is closed and replaced by a new one from the same definition at its next use.
   */
  static PlumeProducerFactory engine() {
    return definition ->
        new ReplacingProducer<>(
            definition.clientName(),
            engineProducer(definition),
            () -> engineProducer(definition),
            definition.config().transactionalId() != null);
  }

  private static Producer<Object, Object> engineProducer(PlumeProducerDefinition definition) {
    {
      PlumeProducer.Builder<Object, Object> builder = PlumeProducer.builder(definition.config());
      if (definition.keySerializer() != null) {
        builder.keySerializer(objectTyped(definition.keySerializer()));
      }
      if (definition.valueSerializer() != null) {
        builder.valueSerializer(objectTyped(definition.valueSerializer()));
      }
      if (definition.partitioner() != null) {
        builder.partitioner(definition.partitioner());
      }
      for (ProducerInterceptor<?, ?> interceptor : definition.interceptors()) {
        builder.interceptor(objectTyped(interceptor));
      }
      if (definition.sslContextProvider() != null) {
        builder.sslContextProvider(definition.sslContextProvider());
      }
      if (definition.oauthBearerTokenProvider() != null) {
        builder.oauthBearerTokenProvider(definition.oauthBearerTokenProvider());
      }
      return builder.build();
    }
  }

  // The producer bean is declared Producer<?, ?>: the application fixes K and V where it injects
  // the template, and serializers were matched to those types by their generic type.
  @SuppressWarnings("unchecked")
  private static Serializer<Object> objectTyped(Serializer<?> serializer) {
    return (Serializer<Object>) serializer;
  }

  // Interceptor beans see the records of every producer; their generic types are not checked.
  @SuppressWarnings("unchecked")
  private static ProducerInterceptor<Object, Object> objectTyped(
      ProducerInterceptor<?, ?> interceptor) {
    return (ProducerInterceptor<Object, Object>) interceptor;
  }
}
