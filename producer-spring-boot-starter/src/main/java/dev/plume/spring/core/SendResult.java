package dev.plume.spring.core;

import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;

/**
 * The outcome of a successful send: the record as the template sent it and what the broker
 * acknowledged.
 */
public record SendResult<K, V>(ProducerRecord<K, V> record, RecordMetadata metadata) {}
