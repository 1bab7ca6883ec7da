package dev.plume.spring.metrics;

import dev.plume.spring.core.SendObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every template send as {@code plume.producer.send}, tagged {@code name} (template bean
 * name), {@code result} ({@code success} or {@code failure}) and {@code exception} (the error's
 * simple class name, or {@code none}).
 */
public class MicrometerSendObserver implements SendObserver {

  public static final String TIMER_NAME = "plume.producer.send";

  private final MeterRegistry registry;

  /** Success timers by template name, so that a successful send looks its timer up only. */
  private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();

  public MicrometerSendObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onSendCompleted(String templateName, long durationNanos, Throwable exception) {
    Timer timer =
        exception == null
            ? successTimers.computeIfAbsent(templateName, name -> timer(name, null))
            : timer(templateName, exception);
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String templateName, Throwable exception) {
    return Timer.builder(TIMER_NAME)
        .description("Time from a template send to its outcome")
        .publishPercentileHistogram()
        .tag("name", templateName)
        .tag("result", exception == null ? "success" : "failure")
        .tag("exception", exception == null ? "none" : exception.getClass().getSimpleName())
        .register(registry);
  }
}
