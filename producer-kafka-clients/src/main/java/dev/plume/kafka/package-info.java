/**
 * {@link dev.plume.kafka.PlumeKafkaProducer}: kafka-clients' {@code Producer} API over the Plume
 * engine, so code written against {@code KafkaProducer} (and the serializers, partitioners,
 * interceptors and metrics tooling around it) runs unchanged.
 */
package dev.plume.kafka;
