package dev.plume.kafka;

import dev.plume.producer.ProducerStats;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's own {@link Metrics} registry, filled with metrics named as {@code KafkaProducer} names
 * them (groups {@code producer-metrics}, {@code producer-node-metrics}, {@code
 * producer-topic-metrics}, tags {@code client-id}, {@code node-id}, {@code topic}) whose values
 * read the engine's statistics. Reporters from {@code metric.reporters} (JmxReporter by default)
 * and tools that read {@code producer.metrics()} (Micrometer's {@code KafkaClientMetrics})
 * therefore work unchanged. Only statistics the engine tracks are registered: no metric reads a
 * constant.
 *
 * <p>Counters ({@code *-total}) are {@link CumulativeSum}s, as in {@code KafkaProducer}: Micrometer
 * makes a metric a counter (Prometheus {@code _total}) only when its measurable is exactly that
 * class (or {@link org.apache.kafka.common.metrics.stats.CumulativeCount}), else a gauge. Such a
 * sum only moves when something records into it, and the engine's totals are read, not pushed; so
 * the registry's clock ({@link SyncingTime}), which Kafka reads just before measuring any metric,
 * first records into each sum what its engine total gained since.
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
  private final long snapshotReuseNs;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final Set<Integer> nodes = ConcurrentHashMap.newKeySet();
  private volatile ProducerStats cached;
  private volatile long cachedAtNs;

  /** Counters registered so far; each is added once its sensor holds its metric. */
  private final List<SyncedCounter> counters = new CopyOnWriteArrayList<>();

  private final ReentrantLock syncLock = new ReentrantLock();

  /**
   * Set once construction ends: the registry reads its clock while metrics are being registered,
   * when the statistics source (the producer being built) may not be readable yet.
   */
  private volatile boolean syncing;

  KafkaMetricsBridge(ProducerConfig config, String clientId, Supplier<ProducerStats> source) {
    this(config, clientId, source, SNAPSHOT_REUSE_NS);
  }

  /** With {@code snapshotReuseNs} 0, each read takes a new snapshot (tests script the values). */
  KafkaMetricsBridge(
      ProducerConfig config,
      String clientId,
      Supplier<ProducerStats> source,
      long snapshotReuseNs) {
    this.source = source;
    this.snapshotReuseNs = snapshotReuseNs;
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
    this.metrics = new Metrics(metricConfig, reporters, new SyncingTime(), context);
    registerProducerMetrics();
    syncing = true;
  }

  Metrics registry() {
    return metrics;
  }

  private ProducerStats stats() {
    long now = System.nanoTime();
    ProducerStats s = cached;
    if (s == null || now - cachedAtNs >= snapshotReuseNs) {
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

  /**
   * Registers a counter: a {@link CumulativeSum} on a sensor of its own, which {@link
   * #syncCounters} raises to {@code total} of the latest statistics.
   */
  private void addCounter(
      String group,
      Map<String, String> tags,
      String name,
      String description,
      ToDoubleFunction<ProducerStats> total) {
    MetricName metricName = metrics.metricName(name, group, description, tags);
    if (metrics.metric(metricName) != null) {
      return;
    }
    Sensor sensor = metrics.sensor(group + ":" + name + ":" + tags);
    sensor.add(metricName, new CumulativeSum());
    counters.add(new SyncedCounter(sensor, total));
  }

  /**
   * Records into each counter what its engine total gained since the last sync. One thread syncs at
   * a time; a thread that finds a sync under way does not wait for it (it may hold the registry's
   * lock while registering a metric, which the syncing thread's sensors may need).
   */
  void syncCounters(long nowMs) {
    if (!syncing || !syncLock.tryLock()) {
      return;
    }
    try {
      ProducerStats s = stats();
      for (SyncedCounter counter : counters) {
        counter.sync(s, nowMs);
      }
    } finally {
      syncLock.unlock();
    }
  }

  /** A counter's sensor and how much of its engine total it holds; used under the sync lock. */
  private static final class SyncedCounter {
    private final Sensor sensor;
    private final ToDoubleFunction<ProducerStats> total;
    private double recorded;

    SyncedCounter(Sensor sensor, ToDoubleFunction<ProducerStats> total) {
      this.sensor = sensor;
      this.total = total;
    }

    void sync(ProducerStats stats, long nowMs) {
      double now = total.applyAsDouble(stats);
      // Engine totals only grow; a smaller value (none yet) is not a reset to record.
      if (now > recorded) {
        sensor.record(now - recorded, nowMs);
        recorded = now;
      }
    }
  }

  /** The system clock, syncing the counters first whenever Kafka asks it the time of a read. */
  private final class SyncingTime implements Time {
    @Override
    public long milliseconds() {
      long now = Time.SYSTEM.milliseconds();
      syncCounters(now);
      return now;
    }

    @Override
    public long nanoseconds() {
      return Time.SYSTEM.nanoseconds();
    }

    @Override
    public void sleep(long ms) {
      Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs)
        throws InterruptedException {
      Time.SYSTEM.waitObject(obj, condition, deadlineMs);
    }
  }

  private void producer(String name, String description, ToDoubleFunction<ProducerStats> value) {
    if (name.endsWith("-total")) {
      addCounter(PRODUCER_GROUP, Map.of(), name, description, value);
    } else {
      add(
          PRODUCER_GROUP,
          Map.of(),
          name,
          description,
          (config, now) -> value.applyAsDouble(stats()));
    }
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
    if (name.endsWith("-total")) {
      addCounter(
          TOPIC_GROUP,
          tags,
          name,
          description,
          s -> {
            ProducerStats.TopicStats t = s.topics().get(topic);
            return t == null ? 0 : value.applyAsDouble(t);
          });
      return;
    }
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
    if (name.endsWith("-total")) {
      addCounter(
          NODE_GROUP,
          tags,
          name,
          description,
          s -> {
            ProducerStats.NodeStats n = s.nodes().get(nodeId);
            return n == null ? 0 : value.applyAsDouble(n);
          });
      return;
    }
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
