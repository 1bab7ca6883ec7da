package dev.plume.spring.core;

import dev.plume.producer.Producer;
import java.util.Map;

/**
 * Producers that are not beans but come and go while the application runs, such as those a
 * spring-kafka producer factory creates lazily (per thread, per transaction), so that health and
 * metrics follow them.
 */
public interface DynamicProducers {

  /** Hears producers arrive and leave; called on the thread that creates or closes them. */
  interface Listener {

    void added(String name, Producer<?, ?> producer);

    void removed(String name, Producer<?, ?> producer);
  }

  /** The producers open now, by name. */
  Map<String, Producer<?, ?>> current();

  /**
   * Calls {@code listener} for every producer open now and from then on for every change.
   *
   * @return stops the calls
   */
  Runnable subscribe(Listener listener);
}
