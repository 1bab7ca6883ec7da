package dev.plume.kafka;

import dev.plume.producer.ProducerStats;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's own {@link Metrics} registry, filled with metrics named as {@code KafkaProducer} names
 * them (groups {@code producer-metrics}, {@code producer-node-metrics}, {@code
 * producer-topic-metrics}, tags {@code client-id}, {@code node-id}, {@code topic}) whose values
 * read the engine's statistics. Reporters from {@code metric.reporters} (JmxReporter by default)
 * and tools that read {@code producer.metrics()} (Micrometer's {@code KafkaClientMetrics})
 * therefore work unchanged. Only statistics the engine tracks are registered: no metric reads a
 * constant.
 */
final class KafkaMetricsBridge implements AutoCloseable {

  static final String JMX_PREFIX = "kafka.producer";
  private static final String PRODUCER_GROUP = "producer-metrics";
  private static final String NODE_GROUP = "producer-node-metrics";
  private static final String TOPIC_GROUP = "producer-topic-metrics";

  /** Reads of several metrics in a row (a JMX or Micrometer poll) share one snapshot. */
  private static final long SNAPSHOT_REUSE_NS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Metrics metrics;
  private final Supplier<ProducerStats> source;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final Set<Integer> nodes = ConcurrentHashMap.newKeySet();
  private volatile ProducerStats cached;
  private volatile long cachedAtNs;

  KafkaMetricsBridge(ProducerConfig config, String clientId, Supplier<ProducerStats> source) {
    this.source = source;
    MetricConfig metricConfig =
        new MetricConfig()
            .samples(config.getInt(ProducerConfig.METRICS_NUM_SAMPLES_CONFIG))
            .timeWindow(
                config.getLong(ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG),
                TimeUnit.MILLISECONDS)
            .recordLevel(
                Sensor.RecordingLevel.forName(
                    config.getString(ProducerConfig.METRICS_RECORDING_LEVEL_CONFIG)))
            .tags(Collections.singletonMap("client-id", clientId));
    List<MetricsReporter> reporters = CommonClientConfigs.metricsReporters(clientId, config);
    KafkaMetricsContext context =
        new KafkaMetricsContext(
            JMX_PREFIX, config.originalsWithPrefix(CommonClientConfigs.METRICS_CONTEXT_PREFIX));
    this.metrics = new Metrics(metricConfig, reporters, Time.SYSTEM, context);
    registerProducerMetrics();
  }

  Metrics registry() {
    return metrics;
  }

  private ProducerStats stats() {
    long now = System.nanoTime();
    ProducerStats s = cached;
    if (s == null || now - cachedAtNs > SNAPSHOT_REUSE_NS) {
      s = source.get();
      cached = s;
      cachedAtNs = now;
    }
    return s;
  }

  private void add(
      String group, Map<String, String> tags, String name, String description, Measurable value) {
    MetricName metricName = metrics.metricName(name, group, description, tags);
    if (metrics.metric(metricName) == null) {
      metrics.addMetric(metricName, value);
    }
  }

  private void producer(String name, String description, ToDoubleFunction<ProducerStats> value) {
    add(PRODUCER_GROUP, Map.of(), name, description, (config, now) -> value.applyAsDouble(stats()));
  }

  private void registerProducerMetrics() {
    producer("record-send-total", "Records sent (acknowledged).", s -> s.recordsSentTotal());
    producer("record-send-rate", "Records sent per second.", ProducerStats::recordSendRate);
    producer("record-error-total", "Records that failed.", s -> s.recordErrorsTotal());
    producer("record-error-rate", "Failed records per second.", ProducerStats::recordErrorRate);
    producer("record-retry-total", "Record retries.", s -> s.recordRetriesTotal());
    producer("record-retry-rate", "Record retries per second.", ProducerStats::recordRetryRate);
    producer(
        "batch-split-total", "Batches split after MESSAGE_TOO_LARGE.", s -> s.batchSplitsTotal());
    producer("batch-size-avg", "Average bytes per batch sent.", ProducerStats::batchSizeAvgBytes);
    producer("batch-size-max", "Largest batch sent, in bytes.", s -> s.batchSizeMaxBytes());
    producer(
        "records-per-request-avg",
        "Average records per Produce request.",
        ProducerStats::recordsPerRequestAvg);
    producer(
        "compression-rate-avg",
        "Average compressed/uncompressed size ratio of batches sent.",
        ProducerStats::compressionRatioAvg);
    producer("buffer-total-bytes", "buffer.memory.", s -> s.bufferTotalBytes());
    producer(
        "buffer-available-bytes",
        "Buffer memory not in use (pooled or unallocated).",
        s -> s.bufferAvailableBytes());
    producer(
        "waiting-threads", "Threads blocked waiting for buffer memory.", s -> s.waitingThreads());
    producer(
        "buffer-exhausted-total",
        "Appends that timed out waiting for buffer memory.",
        s -> s.bufferExhaustedTotal());
    producer(
        "requests-in-flight", "Produce requests awaiting a response.", s -> s.requestsInFlight());
    producer("request-total", "Produce requests sent.", s -> s.requestsTotal());
    producer(
        "request-latency-avg",
        "Average request round trip in ms.",
        ProducerStats::requestLatencyAvgMs);
    producer(
        "request-latency-max",
        "Longest request round trip in ms.",
        ProducerStats::requestLatencyMaxMs);
    producer(
        "record-queue-time-avg",
        "Average ms a batch waited before being sent.",
        ProducerStats::recordQueueTimeAvgMs);
    producer(
        "record-queue-time-max",
        "Longest ms a batch waited before being sent.",
        ProducerStats::recordQueueTimeMaxMs);
    producer("connection-count", "Open broker connections.", s -> s.connectionCount());
    producer("connection-creation-total", "Connections opened.", s -> s.connectionCreationTotal());
    producer("connection-close-total", "Connections closed.", s -> s.connectionCloseTotal());
    producer("outgoing-byte-total", "Bytes sent to all brokers.", s -> s.outgoingBytesTotal());
    producer("incoming-byte-total", "Bytes read from all brokers.", s -> s.incomingBytesTotal());
    producer(
        "metadata-age",
        "Seconds since the last metadata update.",
        s -> s.metadataAgeMs() < 0 ? Double.NaN : s.metadataAgeMs() / 1000.0);
  }

  /** Registers the per-topic metrics on the first record to a topic. */
  void maybeAddTopic(String topic) {
    if (topics.contains(topic) || !topics.add(topic)) {
      return;
    }
    Map<String, String> tags = Map.of("topic", topic);
    topic(
        tags, topic, "record-send-total", "Records sent to the topic.", t -> t.recordsSentTotal());
    topic(tags, topic, "byte-total", "Bytes sent to the topic.", t -> t.bytesSentTotal());
    topic(
        tags,
        topic,
        "record-error-total",
        "Records to the topic that failed.",
        t -> t.recordErrorsTotal());
    topic(
        tags,
        topic,
        "record-retry-total",
        "Record retries for the topic.",
        t -> t.recordRetriesTotal());
    topic(
        tags,
        topic,
        "compression-rate",
        "Average compression ratio of the topic's batches.",
        ProducerStats.TopicStats::compressionRatioAvg);
  }

  private void topic(
      Map<String, String> tags,
      String topic,
      String name,
      String description,
      ToDoubleFunction<ProducerStats.TopicStats> value) {
    add(
        TOPIC_GROUP,
        tags,
        name,
        description,
        (config, now) -> {
          ProducerStats.TopicStats t = stats().topics().get(topic);
          return t == null ? 0 : value.applyAsDouble(t);
        });
  }

  /** Registers the per-broker metrics of a node the metadata names. */
  void maybeAddNode(int nodeId) {
    if (nodeId < 0 || nodes.contains(nodeId) || !nodes.add(nodeId)) {
      return;
    }
    Map<String, String> tags = Map.of("node-id", "node-" + nodeId);
    node(tags, nodeId, "request-total", "Requests sent to the node.", n -> n.requestsTotal());
    node(tags, nodeId, "response-total", "Responses from the node.", n -> n.responsesTotal());
    node(
        tags,
        nodeId,
        "outgoing-byte-total",
        "Bytes sent to the node.",
        n -> n.outgoingBytesTotal());
    node(
        tags,
        nodeId,
        "incoming-byte-total",
        "Bytes read from the node.",
        n -> n.incomingBytesTotal());
    node(
        tags,
        nodeId,
        "request-latency-avg",
        "Average round trip to the node in ms.",
        ProducerStats.NodeStats::requestLatencyAvgMs);
    node(
        tags,
        nodeId,
        "request-latency-max",
        "Longest round trip to the node in ms.",
        ProducerStats.NodeStats::requestLatencyMaxMs);
  }

  private void node(
      Map<String, String> tags,
      int nodeId,
      String name,
      String description,
      ToDoubleFunction<ProducerStats.NodeStats> value) {
    add(
        NODE_GROUP,
        tags,
        name,
        description,
        (config, now) -> {
          ProducerStats.NodeStats n = stats().nodes().get(nodeId);
          return n == null ? 0 : value.applyAsDouble(n);
        });
  }

  /** Every metric, after registering topics and nodes the statistics know and we did not yet. */
  Map<MetricName, KafkaMetric> all() {
    ProducerStats s = stats();
    s.topics().keySet().forEach(this::maybeAddTopic);
    s.nodes().keySet().forEach(this::maybeAddNode);
    return Collections.unmodifiableMap(metrics.metrics());
  }

  @Override
  public void close() {
    metrics.close();
  }
}
