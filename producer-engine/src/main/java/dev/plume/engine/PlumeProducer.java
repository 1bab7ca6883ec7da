package dev.plume.engine;

import dev.plume.internal.accumulator.AccumulatorConfig;
import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.clock.Clock;
import dev.plume.internal.compression.Codecs;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.PartitionCountCache;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.NetworkConfig;
import dev.plume.internal.network.NetworkEnvironment;
import dev.plume.internal.network.NioNetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.network.TransportFactory;
import dev.plume.internal.partition.PartitionChooser;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.internal.sender.Sender;
import dev.plume.internal.sender.SenderCollaborators;
import dev.plume.internal.sender.SenderConfig;
import dev.plume.internal.sender.SenderStats;
import dev.plume.internal.txn.ProducerIdManager;
import dev.plume.internal.txn.ProducerTransactions;
import dev.plume.internal.txn.TransactionConfig;
import dev.plume.internal.txn.TransactionManager;
import dev.plume.producer.Callback;
import dev.plume.producer.Cluster;
import dev.plume.producer.ClusterMetadata;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.Header;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Partitioner;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.RecordOutcome;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.errors.InterruptException;
import dev.plume.producer.errors.PlumeException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.SerializationException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SslContextProvider;
import dev.plume.producer.serialization.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Plume producer. Construct it from a Kafka-style configuration map, or with {@link
 * #builder(ProducerConfig)} to pass serializer, partitioner and interceptor instances.
 *
 * <p>{@code send} runs interceptors, waits for the topic's metadata only if it was never seen,
 * serializes, picks the partition and appends the record straight into its partition's open batch.
 * One I/O thread, named {@code plume-producer-<client.id>}, does all network work and runs every
 * callback and future completion: keep callbacks short.
 */
public final class PlumeProducer<K, V> implements Producer<K, V> {

  private static final Logger log = LoggerFactory.getLogger(PlumeProducer.class);
  private static final Header[] NO_HEADERS = new Header[0];
  private static final int RECORD_OVERHEAD_BYTES = 61 + 21;

  private final ProducerConfig config;
  private final Clock clock;
  private final Serializer<K> keySerializer;
  private final Serializer<V> valueSerializer;
  private final Partitioner partitioner;
  private final PartitionChooser partitionChooser;
  private final InterceptorChain<K, V> interceptors;
  private final BufferPool pool;
  private final RecordAccumulator accumulator;
  private final ProducerMetadata metadata;
  // The send path's partition count lookup: no map probe per record in steady state.
  private final PartitionCountCache partitionCounts = new PartitionCountCache();
  private final NetworkClient client;
  private final SenderStats senderStats = new SenderStats();
  private final RateWindow rates;
  private final Sender sender;
  // TransactionManager with transactional.id, ProducerTransactions.NONE without.
  private final ProducerTransactions transactions;
  private final Thread ioThread;
  private final ProducerJmx jmx; // null with metric.reporters= (empty)
  private volatile boolean closed;

  /** Serializers and plug-ins are built from the class names in the configuration. */
  public PlumeProducer(Map<String, ?> configs) {
    this(PlumeProducer.<K, V>builder(ProducerConfig.from(configs)));
  }

  public PlumeProducer(Properties properties) {
    this(PlumeProducer.<K, V>builder(ProducerConfig.from(properties)));
  }

  public PlumeProducer(
      Map<String, ?> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this(
        PlumeProducer.<K, V>builder(ProducerConfig.from(configs))
            .keySerializer(keySerializer)
            .valueSerializer(valueSerializer));
  }

  private PlumeProducer(Builder<K, V> b) {
    this.config = b.config;
    this.clock = b.clock;
    this.rates = new RateWindow(clock.nowMs());
    Map<String, Object> originals = config.originals();
    this.keySerializer =
        serializer(b.keySerializer, ProducerConfig.KEY_SERIALIZER, config.keySerializer(), true);
    this.valueSerializer =
        serializer(
            b.valueSerializer, ProducerConfig.VALUE_SERIALIZER, config.valueSerializer(), false);
    this.partitioner =
        b.partitioner != null
            ? b.partitioner
            : config.partitionerClass() == null
                ? null
                : Plugins.newInstance(
                    ProducerConfig.PARTITIONER_CLASS, config.partitionerClass(), Partitioner.class);
    if (partitioner != null && b.partitioner == null) {
      Plugins.configure(partitioner, originals);
    }
    this.partitionChooser = new PartitionChooser(partitioner, config.partitionerIgnoreKeys());
    List<ProducerInterceptor<K, V>> chain = new ArrayList<>();
    for (String name : config.interceptorClasses()) {
      @SuppressWarnings("unchecked") // the configured interceptor is trusted to match K, V
      ProducerInterceptor<K, V> i =
          Plugins.newInstance(ProducerConfig.INTERCEPTOR_CLASSES, name, ProducerInterceptor.class);
      Plugins.configure(i, originals);
      chain.add(i);
    }
    chain.addAll(b.interceptors);
    this.interceptors = new InterceptorChain<>(chain);

    CompressionType compression = CompressionType.forConfigName(config.compressionType());
    // A missing codec library fails here, naming the dependency, not later on the I/O thread.
    Codecs.requireAvailable(compression);
    this.pool = new BufferPool(config.bufferMemoryBytes(), Math.max(1, config.batchSizeBytes()));
    CompressionLevels levels =
        new CompressionLevels(
            config.compressionGzipLevel(),
            config.compressionLz4Level(),
            config.compressionZstdLevel());
    // One rule, with its random factor, for retried batches, InitProducerId and coordinator calls.
    RetryBackoff retryBackoff =
        RetryBackoff.withJitter(config.retryBackoffMs(), config.retryBackoffMaxMs());
    this.accumulator =
        new RecordAccumulator(
            new AccumulatorConfig(
                config.batchSizeBytes(),
                config.lingerMs(),
                config.deliveryTimeoutMs(),
                retryBackoff,
                compression,
                config.transactionalId() != null,
                config.partitionerAdaptive(),
                config.partitionerAvailabilityTimeoutMs(),
                config.adaptiveBatching()),
            pool,
            () -> new CompressionContext(levels));
    this.metadata =
        new ProducerMetadata(
            Node.bootstrap(config.bootstrapServers()),
            config.retryBackoffMs(),
            config.metadataMaxAgeMs(),
            config.metadataMaxIdleMs(),
            config.metadataRebootstrap(),
            config.metadataRebootstrapTriggerMs());
    NetworkConfig networkConfig = NetworkConfig.from(config);
    this.client =
        b.networkFactory != null
            ? b.networkFactory.apply(networkConfig)
            : new NioNetworkClient(
                networkConfig,
                NetworkEnvironment.of(clock)
                    .withTransports(
                        TransportFactory.from(config, b.sslContexts, b.oauthBearerTokens)));
    ProducerIdManager producerIds =
        config.transactionalId() == null
            ? ProducerIdManager.idempotent(config.clientId(), retryBackoff)
            : ProducerIdManager.transactional(
                new TransactionConfig(
                    config.transactionalId(), config.transactionTimeoutMs(), retryBackoff));
    this.transactions =
        config.transactionalId() == null
            ? ProducerTransactions.NONE
            : new TransactionManager(producerIds, client, metadata);
    this.sender =
        new Sender(
            new SenderConfig(
                config.clientId(),
                config.acks(),
                config.requestTimeoutMs(),
                config.maxRequestSizeBytes(),
                config.retries(),
                config.retryBackoffMs(),
                config.retryBackoffMaxMs(),
                config.deliveryTimeoutMs(),
                config.idempotenceEnabled()),
            new SenderCollaborators(
                clock,
                client,
                metadata,
                accumulator,
                new CompressionContext(levels),
                senderStats,
                transactions,
                producerIds));
    this.ioThread = new Thread(sender, "plume-producer-" + config.clientId());
    ioThread.setDaemon(true);
    ioThread.start();
    this.jmx =
        config.jmxEnabled()
            ? new ProducerJmx(
                config.clientId(),
                this::metrics,
                () -> client.stats().perNode().keySet(),
                () -> senderStats.topics().keySet())
            : null;
    log.info("Plume producer {} started with {}", config.clientId(), config.describeForLog());
    // After the plug-ins were configured: a key one of them read is used.
    java.util.Set<String> unused = config.unusedKeys();
    if (!unused.isEmpty()) {
      log.warn(
          "Producer {}: these configurations {} were supplied but are not used by Plume (unknown"
              + " keys, or Kafka settings Plume does not implement); check them for typos",
          config.clientId(),
          unused);
    }
  }

  private <T> Serializer<T> serializer(
      Serializer<T> given, String key, String className, boolean isKey) {
    Serializer<T> s = given;
    if (s == null) {
      if (className == null) {
        throw new ConfigException(
            key, null, "is required when no serializer instance is passed to the producer");
      }
      @SuppressWarnings("unchecked") // the configured serializer is trusted to match K or V
      Serializer<T> created = Plugins.newInstance(key, className, Serializer.class);
      s = created;
    }
    s.configure(config.originals(), isKey);
    return s;
  }

  public static <K, V> Builder<K, V> builder(ProducerConfig config) {
    return new Builder<>(config);
  }

  /** The validated configuration this producer runs with. */
  public ProducerConfig config() {
    return config;
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
    return send(record, null);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    if (closed) {
      throw new ProducerClosedException(
          "Cannot send to " + record.topic() + ": the producer is closed");
    }
    transactions.checkSendAllowed(record.topic());
    ProducerRecord<K, V> intercepted =
        interceptors.isEmpty() ? record : interceptors.onSend(record);
    Callback wrapped = interceptors.wrap(callback);
    try {
      return doSend(intercepted, wrapped);
    } catch (PlumeException e) {
      if (e instanceof SerializationException
          || e instanceof ProducerClosedException
          || e instanceof InterruptException) {
        interceptors.onSendError(intercepted, e);
        // As documented: onAcknowledgement follows onSendError, also when send throws.
        interceptors.onAcknowledgement(metadataForError(intercepted), e);
        throw e;
      }
      // Failures before queueing (metadata or buffer timeout, invalid partition): the record's
      // future and callback carry them, as for any later failure.
      interceptors.onSendError(intercepted, e);
      return failed(intercepted, wrapped, e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      interceptors.onSendError(intercepted, e);
      return failed(intercepted, wrapped, e);
    }
  }

  // ------------------------------------------------------------ allocation-free sends
  //
  // For callers that send at high rates and count garbage: no ProducerRecord, no future, no
  // RecordMetadata. The outcome arrives as plain values; with serializers that allocate nothing
  // (ByteArraySerializer, or the caller's own) and no interceptors, a record costs no allocation
  // at all in the producer (see ZeroAllocationSendIT).

  /**
   * Sends {@code value} with {@code key} to {@code topic} without creating a future or a {@link
   * RecordMetadata}: {@code outcome} receives the result as plain values, once, on the I/O thread
   * (or on the calling thread when the record fails before it is queued, as a {@link Callback}
   * would). The partition is chosen as for {@link #send(ProducerRecord, Callback)}; the timestamp
   * is now.
   *
   * @throws SerializationException, ProducerClosedException, InterruptException as {@link
   *     #send(ProducerRecord, Callback)} does; other failures reach {@code outcome}
   */
  public void send(String topic, K key, V value, RecordOutcome outcome) {
    send(topic, PartitionChooser.UNKNOWN_PARTITION, -1L, key, value, null, outcome);
  }

  /**
   * Like {@link #send(String, Object, Object, RecordOutcome)}, with every part of a record.
   *
   * @param partition the partition, or -1 for the partitioner's choice
   * @param timestampMs the CreateTime, or -1 for now
   * @param headers the record's headers, or null for none. Serializers see them as an unmodifiable
   *     list here: a serializer that adds headers (a type header, say) needs {@link
   *     #send(ProducerRecord, Callback)}
   */
  public void send(
      String topic,
      int partition,
      long timestampMs,
      K key,
      V value,
      Header[] headers,
      RecordOutcome outcome) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(outcome, "outcome");
    if (partition < PartitionChooser.UNKNOWN_PARTITION) {
      throw new IllegalArgumentException(
          "partition must be >= 0, or -1 for the partitioner's choice, got "
              + partition
              + " for topic "
              + topic);
    }
    if (!interceptors.isEmpty()) {
      // Interceptors see (and may replace) a ProducerRecord: this path needs one.
      send(
          new ProducerRecord<>(
              topic,
              partition < 0 ? null : partition,
              timestampMs < 0 ? null : timestampMs,
              key,
              value,
              headers == null ? List.of() : List.of(headers)),
          outcome);
      return;
    }
    if (closed) {
      throw new ProducerClosedException("Cannot send to " + topic + ": the producer is closed");
    }
    try {
      transactions.checkSendAllowed(topic);
      Header[] recordHeaders = headers == null ? NO_HEADERS : headers;
      serializeAndAppend(
          topic,
          partition,
          timestampMs,
          key,
          value,
          recordHeaders.length == 0 ? List.of() : List.of(recordHeaders),
          recordHeaders,
          null,
          outcome);
    } catch (PlumeException e) {
      if (e instanceof SerializationException
          || e instanceof ProducerClosedException
          || e instanceof InterruptException) {
        throw e;
      }
      failedBeforeQueueing(topic, partition, timestampMs, outcome, e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      failedBeforeQueueing(topic, partition, timestampMs, outcome, e);
    }
  }

  private static void failedBeforeQueueing(
      String topic,
      int partition,
      long timestampMs,
      RecordOutcome outcome,
      RuntimeException error) {
    try {
      outcome.onOutcome(topic, partition, -1, timestampMs, -1, -1, error);
    } catch (RuntimeException e) {
      log.error("RecordOutcome for a failed record to {} threw; ignoring it", topic, e);
    }
  }

  private CompletableFuture<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    serializeAndAppend(
        record.topic(),
        record.partition() == null ? PartitionChooser.UNKNOWN_PARTITION : record.partition(),
        record.timestampMs() == null ? -1L : record.timestampMs(),
        record.key(),
        record.value(),
        record.headers(),
        record.headers().isEmpty() ? NO_HEADERS : record.headers().toArray(NO_HEADERS),
        future,
        callback);
    return future;
  }

  /**
   * Both send paths: waits for the topic's metadata, serializes, picks the partition (-1: the
   * partitioner's choice) and appends; a negative timestamp means now.
   */
  private void serializeAndAppend(
      String topic,
      int partition,
      long timestampMs,
      K key,
      V value,
      List<Header> serializerHeaders,
      Header[] headers,
      CompletableFuture<RecordMetadata> future,
      Callback callback) {
    long startMs = clock.nowMs();
    if (jmx != null) {
      jmx.maybeSync(startMs);
    }
    // The topic's partition count is looked up once per send (from the cache of the latest send's
    // topic, so usually without a map probe) and handed down, rather than asked again by each step.
    metadata.touch(topic, startMs);
    ClusterSnapshot cluster = metadata.snapshot();
    int partitionCount = partitionCounts.partitionCount(cluster, topic);
    // One clock read per send when the topic is known, as the appends it times are
    // milliseconds apart at most.
    long nowMs = startMs;
    long remainingBlockMs = config.maxBlockMs();
    if (partitionCount <= 0) {
      cluster = awaitUnknownTopic(topic, startMs, config.maxBlockMs());
      partitionCount = partitionCounts.partitionCount(cluster, topic);
      nowMs = clock.nowMs();
      remainingBlockMs = Math.max(0, config.maxBlockMs() - (nowMs - startMs));
    }
    byte[] keyBytes = serialize(keySerializer, topic, serializerHeaders, key, "key");
    byte[] valueBytes = serialize(valueSerializer, topic, serializerHeaders, value, "value");
    int chosen =
        partition >= 0
            ? partition
            : partitionChooser.partition(topic, key, keyBytes, value, valueBytes, cluster);
    checkedAppend(
        topic,
        chosen,
        timestampMs >= 0 ? timestampMs : startMs,
        keyBytes,
        valueBytes,
        headers,
        future,
        callback,
        remainingBlockMs,
        nowMs,
        cluster,
        partitionCount,
        false);
  }

  private ClusterSnapshot topicMetadata(String topic, long nowMs, long maxBlockMs) {
    metadata.touch(topic, nowMs);
    ClusterSnapshot cluster = metadata.snapshot();
    if (partitionCounts.partitionCount(cluster, topic) <= 0) {
      cluster = awaitUnknownTopic(topic, nowMs, maxBlockMs);
    }
    return cluster;
  }

  /** Wakes the I/O thread to fetch a topic the metadata does not know, and waits for it. */
  private ClusterSnapshot awaitUnknownTopic(String topic, long nowMs, long maxBlockMs) {
    sender.wakeup();
    return metadata.awaitTopic(topic, nowMs, maxBlockMs);
  }

  /**
   * Size checks, then the append; wakes the sender when a batch is ready to go.
   *
   * @param nowMs the caller's current time (the new batch's creation time)
   * @param partitionCount {@code cluster}'s partition count of {@code topic}, which the caller
   *     already looked up
   */
  private int checkedAppend(
      String topic,
      int partition,
      long timestampMs,
      byte[] keyBytes,
      byte[] valueBytes,
      Header[] headers,
      CompletableFuture<RecordMetadata> future,
      Callback callback,
      long maxBlockMs,
      long nowMs,
      ClusterSnapshot cluster,
      int partitionCount,
      boolean abortOnNewBatch) {
    if (partition >= partitionCount) {
      throw new IllegalArgumentException(
          "Invalid partition given with record: "
              + partition
              + " is not in the range [0.."
              + partitionCount
              + ") of topic "
              + topic);
    }
    int sizeBytes = estimateSizeBytes(keyBytes, valueBytes, headers);
    if (sizeBytes > config.maxRequestSizeBytes()) {
      throw new RecordTooLargeException(
          "The record to "
              + topic
              + " is "
              + sizeBytes
              + " bytes serialized, larger than max.request.size="
              + config.maxRequestSizeBytes());
    }
    if (sizeBytes > config.bufferMemoryBytes()) {
      throw new RecordTooLargeException(
          "The record to "
              + topic
              + " is "
              + sizeBytes
              + " bytes serialized, larger than buffer.memory="
              + config.bufferMemoryBytes());
    }
    int result =
        accumulator.append(
            topic,
            partition,
            timestampMs,
            keyBytes,
            valueBytes,
            headers,
            future,
            callback,
            maxBlockMs,
            nowMs,
            cluster,
            abortOnNewBatch);
    if (result == RecordAccumulator.ABORTED_AFTER_FILLING_BATCH) {
      // The record may now go to another partition: the full batch it left must not wait for
      // its linger.ms.
      sender.batchReadyAt(nowMs, -1);
      return APPEND_ABORTED_FOR_NEW_BATCH;
    }
    if (result == RecordAccumulator.ABORTED_FOR_NEW_BATCH) {
      return APPEND_ABORTED_FOR_NEW_BATCH;
    }
    // Wake the I/O thread only when this append changed when it must act (a batch filled, or a
    // new batch lingers until before its next deadline), never per append, and not while the
    // batch's leader is at its in-flight limit: a selector wake-up is a system call and a whole
    // round of the I/O thread.
    int appended = RecordAccumulator.partitionOf(result);
    long readyAtMs = accumulator.readyAtMs(result, nowMs);
    if (readyAtMs != Long.MAX_VALUE) { // once per batch: the leader lookup is off the record path
      // A batch this record filled before the sticky partitioner moved it on belongs to another
      // partition, whose leader may differ. Skipping the wake-up for this leader then delays that
      // batch at most to its own linger deadline (which the I/O thread already sleeps towards) or
      // to this busy leader's next response, whichever comes first: never longer than before
      // filled batches were announced at all.
      Node leader = cluster.leaderFor(topic, appended);
      sender.batchReadyAt(readyAtMs, leader == null ? -1 : leader.id());
    }
    return appended;
  }

  // ------------------------------------------------------------ pre-serialized records
  //
  // For adapters of another client API (the kafka-clients Producer API) that run their own
  // interceptors, serializers and partitioner: they hand over the serialized bytes as they are,
  // so nothing is copied or wrapped twice.

  /** {@link #appendSerialized} result: nothing was appended, a new batch would have been opened. */
  public static final int APPEND_ABORTED_FOR_NEW_BATCH = -1;

  /**
   * The metadata that knows {@code topic}'s partitions, waiting at most {@code maxBlockMs} for it
   * when the topic was never seen. First checks that a record may be sent now: the producer is open
   * and, when transactional, a transaction is in progress.
   *
   * @throws ProducerClosedException when the producer is closed
   * @throws IllegalStateException when no transaction is in progress (transactional producer)
   * @throws TimeoutException when the topic's metadata did not arrive in time
   */
  public ClusterMetadata awaitSendableTopic(String topic, long maxBlockMs) {
    if (closed) {
      throw new ProducerClosedException("Cannot send to " + topic + ": the producer is closed");
    }
    transactions.checkSendAllowed(topic);
    return topicMetadata(topic, clock.nowMs(), maxBlockMs);
  }

  /**
   * Like {@link #partitionsFor}, but the whole metadata snapshot (nodes, cluster id, every known
   * topic), for adapters that present it in another API's types.
   */
  public ClusterMetadata awaitTopicMetadata(String topic, long maxBlockMs) {
    if (closed) {
      throw new ProducerClosedException("The producer is closed");
    }
    long nowMs = clock.nowMs();
    metadata.touch(topic, nowMs);
    sender.wakeup();
    return metadata.awaitTopic(topic, nowMs, maxBlockMs);
  }

  /**
   * The partition the built-in rules give a record without explicit partition and without custom
   * partitioner: murmur2 of the serialized key (unless {@code partitioner.ignore.keys}), else -1,
   * meaning the sticky partitioner chooses at append time.
   */
  public int builtInPartition(String topic, byte[] keyBytes, Cluster cluster) {
    return partitionChooser.partitionByKey(topic, keyBytes, cluster);
  }

  /**
   * Appends a record that is already serialized. The arrays are kept, not copied: the caller must
   * not change them afterwards. {@code completion} runs once, on the I/O thread, with the outcome;
   * no future is created.
   *
   * @param partition the partition, or -1 for the sticky partitioner's choice
   * @param timestampMs CreateTime, or -1 for now
   * @param maxBlockMs how long to wait at most for buffer memory
   * @param cluster the metadata {@link #awaitSendableTopic} returned
   * @param abortOnNewBatch return {@link #APPEND_ABORTED_FOR_NEW_BATCH} instead of opening a new
   *     batch (for Kafka's {@code Partitioner.onNewBatch})
   * @return the partition the record went to, or {@link #APPEND_ABORTED_FOR_NEW_BATCH}
   * @throws RecordTooLargeException when the record exceeds max.request.size or buffer.memory
   * @throws TimeoutException when no buffer memory was free within {@code maxBlockMs}
   * @throws IllegalArgumentException when the partition is not one of the topic's
   */
  public int appendSerialized(
      String topic,
      int partition,
      long timestampMs,
      byte[] keyBytes,
      byte[] valueBytes,
      Header[] headers,
      Callback completion,
      long maxBlockMs,
      ClusterMetadata cluster,
      boolean abortOnNewBatch) {
    Objects.requireNonNull(completion, "completion");
    if (!(cluster instanceof ClusterSnapshot snapshot)) {
      throw new IllegalArgumentException(
          "cluster must be the metadata awaitSendableTopic returned, not " + cluster);
    }
    long nowMs = clock.nowMs();
    return checkedAppend(
        topic,
        partition,
        timestampMs >= 0 ? timestampMs : nowMs,
        keyBytes,
        valueBytes,
        headers == null ? NO_HEADERS : headers,
        null,
        completion,
        maxBlockMs,
        nowMs,
        snapshot,
        partitionCounts.partitionCount(snapshot, topic),
        abortOnNewBatch);
  }

  private static int estimateSizeBytes(byte[] key, byte[] value, Header[] headers) {
    int size = RECORD_OVERHEAD_BYTES;
    size += key == null ? 0 : key.length;
    size += value == null ? 0 : value.length;
    for (Header h : headers) {
      size += h.key().length() * 3 + 10 + (h.value() == null ? 0 : h.value().length);
    }
    return size;
  }

  private <T> byte[] serialize(
      Serializer<T> serializer, String topic, List<Header> headers, T data, String what) {
    try {
      return serializer.serialize(topic, headers, data);
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize the "
              + what
              + " of a record to "
              + topic
              + " with "
              + serializer.getClass().getName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static RecordMetadata metadataForError(ProducerRecord<?, ?> record) {
    return new RecordMetadata(
        record.topic(),
        record.partition() == null ? -1 : record.partition(),
        -1,
        record.timestampMs() == null ? -1 : record.timestampMs(),
        -1,
        -1);
  }

  private CompletableFuture<RecordMetadata> failed(
      ProducerRecord<K, V> record, Callback callback, RuntimeException error) {
    if (callback != null) {
      try {
        callback.onCompletion(metadataForError(record), error);
      } catch (RuntimeException e) {
        log.error("Callback for a failed record to {} threw; ignoring it", record.topic(), e);
      }
    }
    return CompletableFuture.failedFuture(error);
  }

  /**
   * Closes every broker connection once its requests in flight are answered (no new request goes to
   * it meanwhile), so that the next connections are made afresh: with an {@link
   * SslContextProvider}, with its current TLS context. Returns at once; nothing is resent, and
   * sends go on (they wait in their batches for the new connection).
   */
  public void reconnect() {
    client.closeConnectionsWhenIdle();
  }

  @Override
  public void flush() {
    if (Thread.currentThread() == ioThread) {
      throw new IllegalStateException(
          "flush() was called from a callback or future stage running on the producer's I/O"
              + " thread; it would wait for itself forever. Flush from an application thread.");
    }
    accumulator.beginFlush();
    try {
      sender.wakeup();
      for (ProducerBatch.Use batch : accumulator.incompleteUses()) {
        try {
          batch.doneFuture().get();
        } catch (InterruptedException e) {
          throw new InterruptException("Interrupted while flushing", e);
        } catch (ExecutionException e) {
          // The batch's own records carry their failure.
        }
      }
    } finally {
      accumulator.endFlush();
    }
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    if (closed) {
      throw new ProducerClosedException("The producer is closed");
    }
    long nowMs = clock.nowMs();
    metadata.touch(topic, nowMs);
    sender.wakeup();
    return metadata.awaitTopic(topic, nowMs, config.maxBlockMs()).partitionsForTopic(topic);
  }

  @Override
  public void initTransactions() {
    awaitTransactional(
        transactions("initTransactions()").initTransactions(),
        "InitProducerId from the transaction coordinator (initTransactions)");
  }

  @Override
  public void beginTransaction() {
    transactions("beginTransaction()").beginTransaction();
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    Objects.requireNonNull(groupMetadata, "groupMetadata");
    ProducerTransactions txn = transactions("sendOffsetsToTransaction()");
    if (offsets.isEmpty()) {
      txn.checkSendAllowed("the offsets topic"); // nothing to send, but the state must allow it
      return;
    }
    awaitTransactional(
        txn.sendOffsetsToTransaction(offsets, groupMetadata),
        "TxnOffsetCommit of group " + groupMetadata.groupId() + " (sendOffsetsToTransaction)");
  }

  /** Flushes every record sent in the transaction, then commits it. */
  @Override
  public void commitTransaction() {
    CompletableFuture<Void> result = transactions("commitTransaction()").beginCommit();
    // Records of the transaction go out without lingering; EndTxn follows once all completed.
    accumulator.beginFlush();
    try {
      awaitTransactional(result, "EndTxn(commit) after flushing the transaction's records");
    } finally {
      accumulator.endFlush();
    }
  }

  @Override
  public void abortTransaction() {
    awaitTransactional(
        transactions("abortTransaction()").beginAbort(),
        "EndTxn(abort) from the transaction coordinator");
  }

  /** The transactions of this open producer; throws when it has none (no transactional.id). */
  private ProducerTransactions transactions(String operation) {
    if (closed) {
      throw new ProducerClosedException("Cannot " + operation + ": the producer is closed");
    }
    transactions.requireTransactional(operation);
    return transactions;
  }

  /** Waits at most max.block.ms; the operation may be called again to keep waiting. */
  private void awaitTransactional(CompletableFuture<Void> result, String waitingFor) {
    if (Thread.currentThread() == ioThread) {
      throw new IllegalStateException(
          "A transactional method was called from a callback on the producer's I/O thread; it"
              + " would wait for itself forever");
    }
    sender.wakeup();
    try {
      result.get(config.maxBlockMs(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException(
          "Timeout expired after "
              + config.maxBlockMs()
              + " ms (max.block.ms) awaiting "
              + waitingFor
              + "; call the method again to keep waiting");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException("Interrupted while awaiting " + waitingFor, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new PlumeException("Failed awaiting " + waitingFor + ": " + cause, cause);
    }
  }

  @Override
  public RuntimeException fatalError() {
    RuntimeException error = sender.fatalError();
    if (error == null) {
      error = transactions.fatalError();
    }
    return error;
  }

  @Override
  public ProducerStats metrics() {
    return StatsAssembler.assemble(
        clock.nowMs(),
        rates,
        senderStats,
        pool,
        client.stats(),
        metadata,
        ioThread.isAlive(),
        accumulator,
        fatalError());
  }

  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Override
  public void close(Duration timeout) {
    long timeoutMs = Math.max(0, timeout.toMillis());
    boolean fromIoThread = Thread.currentThread() == ioThread;
    synchronized (this) {
      if (closed && !ioThread.isAlive()) {
        return;
      }
      closed = true;
    }
    if (fromIoThread) {
      // Waiting here would deadlock; stop at once, as Kafka does for close() from a callback.
      sender.forceClose();
      return;
    }
    if (timeoutMs == 0) {
      sender.forceClose();
    } else {
      sender.initiateClose();
    }
    try {
      ioThread.join(timeoutMs == Long.MAX_VALUE ? 0 : timeoutMs);
      if (ioThread.isAlive()) {
        log.warn(
            "Producer {} did not finish sending within {} ms; failing what remains",
            config.clientId(),
            timeoutMs);
        sender.forceClose();
        ioThread.join(TimeUnit.SECONDS.toMillis(30));
      }
    } catch (InterruptedException e) {
      sender.forceClose();
      throw new InterruptException("Interrupted while closing the producer", e);
    } finally {
      metadata.close();
      pool.close();
      if (!ioThread.isAlive()) {
        accumulator.releaseResources();
      }
      for (ProducerInterceptor<K, V> i : interceptors.interceptors()) {
        Plugins.closeQuietly(i, "interceptor", log);
      }
      Plugins.closeQuietly(keySerializer, "key serializer", log);
      Plugins.closeQuietly(valueSerializer, "value serializer", log);
      Plugins.closeQuietly(partitioner, "partitioner", log);
      if (jmx != null) {
        jmx.close();
      }
      log.info("Plume producer {} closed", config.clientId());
    }
  }

  /** Builds a producer from a validated configuration plus plug-in instances. */
  public static final class Builder<K, V> {

    private final ProducerConfig config;
    private Serializer<K> keySerializer;
    private Serializer<V> valueSerializer;
    private Partitioner partitioner;
    private final List<ProducerInterceptor<K, V>> interceptors = new ArrayList<>();
    private Clock clock = Clock.system();
    private Function<NetworkConfig, NetworkClient> networkFactory;
    private SslContextProvider sslContexts;
    private OAuthBearerTokenProvider oauthBearerTokens;

    private Builder(ProducerConfig config) {
      this.config = config;
    }

    /** Overrides {@code key.serializer}; the instance is configured with the originals. */
    public Builder<K, V> keySerializer(Serializer<K> serializer) {
      this.keySerializer = serializer;
      return this;
    }

    /** Overrides {@code value.serializer}. */
    public Builder<K, V> valueSerializer(Serializer<V> serializer) {
      this.valueSerializer = serializer;
      return this;
    }

    /** Overrides {@code partitioner.class}. */
    public Builder<K, V> partitioner(Partitioner partitioner) {
      this.partitioner = partitioner;
      return this;
    }

    /** Adds an interceptor after those of {@code interceptor.classes}, in call order. */
    public Builder<K, V> interceptor(ProducerInterceptor<K, V> interceptor) {
      this.interceptors.add(interceptor);
      return this;
    }

    /**
     * TLS contexts for SSL and SASL_SSL connections, asked once per new connection, instead of the
     * key and trust stores of the configuration (which are then not read). Protocols, cipher suites
     * and hostname verification still come from the configuration. See {@link
     * PlumeProducer#reconnect} for replacing the material at run time.
     */
    public Builder<K, V> sslContextProvider(SslContextProvider sslContexts) {
      this.sslContexts = sslContexts;
      return this;
    }

    /**
     * OAUTHBEARER tokens (from your identity provider) for {@code sasl.mechanism=OAUTHBEARER};
     * asked on every authentication and re-authentication. The JAAS line then needs no options:
     * {@code org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;}.
     */
    public Builder<K, V> oauthBearerTokenProvider(OAuthBearerTokenProvider tokens) {
      this.oauthBearerTokens = tokens;
      return this;
    }

    /**
     * For the engine's tests (through their {@code ProducerTestHooks}): the clock every deadline is
     * measured with. Package-private so that no internal type appears in the public API.
     */
    Builder<K, V> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * For the engine's tests: how the network client is made (e.g. a scripted fake).
     * Package-private, as {@link #clock}.
     */
    Builder<K, V> networkClientFactory(Function<NetworkConfig, NetworkClient> factory) {
      this.networkFactory = factory;
      return this;
    }

    public PlumeProducer<K, V> build() {
      return new PlumeProducer<>(this);
    }
  }
}
