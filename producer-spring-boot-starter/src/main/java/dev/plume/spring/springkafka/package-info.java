/**
 * spring-kafka on the Plume engine: a {@code DefaultKafkaProducerFactory} whose raw producers are
 * {@code PlumeKafkaProducer}s. The only package of the starter that uses spring-kafka and
 * kafka-clients types (besides the auto-configuration that registers it).
 */
package dev.plume.spring.springkafka;
