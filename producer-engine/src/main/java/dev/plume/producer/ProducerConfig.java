package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.SaslConfig;
import dev.plume.producer.security.SslConfig;
import dev.plume.producer.security.TransportSecurity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The producer's configuration, parsed and validated once with the official Java producer's names,
 * defaults and rules (Kafka 4.x), so existing configurations can be pasted as they are. A bad entry
 * fails here with a {@link ConfigException} naming the key, the value and the rule.
 *
 * <p>Keys this class does not know are kept in {@link #originals()} and passed to plug-ins; {@link
 * #unusedKeys()} lists those neither the producer nor a plug-in read, which the producer logs once
 * at WARN. Values Plume cannot honour where ignoring them would change behaviour (two-phase commit,
 * custom SSL engine or SASL callback classes) fail here. {@code ${provider:path:key}} placeholders
 * are resolved first with the providers named in {@code config.providers} (file, directory and
 * environment variables, as Kafka's).
 */
public final class ProducerConfig {

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String CLIENT_ID = "client.id";
  public static final String ACKS = "acks";
  public static final String LINGER_MS = "linger.ms";
  public static final String BATCH_SIZE = "batch.size";
  public static final String BUFFER_MEMORY = "buffer.memory";
  public static final String MAX_BLOCK_MS = "max.block.ms";
  public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
  public static final String RETRIES = "retries";
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
  public static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";
  public static final String MAX_REQUEST_SIZE = "max.request.size";
  public static final String ENABLE_IDEMPOTENCE = "enable.idempotence";
  public static final String COMPRESSION_TYPE = "compression.type";
  public static final String COMPRESSION_GZIP_LEVEL = "compression.gzip.level";
  public static final String COMPRESSION_LZ4_LEVEL = "compression.lz4.level";
  public static final String COMPRESSION_ZSTD_LEVEL = "compression.zstd.level";
  public static final String PARTITIONER_CLASS = "partitioner.class";
  public static final String PARTITIONER_ADAPTIVE = "partitioner.adaptive.partitioning.enable";
  public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS =
      "partitioner.availability.timeout.ms";
  public static final String PARTITIONER_IGNORE_KEYS = "partitioner.ignore.keys";

  /**
   * Plume's own setting (not Kafka's; default false): a partition's batch is sent as soon as its
   * leader's connection has no request in flight, and lingers (up to linger.ms and batch.size) only
   * while requests are outstanding. Light load then gets round-trip latency instead of linger.ms,
   * heavy load still gets full batches.
   */
  public static final String PLUME_ADAPTIVE_BATCHING = "plume.batching.adaptive";

  public static final String METADATA_MAX_AGE_MS = "metadata.max.age.ms";
  public static final String METADATA_MAX_IDLE_MS = "metadata.max.idle.ms";
  public static final String METADATA_RECOVERY_STRATEGY = "metadata.recovery.strategy";
  public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS =
      "metadata.recovery.rebootstrap.trigger.ms";
  public static final String RECONNECT_BACKOFF_MS = "reconnect.backoff.ms";
  public static final String RECONNECT_BACKOFF_MAX_MS = "reconnect.backoff.max.ms";
  public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS =
      "socket.connection.setup.timeout.ms";
  public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS =
      "socket.connection.setup.timeout.max.ms";
  public static final String CLIENT_DNS_LOOKUP = "client.dns.lookup";
  public static final String SEND_BUFFER_BYTES = "send.buffer.bytes";
  public static final String RECEIVE_BUFFER_BYTES = "receive.buffer.bytes";
  public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
  public static final String INTERCEPTOR_CLASSES = "interceptor.classes";
  public static final String KEY_SERIALIZER = "key.serializer";
  public static final String VALUE_SERIALIZER = "value.serializer";
  public static final String TRANSACTIONAL_ID = "transactional.id";
  public static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";
  public static final String SECURITY_PROTOCOL = "security.protocol";
  public static final String METRIC_REPORTERS = "metric.reporters";
  public static final String CONFIG_PROVIDERS = ConfigPlaceholders.CONFIG_PROVIDERS;
  public static final String ENABLE_METRICS_PUSH = "enable.metrics.push";
  public static final String TRANSACTION_TWO_PHASE_COMMIT_ENABLE =
      "transaction.two.phase.commit.enable";

  /** Kafka's JMX reporter: the one metric reporter Plume implements (natively). */
  public static final String JMX_REPORTER = "org.apache.kafka.common.metrics.JmxReporter";

  /**
   * Keys whose non-default values Plume refuses (plug-in classes it cannot load, two-phase commit):
   * ignoring them would silently change how the producer connects, authenticates or commits.
   */
  private static final List<ConfigKey> REJECTED_KEYS =
      ConfigKeys.ALL.stream().filter(k -> k.status() == ConfigKey.Status.REJECTED).toList();

  /**
   * Keys the producer reads (or refuses when not at their default), so never reported unused; the
   * table's keys accepted without effect are not among them.
   */
  private static final Set<String> HANDLED_KEYS =
      ConfigKeys.ALL.stream()
          .filter(k -> k.status() != ConfigKey.Status.ACCEPTED_WITHOUT_EFFECT)
          .map(ConfigKey::name)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger(1);

  private final RecordingConfigMap originals;
  private final Set<String> providedKeys;
  private final boolean jmxEnabled;
  private final List<String> otherMetricReporters;
  private final List<String> bootstrapServers;
  private final String clientId;
  private final short acks;
  private final long lingerMs;
  private final int batchSizeBytes;
  private final long bufferMemoryBytes;
  private final long maxBlockMs;
  private final int deliveryTimeoutMs;
  private final int requestTimeoutMs;
  private final int retries;
  private final long retryBackoffMs;
  private final long retryBackoffMaxMs;
  private final int maxInFlightRequestsPerConnection;
  private final int maxRequestSizeBytes;
  private final boolean idempotenceEnabled;
  private final String compressionType;
  private final int compressionGzipLevel;
  private final int compressionLz4Level;
  private final int compressionZstdLevel;
  private final String partitionerClass;
  private final boolean partitionerAdaptive;
  private final long partitionerAvailabilityTimeoutMs;
  private final boolean partitionerIgnoreKeys;
  private final boolean adaptiveBatching;
  private final long metadataMaxAgeMs;
  private final long metadataMaxIdleMs;
  private final boolean metadataRebootstrap;
  private final long metadataRebootstrapTriggerMs;
  private final long reconnectBackoffMs;
  private final long reconnectBackoffMaxMs;
  private final long socketConnectionSetupTimeoutMs;
  private final long socketConnectionSetupTimeoutMaxMs;
  private final boolean useAllDnsIps;
  private final int sendBufferBytes;
  private final int receiveBufferBytes;
  private final long connectionsMaxIdleMs;
  private final List<String> interceptorClasses;
  private final String keySerializer;
  private final String valueSerializer;
  private final String transactionalId;
  private final int transactionTimeoutMs;
  private final TransportSecurity transportSecurity;

  private ProducerConfig(Map<String, ?> raw, UnaryOperator<String> env) {
    Map<String, Object> given = new LinkedHashMap<>();
    raw.forEach((k, v) -> given.put(String.valueOf(k), v));
    ConfigPlaceholders.Result resolved = ConfigPlaceholders.resolve(given, env);
    Map<String, Object> copy = resolved.values();
    this.providedKeys = resolved.providedKeys();
    this.originals = new RecordingConfigMap(copy);
    ConfigValues c = new ConfigValues(copy);
    rejectUnsupported(c);
    List<String> reporters =
        c.isSet(METRIC_REPORTERS)
            ? c.list(METRIC_REPORTERS)
            : ConfigKeys.METRIC_REPORTERS.defaultList();
    jmxEnabled = reporters.contains(JMX_REPORTER);
    otherMetricReporters = reporters.stream().filter(r -> !r.equals(JMX_REPORTER)).toList();

    bootstrapServers = List.copyOf(c.list(BOOTSTRAP_SERVERS));
    if (bootstrapServers.isEmpty()) {
      throw new ConfigException(
          BOOTSTRAP_SERVERS, c.rawValue(BOOTSTRAP_SERVERS), "must list at least one host:port");
    }
    for (String server : bootstrapServers) {
      validateHostPort(server);
    }
    transactionalId = c.string(ConfigKeys.TRANSACTIONAL_ID);
    if (transactionalId != null && transactionalId.isEmpty()) {
      throw new ConfigException(TRANSACTIONAL_ID, "", "must be non-empty when set");
    }
    String id = c.string(ConfigKeys.CLIENT_ID);
    clientId =
        !id.isEmpty()
            ? id
            : transactionalId != null
                ? "producer-" + transactionalId
                : "producer-" + CLIENT_SEQUENCE.getAndIncrement();
    String acksText = c.oneOf(ConfigKeys.ACKS);
    acks = acksText.equals("all") ? -1 : Short.parseShort(acksText);
    lingerMs = c.longValue(ConfigKeys.LINGER_MS);
    batchSizeBytes = c.intValue(ConfigKeys.BATCH_SIZE);
    bufferMemoryBytes = c.longValue(ConfigKeys.BUFFER_MEMORY);
    maxBlockMs = c.longValue(ConfigKeys.MAX_BLOCK_MS);
    requestTimeoutMs = c.intValue(ConfigKeys.REQUEST_TIMEOUT_MS);
    retries = c.intValue(ConfigKeys.RETRIES);
    retryBackoffMs = c.longValue(ConfigKeys.RETRY_BACKOFF_MS);
    retryBackoffMaxMs = c.longValue(ConfigKeys.RETRY_BACKOFF_MAX_MS);
    maxInFlightRequestsPerConnection = c.intValue(ConfigKeys.MAX_IN_FLIGHT);
    maxRequestSizeBytes = c.intValue(ConfigKeys.MAX_REQUEST_SIZE);
    compressionType = c.oneOf(ConfigKeys.COMPRESSION_TYPE);
    compressionGzipLevel = c.intValue(ConfigKeys.COMPRESSION_GZIP_LEVEL);
    // The table's range is [-1, 9]; the hole at 0 is Kafka's rule too (0 would store, not
    // compress).
    if (compressionGzipLevel == 0) {
      throw new ConfigException(COMPRESSION_GZIP_LEVEL, 0, "must be -1 (default) or in [1, 9]");
    }
    compressionLz4Level = c.intValue(ConfigKeys.COMPRESSION_LZ4_LEVEL);
    compressionZstdLevel = c.intValue(ConfigKeys.COMPRESSION_ZSTD_LEVEL);
    partitionerClass = c.string(ConfigKeys.PARTITIONER_CLASS);
    partitionerAdaptive = c.bool(ConfigKeys.PARTITIONER_ADAPTIVE);
    partitionerAvailabilityTimeoutMs = c.longValue(ConfigKeys.PARTITIONER_AVAILABILITY_TIMEOUT_MS);
    partitionerIgnoreKeys = c.bool(ConfigKeys.PARTITIONER_IGNORE_KEYS);
    adaptiveBatching = c.bool(ConfigKeys.PLUME_ADAPTIVE_BATCHING);
    metadataMaxAgeMs = c.longValue(ConfigKeys.METADATA_MAX_AGE_MS);
    metadataMaxIdleMs = c.longValue(ConfigKeys.METADATA_MAX_IDLE_MS);
    metadataRebootstrap = c.oneOf(ConfigKeys.METADATA_RECOVERY_STRATEGY).equals("rebootstrap");
    metadataRebootstrapTriggerMs = c.longValue(ConfigKeys.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS);
    reconnectBackoffMs = c.longValue(ConfigKeys.RECONNECT_BACKOFF_MS);
    // As in Kafka: setting reconnect.backoff.ms alone turns the exponential growth off.
    reconnectBackoffMaxMs =
        c.isSet(RECONNECT_BACKOFF_MS) && !c.isSet(RECONNECT_BACKOFF_MAX_MS)
            ? reconnectBackoffMs
            : c.longValue(ConfigKeys.RECONNECT_BACKOFF_MAX_MS);
    socketConnectionSetupTimeoutMs = c.longValue(ConfigKeys.SOCKET_CONNECTION_SETUP_TIMEOUT_MS);
    socketConnectionSetupTimeoutMaxMs =
        c.longValue(ConfigKeys.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS);
    useAllDnsIps = c.oneOf(ConfigKeys.CLIENT_DNS_LOOKUP).equals("use_all_dns_ips");
    sendBufferBytes = c.intValue(ConfigKeys.SEND_BUFFER_BYTES);
    receiveBufferBytes = c.intValue(ConfigKeys.RECEIVE_BUFFER_BYTES);
    connectionsMaxIdleMs = c.longValue(ConfigKeys.CONNECTIONS_MAX_IDLE_MS);
    interceptorClasses = List.copyOf(c.list(INTERCEPTOR_CLASSES));
    keySerializer = c.string(ConfigKeys.KEY_SERIALIZER);
    valueSerializer = c.string(ConfigKeys.VALUE_SERIALIZER);
    transactionTimeoutMs = c.intValue(ConfigKeys.TRANSACTION_TIMEOUT_MS);
    transportSecurity =
        TransportSecurity.parse(
            TransportSecurity.Protocol.valueOf(c.oneOf(ConfigKeys.SECURITY_PROTOCOL)), copy);

    deliveryTimeoutMs = validatedDeliveryTimeout(c);
    idempotenceEnabled = validatedIdempotence(c);
    if (transactionalId != null && !idempotenceEnabled) {
      throw new ConfigException(
          TRANSACTIONAL_ID,
          transactionalId,
          "requires idempotence, which is off (enable.idempotence=false, or acks is not all,"
              + " or retries is 0)");
    }
  }

  private static void rejectUnsupported(ConfigValues c) {
    for (ConfigKey key : REJECTED_KEYS) {
      // Boolean switches are refused when on, plug-in classes when named.
      Object value = key.type() == ConfigKey.Type.BOOLEAN ? c.bool(key) : c.string(key.name(), "");
      boolean atDefault =
          key.type() == ConfigKey.Type.BOOLEAN
              ? value.equals(key.defaultValue())
              : value.toString().isEmpty();
      if (!atDefault) {
        throw new ConfigException(key.name(), value, key.note());
      }
    }
  }

  /**
   * Supplied keys that neither the producer nor a plug-in has read (so far: plug-ins read theirs
   * while the producer is built), sorted. Includes Kafka settings Plume does not implement and
   * whose absence does not change behaviour (e.g. {@code sasl.login.refresh.*}), {@code
   * enable.metrics.push=true} (Plume never pushes metrics) and {@code metric.reporters} naming
   * reporters other than Kafka's JmxReporter.
   */
  public Set<String> unusedKeys() {
    Set<String> unused = new TreeSet<>();
    for (Map.Entry<String, Object> e : originals.entrySet()) {
      String key = e.getKey();
      if (HANDLED_KEYS.contains(key)
          || key.startsWith(CONFIG_PROVIDERS + ".")
          || originals.wasRead(key)) {
        continue;
      }
      if (key.equals(ENABLE_METRICS_PUSH)
          && "false".equalsIgnoreCase(String.valueOf(e.getValue()).trim())) {
        continue;
      }
      unused.add(key);
    }
    if (!otherMetricReporters.isEmpty()) {
      unused.add(METRIC_REPORTERS);
    }
    return unused;
  }

  /**
   * Every supplied entry plus the effective value of each setting the producer derives (client id,
   * idempotence, delivery timeout, ...), sorted by key, for the startup log: passwords, keys, JAAS
   * lines and anything resolved through a config provider are shown as {@code [hidden]}.
   */
  public Map<String, String> describeForLog() {
    Map<String, String> out = new TreeMap<>();
    originals.forEach((k, v) -> out.put(k, masked(k, v)));
    out.put(CLIENT_ID, clientId);
    out.put(ACKS, acks == -1 ? "all" : String.valueOf(acks));
    out.put(ENABLE_IDEMPOTENCE, String.valueOf(idempotenceEnabled));
    out.put(DELIVERY_TIMEOUT_MS, String.valueOf(deliveryTimeoutMs));
    out.put(LINGER_MS, String.valueOf(lingerMs));
    out.put(BATCH_SIZE, String.valueOf(batchSizeBytes));
    out.put(BUFFER_MEMORY, String.valueOf(bufferMemoryBytes));
    out.put(COMPRESSION_TYPE, compressionType);
    out.put(MAX_IN_FLIGHT, String.valueOf(maxInFlightRequestsPerConnection));
    out.put(REQUEST_TIMEOUT_MS, String.valueOf(requestTimeoutMs));
    out.put(RETRIES, String.valueOf(retries));
    out.put(RECONNECT_BACKOFF_MS, String.valueOf(reconnectBackoffMs));
    out.put(RECONNECT_BACKOFF_MAX_MS, String.valueOf(reconnectBackoffMaxMs));
    out.put(METADATA_MAX_AGE_MS, String.valueOf(metadataMaxAgeMs));
    out.put(METADATA_RECOVERY_STRATEGY, metadataRebootstrap ? "rebootstrap" : "none");
    out.put(SECURITY_PROTOCOL, securityProtocol());
    return out;
  }

  private String masked(String key, Object value) {
    if (value == null) {
      return "null";
    }
    if (providedKeys.contains(key) || isSecret(key)) {
      return "[hidden]";
    }
    return value instanceof Class<?> c ? c.getName() : String.valueOf(value);
  }

  /** Kafka's PASSWORD-typed settings, and anything that looks like one. */
  private static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.contains("token")
        || k.equals(SaslConfig.JAAS_CONFIG)
        || k.equals(SslConfig.KEYSTORE_KEY)
        || k.contains("credential");
  }

  /**
   * Whether Kafka-shaped JMX MBeans are registered: yes by default and when {@code
   * metric.reporters} lists Kafka's JmxReporter; {@code metric.reporters=} (empty) turns them off.
   */
  public boolean jmxEnabled() {
    return jmxEnabled;
  }

  private int validatedDeliveryTimeout(ConfigValues c) {
    int configured = c.intValue(ConfigKeys.DELIVERY_TIMEOUT_MS);
    // Capped as in Kafka, and so that a huge linger.ms cannot overflow the sum.
    long lowerBound =
        Math.min(Math.min(lingerMs, Integer.MAX_VALUE) + requestTimeoutMs, Integer.MAX_VALUE);
    if (configured >= lowerBound) {
      return configured;
    }
    if (c.isSet(DELIVERY_TIMEOUT_MS)) {
      throw new ConfigException(
          DELIVERY_TIMEOUT_MS,
          configured,
          "must be >= linger.ms + request.timeout.ms (" + lowerBound + ")");
    }
    // As in Kafka: a default that is too small for the user's linger/request timeout is raised.
    return (int) lowerBound;
  }

  private boolean validatedIdempotence(ConfigValues c) {
    boolean explicit = c.isSet(ENABLE_IDEMPOTENCE);
    boolean enabled = c.bool(ConfigKeys.ENABLE_IDEMPOTENCE);
    if (!enabled) {
      return false;
    }
    if (maxInFlightRequestsPerConnection > 5) {
      throw new ConfigException(
          MAX_IN_FLIGHT,
          maxInFlightRequestsPerConnection,
          "must be <= 5 when enable.idempotence is true (it is by default);"
              + " set enable.idempotence=false to allow more");
    }
    if (retries == 0) {
      if (explicit) {
        throw new ConfigException(
            RETRIES, 0, "must be > 0 when enable.idempotence=true is set explicitly");
      }
      return false;
    }
    if (acks != -1) {
      if (explicit) {
        throw new ConfigException(
            ACKS, acks, "must be all (-1) when enable.idempotence=true is set explicitly");
      }
      return false;
    }
    return true;
  }

  private static void validateHostPort(String server) {
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      throw new ConfigException(BOOTSTRAP_SERVERS, server, "each entry must be host:port");
    }
    try {
      int port = Integer.parseInt(server.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new ConfigException(BOOTSTRAP_SERVERS, server, "port must be in [1, 65535]");
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(BOOTSTRAP_SERVERS, server, "port must be a number");
    }
  }

  /** Parses and validates a configuration map (keys as in Kafka's ProducerConfig). */
  public static ProducerConfig from(Map<String, ?> configs) {
    return new ProducerConfig(configs, System::getenv);
  }

  /** For tests: environment variables (for {@code ${env:NAME}}) come from {@code env}. */
  static ProducerConfig from(Map<String, ?> configs, UnaryOperator<String> env) {
    return new ProducerConfig(configs, env);
  }

  /** Parses and validates {@link Properties}. */
  public static ProducerConfig from(Properties properties) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    properties.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), v));
    return from(map);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every entry given, unparsed; plug-ins receive this. */
  public Map<String, Object> originals() {
    return originals;
  }

  public List<String> bootstrapServers() {
    return bootstrapServers;
  }

  public String clientId() {
    return clientId;
  }

  /** -1 (all), 0 or 1. */
  public short acks() {
    return acks;
  }

  public long lingerMs() {
    return lingerMs;
  }

  /** 0 means "no batching" and is treated as 1 byte, as in Kafka. */
  public int batchSizeBytes() {
    return batchSizeBytes;
  }

  public long bufferMemoryBytes() {
    return bufferMemoryBytes;
  }

  public long maxBlockMs() {
    return maxBlockMs;
  }

  public int deliveryTimeoutMs() {
    return deliveryTimeoutMs;
  }

  public int requestTimeoutMs() {
    return requestTimeoutMs;
  }

  public int retries() {
    return retries;
  }

  public long retryBackoffMs() {
    return retryBackoffMs;
  }

  public long retryBackoffMaxMs() {
    return retryBackoffMaxMs;
  }

  public int maxInFlightRequestsPerConnection() {
    return maxInFlightRequestsPerConnection;
  }

  public int maxRequestSizeBytes() {
    return maxRequestSizeBytes;
  }

  public boolean idempotenceEnabled() {
    return idempotenceEnabled;
  }

  /** none, gzip, snappy, lz4 or zstd. */
  public String compressionType() {
    return compressionType;
  }

  public int compressionGzipLevel() {
    return compressionGzipLevel;
  }

  public int compressionLz4Level() {
    return compressionLz4Level;
  }

  public int compressionZstdLevel() {
    return compressionZstdLevel;
  }

  /** The custom partitioner's class name, or null for the built-in partitioning. */
  public String partitionerClass() {
    return partitionerClass;
  }

  public boolean partitionerAdaptive() {
    return partitionerAdaptive;
  }

  public long partitionerAvailabilityTimeoutMs() {
    return partitionerAvailabilityTimeoutMs;
  }

  public boolean partitionerIgnoreKeys() {
    return partitionerIgnoreKeys;
  }

  /** {@value #PLUME_ADAPTIVE_BATCHING}: send when the leader's connection is idle. */
  public boolean adaptiveBatching() {
    return adaptiveBatching;
  }

  public long metadataMaxAgeMs() {
    return metadataMaxAgeMs;
  }

  public long metadataMaxIdleMs() {
    return metadataMaxIdleMs;
  }

  public boolean metadataRebootstrap() {
    return metadataRebootstrap;
  }

  public long metadataRebootstrapTriggerMs() {
    return metadataRebootstrapTriggerMs;
  }

  public long reconnectBackoffMs() {
    return reconnectBackoffMs;
  }

  public long reconnectBackoffMaxMs() {
    return reconnectBackoffMaxMs;
  }

  public long socketConnectionSetupTimeoutMs() {
    return socketConnectionSetupTimeoutMs;
  }

  public long socketConnectionSetupTimeoutMaxMs() {
    return socketConnectionSetupTimeoutMaxMs;
  }

  /** True for use_all_dns_ips, false for resolve_canonical_bootstrap_servers_only. */
  public boolean useAllDnsIps() {
    return useAllDnsIps;
  }

  /** -1 means the OS default. */
  public int sendBufferBytes() {
    return sendBufferBytes;
  }

  /** -1 means the OS default. */
  public int receiveBufferBytes() {
    return receiveBufferBytes;
  }

  /** -1 means never close idle connections. */
  public long connectionsMaxIdleMs() {
    return connectionsMaxIdleMs;
  }

  public List<String> interceptorClasses() {
    return interceptorClasses;
  }

  /** The key serializer class name, or null when one is passed to the constructor. */
  public String keySerializer() {
    return keySerializer;
  }

  /** The value serializer class name, or null when one is passed to the constructor. */
  public String valueSerializer() {
    return valueSerializer;
  }

  /** Null when the producer is not transactional. */
  public String transactionalId() {
    return transactionalId;
  }

  public int transactionTimeoutMs() {
    return transactionTimeoutMs;
  }

  /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  public String securityProtocol() {
    return transportSecurity.protocol().name();
  }

  /** The security protocol with the TLS and SASL settings it uses. */
  public TransportSecurity transportSecurity() {
    return transportSecurity;
  }

  @Override
  public String toString() {
    return "ProducerConfig{clientId="
        + clientId
        + ", bootstrapServers="
        + bootstrapServers
        + ", acks="
        + acks
        + ", idempotence="
        + idempotenceEnabled
        + ", lingerMs="
        + lingerMs
        + ", batchSizeBytes="
        + batchSizeBytes
        + ", compression="
        + compressionType
        + ", transactionalId="
        + transactionalId
        + "}";
  }

  /** A typed way to build a configuration; every setter maps to the official key. */
  public static final class Builder {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    public Builder set(String key, Object value) {
      values.put(key, value);
      return this;
    }

    public Builder setAll(Map<String, ?> entries) {
      values.putAll(entries);
      return this;
    }

    public Builder bootstrapServers(String servers) {
      return set(BOOTSTRAP_SERVERS, servers);
    }

    public Builder clientId(String clientId) {
      return set(CLIENT_ID, clientId);
    }

    /** "all", "-1", "0" or "1". */
    public Builder acks(String acks) {
      return set(ACKS, acks);
    }

    public Builder lingerMs(long lingerMs) {
      return set(LINGER_MS, lingerMs);
    }

    public Builder batchSizeBytes(int batchSizeBytes) {
      return set(BATCH_SIZE, batchSizeBytes);
    }

    public Builder bufferMemoryBytes(long bufferMemoryBytes) {
      return set(BUFFER_MEMORY, bufferMemoryBytes);
    }

    public Builder maxBlockMs(long maxBlockMs) {
      return set(MAX_BLOCK_MS, maxBlockMs);
    }

    public Builder deliveryTimeoutMs(int deliveryTimeoutMs) {
      return set(DELIVERY_TIMEOUT_MS, deliveryTimeoutMs);
    }

    public Builder requestTimeoutMs(int requestTimeoutMs) {
      return set(REQUEST_TIMEOUT_MS, requestTimeoutMs);
    }

    public Builder retries(int retries) {
      return set(RETRIES, retries);
    }

    public Builder enableIdempotence(boolean enabled) {
      return set(ENABLE_IDEMPOTENCE, enabled);
    }

    /** none, gzip, snappy, lz4 or zstd. */
    public Builder compressionType(String type) {
      return set(COMPRESSION_TYPE, type);
    }

    public Builder maxInFlightRequestsPerConnection(int max) {
      return set(MAX_IN_FLIGHT, max);
    }

    public Builder maxRequestSizeBytes(int max) {
      return set(MAX_REQUEST_SIZE, max);
    }

    public Builder transactionalId(String transactionalId) {
      return set(TRANSACTIONAL_ID, transactionalId);
    }

    public ProducerConfig build() {
      return from(values);
    }
  }
}
