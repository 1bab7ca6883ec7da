package dev.plume.spring.core;

/**
 * Told how long each send through a template took, from the call to its outcome; the metrics
 * auto-configuration provides a Micrometer timer through this hook.
 */
@FunctionalInterface
public interface SendObserver {

  /** Observes nothing. */
  SendObserver NONE = (templateName, durationNanos, exception) -> {};

  /**
   * @param templateName the template's name (its bean name)
   * @param durationNanos from the {@code send} call to the acknowledgement or failure
   * @param exception null on success
   */
  void onSendCompleted(String templateName, long durationNanos, Throwable exception);
}
