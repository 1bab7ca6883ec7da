package dev.plume.spring.core;

import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;

/**
 * Hears the outcome of every send made through a {@link ProducerTemplate}. Every {@code
 * ProducerListener} bean is called, in {@code @Order}. Calls usually run on the producer's I/O
 * thread: keep them short and never block.
 */
public interface ProducerListener<K, V> {

  /** The broker acknowledged {@code record}. */
  default void onSuccess(ProducerRecord<K, V> record, RecordMetadata metadata) {}

  /** {@code record} could not be sent; {@code exception} is the producer's error. */
  default void onError(ProducerRecord<K, V> record, Exception exception) {}
}
