package dev.plume.kafka;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.BrokerInfo;
import dev.plume.producer.ClusterMetadata;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kafka-clients {@link Producer} over the Plume engine: replace {@code new
 * KafkaProducer<>(props)} with {@code new PlumeKafkaProducer<>(props)} and keep everything else.
 *
 * <p>Configuration is parsed and validated by kafka-clients' own {@link ProducerConfig}, so every
 * key, default, error and {@code config.providers} placeholder behaves as with {@code
 * KafkaProducer}; serializers, partitioner, interceptors and metric reporters are kafka-clients
 * plug-ins, created (from names, classes, or the instances given to the constructor) and configured
 * as {@code KafkaProducer} does. The engine gets the serialized bytes as they are: a send costs the
 * engine's own work plus one small future object.
 *
 * <p>Not supported (the constructor fails with a {@link
 * org.apache.kafka.common.config.ConfigException} naming the key): {@code
 * ssl.engine.factory.class}, {@code security.providers}, SASL callback handler and login classes,
 * OIDC token endpoints, GSSAPI, and two-phase commit transactions. Client metrics are not pushed to
 * brokers: {@link #clientInstanceId} behaves as {@code KafkaProducer} with {@code
 * enable.metrics.push=false}.
 *
 * <p>Frameworks that manage TLS material themselves (Spring Boot SSL bundles) put a {@link
 * dev.plume.producer.security.SslContextProvider} instance under the key {@code
 * dev.plume.producer.security.SslContextProvider}, where {@code KafkaProducer} would take an {@code
 * ssl.engine.factory.class}; the stores named in {@code ssl.*} are then not read.
 */
public final class PlumeKafkaProducer<K, V> implements Producer<K, V> {

  private static final Logger log = LoggerFactory.getLogger(PlumeKafkaProducer.class);
  private static final dev.plume.producer.Header[] NO_HEADERS = new dev.plume.producer.Header[0];

  /** {@code Partitioner.onNewBatch} exists up to kafka-clients 3.9; 4.x removed it. */
  private static final Method ON_NEW_BATCH = onNewBatchMethod();

  private final String clientId;
  private final long maxBlockMs;
  private final Serializer<K> keySerializer;
  private final Serializer<V> valueSerializer;
  private final Partitioner partitioner; // null: the engine's built-in partitioning
  private final boolean callOnNewBatch;
  private final KafkaInterceptors<K, V> interceptors;
  private final List<ClusterResourceListener> clusterListeners;
  private final KafkaMetricsBridge metrics;
  private final PlumeProducer<byte[], byte[]> engine;
  private final KafkaClusterView clusterView = new KafkaClusterView();
  private final TopicPartitions topicPartitions = new TopicPartitions();
  private volatile ClusterMetadata lastSnapshot;
  private volatile String lastClusterId;
  private volatile String lastTopic;
  private final AtomicBoolean pluginsClosed = new AtomicBoolean();

  public PlumeKafkaProducer(Map<String, Object> configs) {
    this(configs, null, null);
  }

  public PlumeKafkaProducer(
      Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this(
        new ProducerConfig(withSerializerClasses(configs, keySerializer, valueSerializer)),
        keySerializer,
        valueSerializer);
  }

  public PlumeKafkaProducer(Properties properties) {
    this(properties, null, null);
  }

  public PlumeKafkaProducer(
      Properties properties, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this(Utils.propsToMap(properties), keySerializer, valueSerializer);
  }

  @SuppressWarnings("unchecked") // plug-ins from the configuration are trusted to match K and V
  private PlumeKafkaProducer(
      ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this.clientId = config.getString(ProducerConfig.CLIENT_ID_CONFIG);
    this.maxBlockMs = config.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG);
    Map<String, Object> clientIdOverride = Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    List<AutoCloseable> created = new ArrayList<>();
    try {
      // Plug-ins as KafkaProducer makes them: names or classes through the context class loader,
      // configured with the (resolved) originals plus the client id; given instances as they are.
      if (keySerializer == null) {
        keySerializer =
            config.getConfiguredInstance(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Serializer.class);
        keySerializer.configure(config.originals(clientIdOverride), true);
      } else {
        config.ignore(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
      }
      created.add(keySerializer);
      this.keySerializer = keySerializer;
      if (valueSerializer == null) {
        valueSerializer =
            config.getConfiguredInstance(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
        valueSerializer.configure(config.originals(clientIdOverride), false);
      } else {
        config.ignore(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
      }
      created.add(valueSerializer);
      this.valueSerializer = valueSerializer;
      this.partitioner =
          config.getConfiguredInstance(
              ProducerConfig.PARTITIONER_CLASS_CONFIG, Partitioner.class, clientIdOverride);
      if (partitioner != null) {
        created.add(partitioner);
      }
      this.callOnNewBatch = partitioner != null && ON_NEW_BATCH != null;
      List<ProducerInterceptor<K, V>> interceptorList =
          (List<ProducerInterceptor<K, V>>)
              (List<?>)
                  config.getConfiguredInstances(
                      ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                      ProducerInterceptor.class,
                      clientIdOverride);
      this.interceptors = new KafkaInterceptors<>(interceptorList);
      created.add(interceptors);

      this.metrics = new KafkaMetricsBridge(config, clientId, this::engineStats);
      created.add(metrics);
      this.clusterListeners = clusterListeners(interceptorList);

      this.engine =
          PlumeProducer.<byte[], byte[]>builder(
                  dev.plume.producer.ProducerConfig.from(EngineConfigs.from(config, clientId)))
              // Never called: records reach the engine serialized, through appendSerialized.
              .keySerializer(new ByteArraySerializer())
              .valueSerializer(new ByteArraySerializer())
              .sslContextProvider(EngineConfigs.sslContextProvider(config))
              .build();
      AppInfoParser.registerAppInfo(
          KafkaMetricsBridge.JMX_PREFIX, clientId, metrics.registry(), System.currentTimeMillis());
      config.logUnused();
      log.debug("PlumeKafkaProducer {} started", clientId);
    } catch (RuntimeException e) {
      for (AutoCloseable c : created) {
        Utils.closeQuietly(c, "plug-in of a producer that failed to start");
      }
      RuntimeException translated = KafkaExceptions.translate(e);
      if (translated instanceof KafkaException) {
        throw translated;
      }
      throw new KafkaException("Failed to construct kafka producer", translated);
    }
  }

  /** As KafkaProducer: given instances stand in for the (then optional) class settings. */
  private static Map<String, Object> withSerializerClasses(
      Map<String, Object> configs, Serializer<?> keySerializer, Serializer<?> valueSerializer) {
    Map<String, Object> out = new HashMap<>(configs);
    if (keySerializer != null) {
      out.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer.getClass());
    }
    if (valueSerializer != null) {
      out.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getClass());
    }
    return out;
  }

  private static Method onNewBatchMethod() {
    try {
      return Partitioner.class.getMethod("onNewBatch", String.class, Cluster.class, int.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private List<ClusterResourceListener> clusterListeners(
      List<ProducerInterceptor<K, V>> interceptorList) {
    List<Object> candidates = new ArrayList<>();
    candidates.add(keySerializer);
    candidates.add(valueSerializer);
    candidates.addAll(interceptorList);
    for (MetricsReporter r : metrics.registry().reporters()) {
      candidates.add(r);
    }
    List<ClusterResourceListener> out = new ArrayList<>();
    for (Object o : candidates) {
      if (o instanceof ClusterResourceListener l) {
        out.add(l);
      }
    }
    return List.copyOf(out);
  }

  private dev.plume.producer.ProducerStats engineStats() {
    return engine.metrics();
  }

  // ------------------------------------------------------------------------------------ send

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
    return send(record, null);
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    ProducerRecord<K, V> intercepted =
        interceptors.isEmpty() ? record : interceptors.onSend(record);
    return doSend(intercepted, callback);
  }

  private Future<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {
    int partition = -1;
    try {
      String topic = record.topic();
      long startMs = System.currentTimeMillis();
      ClusterMetadata snapshot = engine.awaitSendableTopic(topic, maxBlockMs);
      long remainingMs = Math.max(0, maxBlockMs - (System.currentTimeMillis() - startMs));
      if (snapshot != lastSnapshot) {
        onNewMetadata(snapshot);
      }
      if (topic != lastTopic) {
        metrics.maybeAddTopic(topic);
        lastTopic = topic;
      }
      Integer explicit = record.partition();
      if (explicit != null && explicit >= snapshot.partitionCountForTopic(topic)) {
        // KafkaProducer waits for metadata that knows the partition, then fails the same way.
        throw new org.apache.kafka.common.errors.TimeoutException(
            String.format(
                "Partition %d of topic %s with partition count %d is not present in metadata"
                    + " after %d ms.",
                explicit, topic, snapshot.partitionCountForTopic(topic), maxBlockMs));
      }
      byte[] keyBytes;
      try {
        keyBytes = keySerializer.serialize(topic, record.headers(), record.key());
      } catch (ClassCastException e) {
        throw new SerializationException(
            "Can't convert key of class "
                + record.key().getClass().getName()
                + " to class "
                + keySerializer.getClass().getName()
                + " specified in key.serializer",
            e);
      }
      byte[] valueBytes;
      try {
        valueBytes = valueSerializer.serialize(topic, record.headers(), record.value());
      } catch (ClassCastException e) {
        throw new SerializationException(
            "Can't convert value of class "
                + record.value().getClass().getName()
                + " to class "
                + valueSerializer.getClass().getName()
                + " specified in value.serializer",
            e);
      }
      partition = partition(record, keyBytes, valueBytes, snapshot);
      if (record.headers() instanceof RecordHeaders headers) {
        headers.setReadOnly();
      }
      dev.plume.producer.Header[] headers = engineHeaders(record.headers().toArray());
      long timestampMs = record.timestamp() == null ? -1 : record.timestamp();
      SendFuture future =
          new SendFuture(
              callback,
              interceptors.isEmpty() ? null : interceptors,
              record.headers(),
              topicPartitions);
      int appended =
          engine.appendSerialized(
              topic,
              partition,
              timestampMs,
              keyBytes,
              valueBytes,
              headers,
              future,
              remainingMs,
              snapshot,
              callOnNewBatch);
      if (appended == PlumeProducer.APPEND_ABORTED_FOR_NEW_BATCH) {
        onNewBatch(topic, snapshot, partition);
        partition = partition(record, keyBytes, valueBytes, snapshot);
        engine.appendSerialized(
            topic,
            partition,
            timestampMs,
            keyBytes,
            valueBytes,
            headers,
            future,
            remainingMs,
            snapshot,
            false);
      }
      return future;
    } catch (RuntimeException e) {
      RuntimeException k = KafkaExceptions.forSend(e);
      if (k instanceof ApiException) {
        // As KafkaProducer: API errors before queueing go to the callback and the future.
        if (callback != null) {
          TopicPartition tp = new TopicPartition(record.topic(), partition);
          callback.onCompletion(new RecordMetadata(tp, -1, -1, -1, -1, -1), k);
        }
        interceptors.onSendError(record, partition, k);
        return SendFuture.failed(k);
      }
      interceptors.onSendError(record, partition, k);
      throw k;
    }
  }

  private static dev.plume.producer.Header[] engineHeaders(Header[] headers) {
    if (headers.length == 0) {
      return NO_HEADERS;
    }
    dev.plume.producer.Header[] out = new dev.plume.producer.Header[headers.length];
    for (int i = 0; i < headers.length; i++) {
      out[i] = new dev.plume.producer.Header(headers[i].key(), headers[i].value());
    }
    return out;
  }

  /** Kafka's rules: the record's partition, else the custom partitioner, else built-in. */
  private int partition(
      ProducerRecord<K, V> record, byte[] keyBytes, byte[] valueBytes, ClusterMetadata snapshot) {
    if (record.partition() != null) {
      return record.partition();
    }
    if (partitioner != null) {
      int p =
          partitioner.partition(
              record.topic(),
              record.key(),
              keyBytes,
              record.value(),
              valueBytes,
              clusterView.of(snapshot));
      if (p < 0) {
        throw new IllegalArgumentException(
            String.format(
                "The partitioner generated an invalid partition number: %d. Partition number"
                    + " should always be non-negative.",
                p));
      }
      return p;
    }
    return engine.builtInPartition(record.topic(), keyBytes, snapshot);
  }

  private void onNewBatch(String topic, ClusterMetadata snapshot, int previousPartition) {
    try {
      ON_NEW_BATCH.invoke(partitioner, topic, clusterView.of(snapshot), previousPartition);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new KafkaException("Partitioner.onNewBatch failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new KafkaException("Cannot call Partitioner.onNewBatch", e);
    }
  }

  /** Per metadata update: node metrics, and the cluster id for ClusterResourceListeners. */
  private void onNewMetadata(ClusterMetadata snapshot) {
    lastSnapshot = snapshot;
    for (BrokerInfo broker : snapshot.brokers()) {
      metrics.maybeAddNode(broker.id());
    }
    String clusterId = snapshot.clusterId();
    if (clusterId != null && !clusterId.equals(lastClusterId) && !clusterListeners.isEmpty()) {
      synchronized (this) {
        if (!clusterId.equals(lastClusterId)) {
          lastClusterId = clusterId;
          ClusterResource resource = new ClusterResource(clusterId);
          for (ClusterResourceListener l : clusterListeners) {
            l.onUpdate(resource);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------- other operations

  @Override
  public void flush() {
    withKafkaExceptions(() -> engine.flush());
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    Objects.requireNonNull(topic, "topic cannot be null");
    try {
      ClusterMetadata snapshot = engine.awaitTopicMetadata(topic, maxBlockMs);
      if (snapshot != lastSnapshot) {
        onNewMetadata(snapshot);
      }
      return clusterView.of(snapshot).partitionsForTopic(topic);
    } catch (RuntimeException e) {
      throw KafkaExceptions.forCall(e);
    }
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return metrics.all();
  }

  /**
   * The Plume engine producer this one sends through, for monitoring: its {@link
   * PlumeProducer#metrics() statistics} feed Plume's health indicator and meters. Its records are
   * already serialized; send and close through this producer, not through the engine.
   */
  public PlumeProducer<byte[], byte[]> engine() {
    return engine;
  }

  /**
   * As {@code KafkaProducer} with {@code enable.metrics.push=false}: Plume does not push client
   * metrics to brokers (KIP-714), so there is no client instance id.
   */
  @Override
  public Uuid clientInstanceId(Duration timeout) {
    throw new IllegalStateException(
        "Telemetry is not enabled. Set config `"
            + ProducerConfig.ENABLE_METRICS_PUSH_CONFIG
            + "` to `true`. (PlumeKafkaProducer does not push client metrics to brokers.)");
  }

  /**
   * Accepted and ignored: client metrics are not pushed to brokers (see clientInstanceId). (No
   * {@code @Override}: kafka-clients 3.9's {@code Producer} does not declare it.)
   */
  public void registerMetricForSubscription(KafkaMetric metric) {
    Objects.requireNonNull(metric, "metric");
    log.debug(
        "Not pushing {}: PlumeKafkaProducer does not push client metrics", metric.metricName());
  }

  /** Accepted and ignored, as {@link #registerMetricForSubscription}. */
  public void unregisterMetricFromSubscription(KafkaMetric metric) {
    Objects.requireNonNull(metric, "metric");
  }

  // --------------------------------------------------------------------------- transactions

  @Override
  public void initTransactions() {
    withKafkaExceptions(() -> engine.initTransactions());
  }

  @Override
  public void beginTransaction() {
    withKafkaExceptions(() -> engine.beginTransaction());
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    Objects.requireNonNull(groupMetadata, "groupMetadata");
    Map<dev.plume.producer.TopicPartition, dev.plume.producer.OffsetAndMetadata> converted =
        new HashMap<>();
    offsets.forEach(
        (tp, om) ->
            converted.put(
                new dev.plume.producer.TopicPartition(tp.topic(), tp.partition()),
                new dev.plume.producer.OffsetAndMetadata(
                    om.offset(),
                    om.metadata() == null ? "" : om.metadata(),
                    om.leaderEpoch().orElse(-1))));
    dev.plume.producer.ConsumerGroupMetadata group =
        new dev.plume.producer.ConsumerGroupMetadata(
            groupMetadata.groupId(),
            groupMetadata.generationId(),
            groupMetadata.memberId(),
            groupMetadata.groupInstanceId().orElse(null));
    withKafkaExceptions(() -> engine.sendOffsetsToTransaction(converted, group));
  }

  @Override
  public void commitTransaction() {
    withKafkaExceptions(() -> engine.commitTransaction());
  }

  @Override
  public void abortTransaction() {
    withKafkaExceptions(() -> engine.abortTransaction());
  }

  // ---------------------------------------------------------------------------------- close

  /** Runs an engine call, turning its exceptions into kafka-clients' types for the same cause. */
  private static void withKafkaExceptions(Runnable engineCall) {
    try {
      engineCall.run();
    } catch (RuntimeException e) {
      throw KafkaExceptions.forCall(e);
    }
  }

  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Override
  public void close(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("The timeout cannot be negative.");
    }
    try {
      engine.close(timeout);
    } catch (RuntimeException e) {
      throw KafkaExceptions.forCall(e);
    } finally {
      if (pluginsClosed.compareAndSet(false, true)) {
        closePlugins();
      }
    }
  }

  /** Once, also when close is called again: user plug-ins expect a single close. */
  private void closePlugins() {
    Utils.closeQuietly(interceptors, "producer interceptors");
    Utils.closeQuietly(keySerializer, "producer keySerializer");
    Utils.closeQuietly(valueSerializer, "producer valueSerializer");
    Utils.closeQuietly(partitioner, "producer partitioner");
    AppInfoParser.unregisterAppInfo(KafkaMetricsBridge.JMX_PREFIX, clientId, metrics.registry());
    Utils.closeQuietly(metrics, "producer metrics");
    log.debug("PlumeKafkaProducer {} closed", clientId);
  }
}
