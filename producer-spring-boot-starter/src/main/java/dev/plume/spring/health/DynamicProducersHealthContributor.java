package dev.plume.spring.health;

import dev.plume.producer.Producer;
import dev.plume.spring.core.DynamicProducers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * One {@link PlumeHealthIndicator} per producer open now among {@link DynamicProducers} (such as
 * those of a spring-kafka producer factory), keyed by producer id; a producer leaves the composite
 * when it closes. Empty until the first producer is created (spring-kafka creates them on first
 * use).
 */
public class DynamicProducersHealthContributor
    implements CompositeHealthContributor, AutoCloseable {

  private final Map<String, PlumeHealthIndicator> indicators = new ConcurrentSkipListMap<>();
  private final Runnable subscription;

  public DynamicProducersHealthContributor(
      DynamicProducers producers, Duration unreachableTimeout, Duration bufferExhaustedTimeout) {
    this.subscription =
        producers.subscribe(
            new DynamicProducers.Listener() {
              @Override
              public void added(String name, Producer<?, ?> producer) {
                indicators.put(
                    name,
                    new PlumeHealthIndicator(producer, unreachableTimeout, bufferExhaustedTimeout));
              }

              @Override
              public void removed(String name, Producer<?, ?> producer) {
                indicators.remove(name);
              }
            });
  }

  @Override
  public HealthContributor getContributor(String name) {
    return indicators.get(name);
  }

  @Override
  public Stream<Entry> stream() {
    return indicators.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue()));
  }

  @Override
  public void close() {
    subscription.run();
  }
}
