package dev.plume.spring.e2e.springkafkaapp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.RoutingKafkaTemplate;

/**
 * A spring-kafka {@link RoutingKafkaTemplate}, as written without Plume: {@code audit-*} topics
 * take raw bytes through a copy of Boot's producer factory with another value serializer, every
 * other topic goes through Boot's factory. The copy is registered as a bean so that the context
 * closes its producers.
 */
@Configuration(proxyBeanMethods = false)
public class AuditRoutingConfiguration {

  @Bean
  RoutingKafkaTemplate routingTemplate(
      GenericApplicationContext context, ProducerFactory<Object, Object> producerFactory) {
    ProducerFactory<Object, Object> bytes =
        producerFactory.copyWithConfigurationOverride(
            Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    context.registerBean("auditProducerFactory", ProducerFactory.class, () -> bytes);
    Map<Pattern, ProducerFactory<Object, Object>> routes = new LinkedHashMap<>();
    routes.put(Pattern.compile("audit-.*"), bytes);
    routes.put(Pattern.compile(".+"), producerFactory);
    return new RoutingKafkaTemplate(routes);
  }
}
