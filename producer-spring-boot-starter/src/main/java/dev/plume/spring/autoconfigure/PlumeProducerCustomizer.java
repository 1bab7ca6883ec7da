package dev.plume.spring.autoconfigure;

import java.util.Map;

/**
 * Adjusts a producer's Kafka-keyed configuration after the properties are applied and before the
 * engine validates it. Every bean is applied, in {@code @Order}, to every producer the starter
 * builds.
 */
@FunctionalInterface
public interface PlumeProducerCustomizer {

  /**
   * @param clientName {@value PlumeClients#DEFAULT_CLIENT} for the {@code plume.producer.*}
   *     producer, otherwise the name under {@code plume.producer.clients}
   * @param config the mutable configuration, keyed by Kafka names ({@code linger.ms}, ...)
   */
  void customize(String clientName, Map<String, Object> config);
}
