package dev.plume.spring.metrics;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds the statistics of each producer as {@code plume.producer.*} gauges and function counters,
 * tagged {@code name} (the producer's bean name) and {@code client.id}. Meters read {@link
 * Producer#metrics()} when the registry polls them; nothing runs in between.
 */
public class PlumeProducerMeterBinder implements MeterBinder {

  private final Map<String, Producer<?, ?>> producersByName;

  /**
   * @param producersByName producers keyed by bean name
   */
  public PlumeProducerMeterBinder(Map<String, ? extends Producer<?, ?>> producersByName) {
    this.producersByName = Map.copyOf(producersByName);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    producersByName.forEach((name, producer) -> bind(registry, name, producer));
  }

  private static void bind(MeterRegistry registry, String name, Producer<?, ?> producer) {
    String clientId =
        producer instanceof PlumeProducer<?, ?> plume ? plume.config().clientId() : name;
    Tags tags = Tags.of("name", name, "client.id", clientId);
    Meters m = new Meters(registry, producer, tags);

    m.counter(
        "plume.producer.records.sent",
        "records",
        "Records acknowledged by the broker",
        ProducerStats::recordsSentTotal);
    m.counter(
        "plume.producer.record.errors",
        "records",
        "Records that failed",
        ProducerStats::recordErrorsTotal);
    m.counter(
        "plume.producer.record.retries",
        "records",
        "Record retries",
        ProducerStats::recordRetriesTotal);
    m.counter(
        "plume.producer.batch.splits",
        "batches",
        "Batches split after MESSAGE_TOO_LARGE",
        ProducerStats::batchSplitsTotal);
    m.counter(
        "plume.producer.requests",
        "requests",
        "Produce requests sent",
        ProducerStats::requestsTotal);
    m.counter(
        "plume.producer.buffer.exhausted",
        "events",
        "Appends that timed out waiting for buffer memory",
        ProducerStats::bufferExhaustedTotal);
    m.counter(
        "plume.producer.connections.created",
        "connections",
        "Broker connections opened",
        ProducerStats::connectionCreationTotal);
    m.counter(
        "plume.producer.connections.closed",
        "connections",
        "Broker connections closed",
        ProducerStats::connectionCloseTotal);
    m.counter(
        "plume.producer.outgoing",
        BaseUnits.BYTES,
        "Bytes sent to brokers",
        ProducerStats::outgoingBytesTotal);
    m.counter(
        "plume.producer.incoming",
        BaseUnits.BYTES,
        "Bytes received from brokers",
        ProducerStats::incomingBytesTotal);

    m.gauge(
        "plume.producer.batch.size.avg",
        BaseUnits.BYTES,
        "Average batch size sent",
        ProducerStats::batchSizeAvgBytes);
    m.gauge(
        "plume.producer.batch.size.max",
        BaseUnits.BYTES,
        "Largest batch sent",
        ProducerStats::batchSizeMaxBytes);
    m.gauge(
        "plume.producer.records.per.request.avg",
        "records",
        "Average records per Produce request",
        ProducerStats::recordsPerRequestAvg);
    m.gauge(
        "plume.producer.compression.ratio.avg",
        null,
        "Compressed size divided by uncompressed size",
        ProducerStats::compressionRatioAvg);
    m.gauge(
        "plume.producer.buffer.total",
        BaseUnits.BYTES,
        "Buffer memory (buffer.memory)",
        ProducerStats::bufferTotalBytes);
    m.gauge(
        "plume.producer.buffer.available",
        BaseUnits.BYTES,
        "Buffer memory free",
        ProducerStats::bufferAvailableBytes);
    m.gauge(
        "plume.producer.buffer.waiting.threads",
        BaseUnits.THREADS,
        "Threads blocked waiting for buffer memory",
        ProducerStats::waitingThreads);
    m.gauge(
        "plume.producer.requests.in.flight",
        "requests",
        "Produce requests sent and not yet answered",
        ProducerStats::requestsInFlight);
    m.gauge(
        "plume.producer.connections",
        BaseUnits.CONNECTIONS,
        "Open broker connections",
        ProducerStats::connectionCount);
    m.gauge(
        "plume.producer.sender.alive",
        null,
        "1 while the sender thread runs, else 0",
        s -> s.senderThreadAlive() ? 1 : 0);

    m.time(
        "plume.producer.request.latency.avg",
        "Average Produce round trip",
        ProducerStats::requestLatencyAvgMs);
    m.time(
        "plume.producer.request.latency.max",
        "Slowest Produce round trip",
        ProducerStats::requestLatencyMaxMs);
    m.time(
        "plume.producer.request.latency.p50",
        "Median Produce round trip",
        ProducerStats::requestLatencyP50Ms);
    m.time(
        "plume.producer.request.latency.p99",
        "99th percentile Produce round trip",
        ProducerStats::requestLatencyP99Ms);
    m.time(
        "plume.producer.record.queue.time.avg",
        "Average time batches wait before sending",
        ProducerStats::recordQueueTimeAvgMs);
    m.time(
        "plume.producer.record.queue.time.max",
        "Longest time a batch waited before sending",
        ProducerStats::recordQueueTimeMaxMs);
    m.time(
        "plume.producer.metadata.age",
        "Time since the last metadata update (-1: never)",
        ProducerStats::metadataAgeMs);
    m.time(
        "plume.producer.broker.contact.age",
        "Time since the last response from any broker (-1: never)",
        ProducerStats::lastBrokerContactAgeMs);
  }

  /** Registers meters of one producer with common tags. */
  private record Meters(MeterRegistry registry, Producer<?, ?> producer, Tags tags) {

    void counter(String name, String unit, String description, ToDoubleFunction<ProducerStats> f) {
      FunctionCounter.builder(name, producer, p -> f.applyAsDouble(p.metrics()))
          .baseUnit(unit)
          .description(description)
          .tags(tags)
          .register(registry);
    }

    void gauge(String name, String unit, String description, ToDoubleFunction<ProducerStats> f) {
      Gauge.builder(name, producer, p -> f.applyAsDouble(p.metrics()))
          .baseUnit(unit)
          .description(description)
          .tags(tags)
          .register(registry);
    }

    void time(String name, String description, ToDoubleFunction<ProducerStats> millis) {
      TimeGauge.builder(
              name, producer, TimeUnit.MILLISECONDS, p -> millis.applyAsDouble(p.metrics()))
          .description(description)
          .tags(tags)
          .register(registry);
    }
  }
}
