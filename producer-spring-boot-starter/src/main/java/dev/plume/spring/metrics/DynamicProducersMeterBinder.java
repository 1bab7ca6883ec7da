package dev.plume.spring.metrics;

import dev.plume.producer.Producer;
import dev.plume.spring.core.DynamicProducers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Binds the {@code plume.producer.*} meters of producers that come and go ({@link
 * DynamicProducers}, such as those of a spring-kafka producer factory) while they are open, and
 * removes them from the registry when the producer closes, so that a producer per thread or per
 * transaction leaves no meter behind. Tagged {@code name} (the producer's id) and {@code
 * client.id}.
 *
 * <p>The {@code kafka.producer.*} meters are not bound here: those producers implement
 * kafka-clients' {@code Producer}, whose {@code metrics()} Micrometer's {@code KafkaClientMetrics}
 * (spring-kafka's {@code MicrometerProducerListener}, which Spring Boot adds) already binds under
 * those names with its own tags; binding them twice with different tag keys would clash in a
 * Prometheus registry. Producers of the Plume engine that no such binder sees (the pooled
 * transactional producers of Plume's templates) are bound fully instead: {@link #withKafkaMeters}.
 */
public class DynamicProducersMeterBinder implements MeterBinder, AutoCloseable {

  private final DynamicProducers producers;
  private final boolean kafkaMeters;
  private final List<Runnable> subscriptions = new CopyOnWriteArrayList<>();

  /** Binds the {@code plume.producer.*} meters only. */
  public DynamicProducersMeterBinder(DynamicProducers producers) {
    this(producers, false);
  }

  private DynamicProducersMeterBinder(DynamicProducers producers, boolean kafkaMeters) {
    this.producers = producers;
    this.kafkaMeters = kafkaMeters;
  }

  /**
   * Binds every meter {@link PlumeProducerMeterBinder} binds for a producer bean, {@code
   * kafka.producer.*} included, for producers nothing else binds.
   */
  public static DynamicProducersMeterBinder withKafkaMeters(DynamicProducers producers) {
    return new DynamicProducersMeterBinder(producers, true);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<String, List<Meter>> metersByProducer = new ConcurrentHashMap<>();
    subscriptions.add(
        producers.subscribe(
            new DynamicProducers.Listener() {
              @Override
              public void added(String name, Producer<?, ?> producer) {
                PlumeProducerMeterBinder.Binding binding =
                    new PlumeProducerMeterBinder.Binding(registry, name, producer);
                if (kafkaMeters) {
                  binding.bind();
                } else {
                  binding.bindPlumeOnly();
                }
                metersByProducer.put(name, binding.meters());
              }

              @Override
              public void removed(String name, Producer<?, ?> producer) {
                List<Meter> meters = metersByProducer.remove(name);
                if (meters != null) {
                  meters.forEach(registry::remove);
                }
              }
            }));
  }

  /** Stops following the producers; meters of producers still open stay registered. */
  @Override
  public void close() {
    subscriptions.forEach(Runnable::run);
    subscriptions.clear();
  }
}
