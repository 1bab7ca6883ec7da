package dev.plume.spring.metrics;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.ProducerStats.NodeStats;
import dev.plume.producer.ProducerStats.TopicStats;
import dev.plume.spring.core.ReplacingProducer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Binds the statistics of each producer under the names Micrometer's {@code KafkaClientMetrics}
 * gives the official client's metrics ({@code kafka.producer.record.send.total}, {@code
 * kafka.producer.request.latency.avg}, ...; per topic {@code kafka.producer.topic.*} tagged {@code
 * topic}, per broker {@code kafka.producer.node.*} tagged {@code node.id}), so that dashboards made
 * for kafka-clients work. Every meter is tagged {@code client.id} and {@code name} (the producer's
 * bean name). Values keep Kafka's units (latencies and queue times in milliseconds, metadata age in
 * seconds). A few values Kafka does not have stay under {@code plume.producer.*}.
 *
 * <p>Meters read {@link Producer#metrics()} when the registry polls them; no thread runs in
 * between. Topics and nodes appear while the producer runs: the {@code
 * kafka.producer.connection.count} gauge, when polled, registers meters for those not seen before
 * (two map-size comparisons when nothing is new), so they appear from the next scrape on.
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
    producersByName.forEach((name, producer) -> new Binding(registry, name, producer).bind());
  }

  /** The meters of one producer in one registry, and the topics and nodes bound so far. */
  static final class Binding {
    private final MeterRegistry registry;
    private final Producer<?, ?> producer;
    private final Tags tags;
    private final Set<String> boundTopics = ConcurrentHashMap.newKeySet();
    private final Set<Integer> boundNodes = ConcurrentHashMap.newKeySet();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    Binding(MeterRegistry registry, String name, Producer<?, ?> producer) {
      this.registry = registry;
      this.producer = producer;
      Producer<?, ?> inUse =
          producer instanceof ReplacingProducer<?, ?> replacing ? replacing.current() : producer;
      String clientId =
          inUse instanceof PlumeProducer<?, ?> plume ? plume.config().clientId() : name;
      this.tags = Tags.of("name", name, "client.id", clientId);
    }

    void bind() {
      if (producer instanceof ReplacingProducer<?, ?> replacing) {
        meters.add(
            FunctionCounter.builder(
                    "plume.producer.replacements", replacing, ReplacingProducer::replacementsTotal)
                .description("Producers replaced after failing fatally (fenced, not authorized)")
                .tags(tags)
                .register(registry));
      }
      counter(
          "kafka.producer.record.send.total",
          "records",
          "Records acknowledged",
          ProducerStats::recordsSentTotal);
      counter(
          "kafka.producer.record.error.total",
          "records",
          "Records that failed",
          ProducerStats::recordErrorsTotal);
      counter(
          "kafka.producer.record.retry.total",
          "records",
          "Record retries",
          ProducerStats::recordRetriesTotal);
      counter(
          "kafka.producer.batch.split.total",
          "batches",
          "Batches split after MESSAGE_TOO_LARGE",
          ProducerStats::batchSplitsTotal);
      counter(
          "kafka.producer.request.total",
          "requests",
          "Produce requests sent",
          ProducerStats::requestsTotal);
      counter(
          "plume.producer.io.rounds",
          "rounds",
          "Rounds of the I/O thread (one look at the batches and one network poll each)",
          ProducerStats::ioRoundsTotal);
      counter(
          "plume.producer.io.wakeups",
          "events",
          "Times another thread woke the I/O thread",
          ProducerStats::ioWakeupsTotal);
      counter(
          "plume.producer.io.wakeups.skipped",
          "events",
          "Batches that became sendable while their leader was at its in-flight limit, for which"
              + " no wake-up of the I/O thread was asked",
          ProducerStats::ioWakeupsSkippedTotal);
      counter(
          "kafka.producer.buffer.exhausted.total",
          "events",
          "Appends that timed out waiting for buffer memory",
          ProducerStats::bufferExhaustedTotal);
      counter(
          "kafka.producer.connection.creation.total",
          BaseUnits.CONNECTIONS,
          "Broker connections opened",
          ProducerStats::connectionCreationTotal);
      counter(
          "kafka.producer.connection.close.total",
          BaseUnits.CONNECTIONS,
          "Broker connections closed",
          ProducerStats::connectionCloseTotal);
      counter(
          "kafka.producer.outgoing.byte.total",
          BaseUnits.BYTES,
          "Bytes sent to brokers",
          ProducerStats::outgoingBytesTotal);
      counter(
          "kafka.producer.incoming.byte.total",
          BaseUnits.BYTES,
          "Bytes received from brokers",
          ProducerStats::incomingBytesTotal);

      gauge(
          "kafka.producer.record.send.rate",
          "records",
          "Records acknowledged per second",
          ProducerStats::recordSendRate);
      gauge(
          "kafka.producer.record.error.rate",
          "records",
          "Records failed per second",
          ProducerStats::recordErrorRate);
      gauge(
          "kafka.producer.record.retry.rate",
          "records",
          "Record retries per second",
          ProducerStats::recordRetryRate);
      gauge(
          "kafka.producer.batch.size.avg",
          BaseUnits.BYTES,
          "Average batch size sent",
          ProducerStats::batchSizeAvgBytes);
      gauge(
          "kafka.producer.batch.size.max",
          BaseUnits.BYTES,
          "Largest batch sent",
          ProducerStats::batchSizeMaxBytes);
      gauge(
          "kafka.producer.records.per.request.avg",
          "records",
          "Average records per Produce request",
          ProducerStats::recordsPerRequestAvg);
      gauge(
          "kafka.producer.compression.rate.avg",
          null,
          "Compressed size divided by uncompressed size",
          ProducerStats::compressionRatioAvg);
      gauge(
          "kafka.producer.buffer.total.bytes",
          BaseUnits.BYTES,
          "Buffer memory (buffer.memory)",
          ProducerStats::bufferTotalBytes);
      gauge(
          "kafka.producer.buffer.available.bytes",
          BaseUnits.BYTES,
          "Buffer memory free",
          ProducerStats::bufferAvailableBytes);
      gauge(
          "kafka.producer.waiting.threads",
          BaseUnits.THREADS,
          "Threads blocked waiting for buffer memory",
          ProducerStats::waitingThreads);
      gauge(
          "kafka.producer.requests.in.flight",
          "requests",
          "Produce requests sent and not yet answered",
          ProducerStats::requestsInFlight);
      gauge(
          "kafka.producer.request.latency.avg",
          "ms",
          "Average Produce round trip",
          ProducerStats::requestLatencyAvgMs);
      gauge(
          "kafka.producer.request.latency.max",
          "ms",
          "Slowest Produce round trip",
          ProducerStats::requestLatencyMaxMs);
      gauge(
          "kafka.producer.record.queue.time.avg",
          "ms",
          "Average time batches wait before sending",
          ProducerStats::recordQueueTimeAvgMs);
      gauge(
          "kafka.producer.record.queue.time.max",
          "ms",
          "Longest time a batch waited before sending",
          ProducerStats::recordQueueTimeMaxMs);
      gauge(
          "kafka.producer.metadata.age",
          "seconds",
          "Age of the current metadata (-1: never updated)",
          s -> s.metadataAgeMs() < 0 ? -1 : s.metadataAgeMs() / 1000.0);
      // Strong: nothing else holds this binding, and a collected one would stop discovering.
      meters.add(
          Gauge.builder(
                  "kafka.producer.connection.count", this, Binding::connectionCountAndDiscover)
              .strongReference(true)
              .description("Open broker connections")
              .tags(tags)
              .register(registry));

      bindPlumeOnly();
      discover(producer.metrics());
    }

    /** The meters kafka-clients has no equivalent of, under {@code plume.producer.*}. */
    void bindPlumeOnly() {
      gauge(
          "plume.producer.sender.alive",
          null,
          "1 while the sender thread runs, else 0",
          s -> s.senderThreadAlive() ? 1 : 0);
      gauge(
          "plume.producer.request.latency.p50",
          "ms",
          "Median Produce round trip",
          ProducerStats::requestLatencyP50Ms);
      gauge(
          "plume.producer.request.latency.p99",
          "ms",
          "99th percentile Produce round trip",
          ProducerStats::requestLatencyP99Ms);
      gauge(
          "plume.producer.broker.contact.age",
          "ms",
          "Time since the last response from any broker (-1: never)",
          ProducerStats::lastBrokerContactAgeMs);
    }

    /** Every meter registered so far, topic and node meters included. */
    List<Meter> meters() {
      return List.copyOf(meters);
    }

    private double connectionCountAndDiscover() {
      ProducerStats stats = producer.metrics();
      discover(stats);
      return stats.connectionCount();
    }

    /** Registers meters for topics and nodes not bound yet; cheap when there is none. */
    private void discover(ProducerStats stats) {
      if (stats.topics().size() != boundTopics.size()) {
        stats.topics().keySet().stream().filter(boundTopics::add).forEach(this::bindTopic);
      }
      if (stats.nodes().size() != boundNodes.size()) {
        stats.nodes().keySet().stream().filter(boundNodes::add).forEach(this::bindNode);
      }
    }

    private void bindTopic(String topic) {
      Tags topicTags = tags.and("topic", topic);
      topicCounter(topic, topicTags, "record.send.total", TopicStats::recordsSentTotal);
      topicCounter(topic, topicTags, "record.error.total", TopicStats::recordErrorsTotal);
      topicCounter(topic, topicTags, "record.retry.total", TopicStats::recordRetriesTotal);
      topicCounter(topic, topicTags, "byte.total", TopicStats::bytesSentTotal);
      meters.add(
          Gauge.builder(
                  "kafka.producer.topic.compression.rate",
                  producer,
                  p -> topicValue(p, topic, TopicStats::compressionRatioAvg))
              .tags(topicTags)
              .register(registry));
    }

    private void topicCounter(
        String topic, Tags topicTags, String suffix, ToDoubleFunction<TopicStats> f) {
      meters.add(
          FunctionCounter.builder(
                  "kafka.producer.topic." + suffix, producer, p -> topicValue(p, topic, f))
              .tags(topicTags)
              .register(registry));
    }

    private static double topicValue(
        Producer<?, ?> p, String topic, ToDoubleFunction<TopicStats> f) {
      TopicStats stats = p.metrics().topics().get(topic);
      return stats == null ? Double.NaN : f.applyAsDouble(stats);
    }

    private void bindNode(int nodeId) {
      // Kafka names nodes "node-<id>" in its node.id tag.
      Tags nodeTags = tags.and("node.id", "node-" + nodeId);
      nodeCounter(nodeId, nodeTags, "request.total", NodeStats::requestsTotal);
      nodeCounter(nodeId, nodeTags, "response.total", NodeStats::responsesTotal);
      nodeCounter(nodeId, nodeTags, "outgoing.byte.total", NodeStats::outgoingBytesTotal);
      nodeCounter(nodeId, nodeTags, "incoming.byte.total", NodeStats::incomingBytesTotal);
      nodeGauge(nodeId, nodeTags, "request.latency.avg", NodeStats::requestLatencyAvgMs);
      nodeGauge(nodeId, nodeTags, "request.latency.max", NodeStats::requestLatencyMaxMs);
    }

    private void nodeCounter(
        int nodeId, Tags nodeTags, String suffix, ToDoubleFunction<NodeStats> f) {
      meters.add(
          FunctionCounter.builder(
                  "kafka.producer.node." + suffix, producer, p -> nodeValue(p, nodeId, f))
              .tags(nodeTags)
              .register(registry));
    }

    private void nodeGauge(
        int nodeId, Tags nodeTags, String suffix, ToDoubleFunction<NodeStats> f) {
      meters.add(
          Gauge.builder("kafka.producer.node." + suffix, producer, p -> nodeValue(p, nodeId, f))
              .tags(nodeTags)
              .register(registry));
    }

    private static double nodeValue(Producer<?, ?> p, int nodeId, ToDoubleFunction<NodeStats> f) {
      NodeStats stats = p.metrics().nodes().get(nodeId);
      return stats == null ? Double.NaN : f.applyAsDouble(stats);
    }

    /**
     * Kafka's metrics carry no unit, so KafkaClientMetrics registers none; a unit would change the
     * exported name (Prometheus appends it) and break dashboards made for kafka-clients.
     */
    private static String unitUnlessKafka(String name, String unit) {
      return name.startsWith("kafka.") ? null : unit;
    }

    private void counter(
        String name, String unit, String description, ToDoubleFunction<ProducerStats> f) {
      meters.add(
          FunctionCounter.builder(name, producer, p -> f.applyAsDouble(p.metrics()))
              .baseUnit(unitUnlessKafka(name, unit))
              .description(description)
              .tags(tags)
              .register(registry));
    }

    private void gauge(
        String name, String unit, String description, ToDoubleFunction<ProducerStats> f) {
      meters.add(
          Gauge.builder(name, producer, p -> f.applyAsDouble(p.metrics()))
              .baseUnit(unitUnlessKafka(name, unit))
              .description(description)
              .tags(tags)
              .register(registry));
    }
  }
}
