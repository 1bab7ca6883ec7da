package dev.plume.producer;

/**
 * Called once per record with its outcome. Runs on the producer's I/O thread: keep it short, and
 * never call {@link Producer#flush()} from it (that fails fast instead of deadlocking).
 */
@FunctionalInterface
public interface Callback {

  /**
   * @param metadata the acknowledged record; on failure only topic and partition are meaningful
   *     (partition -1 if it was never assigned)
   * @param exception null on success
   */
  void onCompletion(RecordMetadata metadata, Exception exception);
}
