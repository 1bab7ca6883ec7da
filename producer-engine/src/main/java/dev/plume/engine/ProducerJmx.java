package dev.plume.engine;

import dev.plume.producer.ProducerStats;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's statistics as MBeans named and shaped like kafka-clients' JmxReporter's, so JMX
 * exporters and dashboards built for the Java client work unchanged:
 *
 * <ul>
 *   <li>{@code kafka.producer:type=producer-metrics,client-id=<id>}
 *   <li>{@code kafka.producer:type=producer-node-metrics,client-id=<id>,node-id=node-<n>}
 *   <li>{@code kafka.producer:type=producer-topic-metrics,client-id=<id>,topic=<topic>}
 * </ul>
 *
 * Attribute names are Kafka's (a subset: those Plume measures); values are doubles, computed when
 * read. Node and topic MBeans are registered as nodes and topics come into use (checked at most
 * once a second while sending, and whenever the statistics are read). Registered unless {@code
 * metric.reporters} leaves out Kafka's JmxReporter; unregistered on close.
 */
final class ProducerJmx implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProducerJmx.class);
  private static final Pattern PLAIN = Pattern.compile("[-\\w.]+");
  private static final long SYNC_INTERVAL_MS = 1000;

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final String clientId;
  private final Supplier<ProducerStats> stats;
  private final Supplier<Set<Integer>> nodeIds;
  private final Supplier<Set<String>> topics;
  private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();
  private final Set<Integer> nodesRegistered = ConcurrentHashMap.newKeySet();
  private final Set<String> topicsRegistered = ConcurrentHashMap.newKeySet();
  private volatile long lastSyncMs = Long.MIN_VALUE / 2;
  private volatile boolean closed;

  ProducerJmx(
      String clientId,
      Supplier<ProducerStats> stats,
      Supplier<Set<Integer>> nodeIds,
      Supplier<Set<String>> topics) {
    this.clientId = clientId;
    this.stats = stats;
    this.nodeIds = nodeIds;
    this.topics = topics;
    register(
        name("producer-metrics", null, null),
        StatsMBean.builder("Plume producer " + clientId, this::statsAndSync)
            .add("record-send-total", s -> s.recordsSentTotal())
            .add("record-send-rate", s -> s.recordSendRate())
            .add("record-error-total", s -> s.recordErrorsTotal())
            .add("record-error-rate", s -> s.recordErrorRate())
            .add("record-retry-total", s -> s.recordRetriesTotal())
            .add("record-retry-rate", s -> s.recordRetryRate())
            .add("batch-size-avg", s -> s.batchSizeAvgBytes())
            .add("batch-size-max", s -> s.batchSizeMaxBytes())
            .add("batch-split-total", s -> s.batchSplitsTotal())
            .add("records-per-request-avg", s -> s.recordsPerRequestAvg())
            .add("compression-rate-avg", s -> s.compressionRatioAvg())
            .add("buffer-total-bytes", s -> s.bufferTotalBytes())
            .add("buffer-available-bytes", s -> s.bufferAvailableBytes())
            .add("waiting-threads", s -> s.waitingThreads())
            .add("buffer-exhausted-total", s -> s.bufferExhaustedTotal())
            .add("requests-in-flight", s -> s.requestsInFlight())
            .add("request-total", s -> s.requestsTotal())
            // Kafka's names for its I/O thread's polls; wake-ups have no Kafka name, so they are
            // only in ProducerStats (this MBean carries Kafka's attribute names only).
            .add("select-total", s -> s.ioRoundsTotal())
            .add("select-rate", s -> s.ioRoundRate())
            .add("request-latency-avg", s -> s.requestLatencyAvgMs())
            .add("request-latency-max", s -> s.requestLatencyMaxMs())
            .add("record-queue-time-avg", s -> s.recordQueueTimeAvgMs())
            .add("record-queue-time-max", s -> s.recordQueueTimeMaxMs())
            .add("connection-count", s -> s.connectionCount())
            .add("connection-creation-total", s -> s.connectionCreationTotal())
            .add("connection-close-total", s -> s.connectionCloseTotal())
            .add("outgoing-byte-total", s -> s.outgoingBytesTotal())
            .add("incoming-byte-total", s -> s.incomingBytesTotal())
            // Kafka reports the metadata age in seconds.
            .add("metadata-age", s -> s.metadataAgeMs() < 0 ? Double.NaN : s.metadataAgeMs() / 1e3)
            .build());
    sync();
  }

  private ProducerStats statsAndSync() {
    ProducerStats s = stats.get();
    sync();
    return s;
  }

  /** Called per send: registers new nodes' and topics' MBeans at most once a second. */
  void maybeSync(long nowMs) {
    if (nowMs - lastSyncMs >= SYNC_INTERVAL_MS) {
      lastSyncMs = nowMs;
      sync();
    }
  }

  synchronized void sync() {
    if (closed) {
      return;
    }
    for (Integer id : nodeIds.get()) {
      if (nodesRegistered.add(id)) {
        int nodeId = id;
        register(
            name("producer-node-metrics", "node-id", "node-" + nodeId),
            StatsMBean.<ProducerStats.NodeStats>builder(
                    "Plume producer " + clientId + ", node " + nodeId,
                    () -> stats.get().nodes().get(nodeId))
                .add("request-total", n -> n.requestsTotal())
                .add("response-total", n -> n.responsesTotal())
                .add("outgoing-byte-total", n -> n.outgoingBytesTotal())
                .add("incoming-byte-total", n -> n.incomingBytesTotal())
                .add("request-latency-avg", n -> n.requestLatencyAvgMs())
                .add("request-latency-max", n -> n.requestLatencyMaxMs())
                .build());
      }
    }
    for (String topic : topics.get()) {
      if (topicsRegistered.add(topic)) {
        register(
            name("producer-topic-metrics", "topic", topic),
            StatsMBean.<ProducerStats.TopicStats>builder(
                    "Plume producer " + clientId + ", topic " + topic,
                    () -> stats.get().topics().get(topic))
                .add("record-send-total", t -> t.recordsSentTotal())
                .add("byte-total", t -> t.bytesSentTotal())
                .add("record-error-total", t -> t.recordErrorsTotal())
                .add("record-retry-total", t -> t.recordRetriesTotal())
                .add("compression-rate", t -> t.compressionRatioAvg())
                .build());
      }
    }
  }

  private ObjectName name(String type, String key, String value) {
    StringBuilder s = new StringBuilder("kafka.producer:type=").append(type).append(",client-id=");
    s.append(quoted(clientId));
    if (key != null) {
      s.append(',').append(key).append('=').append(quoted(value));
    }
    try {
      return new ObjectName(s.toString());
    } catch (JMException e) {
      throw new IllegalArgumentException("Invalid JMX name " + s, e);
    }
  }

  /** As Kafka's JmxReporter: plain values as they are, others quoted. */
  private static String quoted(String value) {
    return PLAIN.matcher(value).matches() ? value : ObjectName.quote(value);
  }

  private void register(ObjectName name, StatsMBean<?> bean) {
    try {
      server.registerMBean(bean, name);
      registered.add(name);
    } catch (JMException e) {
      // Two producers with one client.id: as in Kafka, the second one's MBeans are missing.
      log.warn(
          "Cannot register the MBean {} ({}); is client.id {} used by two producers?",
          name,
          e.toString(),
          clientId);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        log.debug("Cannot unregister the MBean {}", name, e);
      }
    }
    registered.clear();
  }
}
