package dev.plume.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one producer. Every field is optional: unset settings fall back to the top-level
 * {@code plume.producer.*} value (for a named client) and then to the engine's default, which is
 * Kafka's. Durations given as plain numbers are milliseconds, sizes are bytes.
 */
public class PlumeClientProperties {

  /**
   * Broker addresses (host:port) to bootstrap from. Falls back to spring.kafka.bootstrap-servers,
   * then localhost:9092. Kafka key: bootstrap.servers.
   */
  private List<String> bootstrapServers;

  /** Client id sent with every request; generated (producer-N) when unset. Kafka key: client.id. */
  private String clientId;

  /** Acknowledgements the leader waits for: all (-1), one (1) or zero (0). Kafka key: acks. */
  private Acks acks;

  /**
   * How long to wait for more records before sending a batch (plain numbers are milliseconds).
   * Kafka key: linger.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration linger;

  /** Upper bound of one batch per partition. Kafka key: batch.size. */
  private DataSize batchSize;

  /** Memory for records waiting to be sent. Kafka key: buffer.memory. */
  private DataSize bufferMemory;

  /**
   * How long send() and partitionsFor() may block for metadata or buffer space. Kafka key:
   * max.block.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration maxBlock;

  /**
   * Upper bound on the time from send() to the outcome, retries included; must be at least linger +
   * request-timeout. Kafka key: delivery.timeout.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration deliveryTimeout;

  /** How long to wait for the response to one request. Kafka key: request.timeout.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration requestTimeout;

  /** How many times a failed batch is retried (bounded by delivery-timeout). Kafka key: retries. */
  private Integer retries;

  /** Initial wait before retrying a failed request. Kafka key: retry.backoff.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration retryBackoff;

  /** Maximum wait between retries (exponential backoff). Kafka key: retry.backoff.max.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration retryBackoffMax;

  /**
   * Unacknowledged requests per connection; at most 5 with idempotence. Kafka key:
   * max.in.flight.requests.per.connection.
   */
  private Integer maxInFlightRequestsPerConnection;

  /** Maximum size of one request (and so of one record). Kafka key: max.request.size. */
  private DataSize maxRequestSize;

  /**
   * Whether the broker de-duplicates retried batches (needs acks=all). Kafka key:
   * enable.idempotence.
   */
  private Boolean enableIdempotence;

  /** Compression codec for batches. Kafka key: compression.type. */
  private CompressionType compressionType;

  /** Gzip level: -1 (default) or 1..9. Kafka key: compression.gzip.level. */
  private Integer compressionGzipLevel;

  /** LZ4 level, 1..17. Kafka key: compression.lz4.level. */
  private Integer compressionLz4Level;

  /** Zstandard level, -131072..22. Kafka key: compression.zstd.level. */
  private Integer compressionZstdLevel;

  /**
   * Custom dev.plume.producer.Partitioner class; a Partitioner bean is used when this is unset.
   * Kafka key: partitioner.class.
   */
  private Class<?> partitionerClass;

  /**
   * Whether the built-in partitioner sends more to faster brokers. Kafka key:
   * partitioner.adaptive.partitioning.enable.
   */
  private Boolean partitionerAdaptivePartitioningEnable;

  /**
   * How long a broker may fail to accept batches before the built-in partitioner avoids its
   * partitions (0 disables). Kafka key: partitioner.availability.timeout.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration partitionerAvailabilityTimeout;

  /** Whether the built-in partitioner ignores keys. Kafka key: partitioner.ignore.keys. */
  private Boolean partitionerIgnoreKeys;

  /** Metadata is refreshed at least this often. Kafka key: metadata.max.age.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration metadataMaxAge;

  /**
   * A topic not sent to for this long is dropped from metadata. Kafka key: metadata.max.idle.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration metadataMaxIdle;

  /**
   * What to do when no known broker is reachable: rebootstrap or none. Kafka key:
   * metadata.recovery.strategy.
   */
  private MetadataRecoveryStrategy metadataRecoveryStrategy;

  /**
   * How long metadata may be unavailable before rebootstrapping. Kafka key:
   * metadata.recovery.rebootstrap.trigger.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration metadataRecoveryRebootstrapTrigger;

  /** Initial wait before reconnecting to a broker. Kafka key: reconnect.backoff.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration reconnectBackoff;

  /** Maximum wait before reconnecting to a broker. Kafka key: reconnect.backoff.max.ms. */
  private @DurationUnit(ChronoUnit.MILLIS) Duration reconnectBackoffMax;

  /**
   * Initial timeout for establishing a connection. Kafka key: socket.connection.setup.timeout.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration socketConnectionSetupTimeout;

  /**
   * Maximum timeout for establishing a connection. Kafka key:
   * socket.connection.setup.timeout.max.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration socketConnectionSetupTimeoutMax;

  /** How bootstrap host names are resolved. Kafka key: client.dns.lookup. */
  private ClientDnsLookup clientDnsLookup;

  /** Socket send buffer (SO_SNDBUF); -1 uses the OS default. Kafka key: send.buffer.bytes. */
  private DataSize sendBuffer;

  /** Socket receive buffer (SO_RCVBUF); -1 uses the OS default. Kafka key: receive.buffer.bytes. */
  private DataSize receiveBuffer;

  /**
   * Idle connections are closed after this long; -1 never closes them. Kafka key:
   * connections.max.idle.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration connectionsMaxIdle;

  /**
   * dev.plume.producer.ProducerInterceptor classes the producer instantiates, called before
   * ProducerInterceptor beans. Kafka key: interceptor.classes.
   */
  private List<Class<?>> interceptorClasses;

  /**
   * Key serializer class; when unset, a Serializer bean matching key-type is used, else a built-in
   * one. Kafka key: key.serializer.
   */
  private Class<?> keySerializer;

  /**
   * Value serializer class; when unset, a Serializer bean matching value-type is used, else a
   * built-in one. Kafka key: value.serializer.
   */
  private Class<?> valueSerializer;

  /**
   * Transactional id of a single transactional producer (a pool of one: transactions run one at a
   * time, no sends outside them); prefer transaction-id-prefix. Must be unique per running
   * instance. Never inherited by named clients. Kafka key: transactional.id.
   */
  private String transactionalId;

  /**
   * Prefix of the transactional ids of a pool of transactional producers, one per transaction in
   * flight: ids are the prefix followed by 0, 1, 2, ... (the same after a restart, so a restarted
   * instance fences its predecessor's zombies). Must be unique per running instance. Enables
   * ProducerTemplate.executeInTransaction and @Transactional (PlumeTransactionManager). Never
   * inherited by named clients.
   */
  private String transactionIdPrefix;

  /**
   * Most transactional producers of the transaction-id-prefix pool at once; a transaction started
   * when all are busy waits up to max-block for one. Unset: grows with the number of concurrent
   * transactions.
   */
  private Integer transactionPoolMaxSize;

  /**
   * How long the coordinator waits for a transaction before aborting it. Kafka key:
   * transaction.timeout.ms.
   */
  private @DurationUnit(ChronoUnit.MILLIS) Duration transactionTimeout;

  /**
   * The template's key type, used to pick a Serializer bean by its generic type (default
   * java.lang.String); a type with neither a Serializer bean nor a built-in serializer is sent as
   * JSON when Jackson 3 is present.
   */
  private Class<?> keyType;

  /**
   * The template's value type, used to pick a Serializer bean by its generic type (default
   * java.lang.String); a type with neither a Serializer bean nor a built-in serializer (a record or
   * other POJO) is sent as JSON when Jackson 3 is present.
   */
  private Class<?> valueType;

  /** How long shutdown waits for each producer to flush and close (default 30s). */
  private Duration closeTimeout;

  /**
   * Whether startup fetches metadata to verify the brokers are reachable: none, warn or fail
   * (default none).
   */
  private StartupCheck startupCheck;

  /** How long the startup check waits for metadata (default 10s). */
  private Duration startupCheckTimeout;

  /** Topic whose metadata the startup check fetches; defaults to template.default-topic. */
  private String startupCheckTopic;

  /**
   * Raw Kafka producer settings (for example {@code properties.linger.ms=10}); typed settings above
   * win over an entry for the same key.
   */
  private Map<String, String> properties = new LinkedHashMap<>();

  /** Template settings. */
  private final Template template = new Template();

  /** JSON settings, for key or value types sent as JSON. */
  private final Json json = new Json();

  /** Security settings. */
  private final Security security = new Security();

  /** TLS settings (security.protocol SSL or SASL_SSL). */
  private final Ssl ssl = new Ssl();

  /** SASL settings (security.protocol SASL_PLAINTEXT or SASL_SSL). */
  private final Sasl sasl = new Sasl();

  public Security getSecurity() {
    return security;
  }

  public Ssl getSsl() {
    return ssl;
  }

  public Sasl getSasl() {
    return sasl;
  }

  public List<String> getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(List<String> bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public Acks getAcks() {
    return acks;
  }

  public void setAcks(Acks acks) {
    this.acks = acks;
  }

  public Duration getLinger() {
    return linger;
  }

  public void setLinger(Duration linger) {
    this.linger = linger;
  }

  public DataSize getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(DataSize batchSize) {
    this.batchSize = batchSize;
  }

  public DataSize getBufferMemory() {
    return bufferMemory;
  }

  public void setBufferMemory(DataSize bufferMemory) {
    this.bufferMemory = bufferMemory;
  }

  public Duration getMaxBlock() {
    return maxBlock;
  }

  public void setMaxBlock(Duration maxBlock) {
    this.maxBlock = maxBlock;
  }

  public Duration getDeliveryTimeout() {
    return deliveryTimeout;
  }

  public void setDeliveryTimeout(Duration deliveryTimeout) {
    this.deliveryTimeout = deliveryTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  public Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  public Duration getRetryBackoffMax() {
    return retryBackoffMax;
  }

  public void setRetryBackoffMax(Duration retryBackoffMax) {
    this.retryBackoffMax = retryBackoffMax;
  }

  public Integer getMaxInFlightRequestsPerConnection() {
    return maxInFlightRequestsPerConnection;
  }

  public void setMaxInFlightRequestsPerConnection(Integer maxInFlightRequestsPerConnection) {
    this.maxInFlightRequestsPerConnection = maxInFlightRequestsPerConnection;
  }

  public DataSize getMaxRequestSize() {
    return maxRequestSize;
  }

  public void setMaxRequestSize(DataSize maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  public Boolean getEnableIdempotence() {
    return enableIdempotence;
  }

  public void setEnableIdempotence(Boolean enableIdempotence) {
    this.enableIdempotence = enableIdempotence;
  }

  public CompressionType getCompressionType() {
    return compressionType;
  }

  public void setCompressionType(CompressionType compressionType) {
    this.compressionType = compressionType;
  }

  public Integer getCompressionGzipLevel() {
    return compressionGzipLevel;
  }

  public void setCompressionGzipLevel(Integer compressionGzipLevel) {
    this.compressionGzipLevel = compressionGzipLevel;
  }

  public Integer getCompressionLz4Level() {
    return compressionLz4Level;
  }

  public void setCompressionLz4Level(Integer compressionLz4Level) {
    this.compressionLz4Level = compressionLz4Level;
  }

  public Integer getCompressionZstdLevel() {
    return compressionZstdLevel;
  }

  public void setCompressionZstdLevel(Integer compressionZstdLevel) {
    this.compressionZstdLevel = compressionZstdLevel;
  }

  public Class<?> getPartitionerClass() {
    return partitionerClass;
  }

  public void setPartitionerClass(Class<?> partitionerClass) {
    this.partitionerClass = partitionerClass;
  }

  public Boolean getPartitionerAdaptivePartitioningEnable() {
    return partitionerAdaptivePartitioningEnable;
  }

  public void setPartitionerAdaptivePartitioningEnable(
      Boolean partitionerAdaptivePartitioningEnable) {
    this.partitionerAdaptivePartitioningEnable = partitionerAdaptivePartitioningEnable;
  }

  public Duration getPartitionerAvailabilityTimeout() {
    return partitionerAvailabilityTimeout;
  }

  public void setPartitionerAvailabilityTimeout(Duration partitionerAvailabilityTimeout) {
    this.partitionerAvailabilityTimeout = partitionerAvailabilityTimeout;
  }

  public Boolean getPartitionerIgnoreKeys() {
    return partitionerIgnoreKeys;
  }

  public void setPartitionerIgnoreKeys(Boolean partitionerIgnoreKeys) {
    this.partitionerIgnoreKeys = partitionerIgnoreKeys;
  }

  public Duration getMetadataMaxAge() {
    return metadataMaxAge;
  }

  public void setMetadataMaxAge(Duration metadataMaxAge) {
    this.metadataMaxAge = metadataMaxAge;
  }

  public Duration getMetadataMaxIdle() {
    return metadataMaxIdle;
  }

  public void setMetadataMaxIdle(Duration metadataMaxIdle) {
    this.metadataMaxIdle = metadataMaxIdle;
  }

  public MetadataRecoveryStrategy getMetadataRecoveryStrategy() {
    return metadataRecoveryStrategy;
  }

  public void setMetadataRecoveryStrategy(MetadataRecoveryStrategy metadataRecoveryStrategy) {
    this.metadataRecoveryStrategy = metadataRecoveryStrategy;
  }

  public Duration getMetadataRecoveryRebootstrapTrigger() {
    return metadataRecoveryRebootstrapTrigger;
  }

  public void setMetadataRecoveryRebootstrapTrigger(Duration metadataRecoveryRebootstrapTrigger) {
    this.metadataRecoveryRebootstrapTrigger = metadataRecoveryRebootstrapTrigger;
  }

  public Duration getReconnectBackoff() {
    return reconnectBackoff;
  }

  public void setReconnectBackoff(Duration reconnectBackoff) {
    this.reconnectBackoff = reconnectBackoff;
  }

  public Duration getReconnectBackoffMax() {
    return reconnectBackoffMax;
  }

  public void setReconnectBackoffMax(Duration reconnectBackoffMax) {
    this.reconnectBackoffMax = reconnectBackoffMax;
  }

  public Duration getSocketConnectionSetupTimeout() {
    return socketConnectionSetupTimeout;
  }

  public void setSocketConnectionSetupTimeout(Duration socketConnectionSetupTimeout) {
    this.socketConnectionSetupTimeout = socketConnectionSetupTimeout;
  }

  public Duration getSocketConnectionSetupTimeoutMax() {
    return socketConnectionSetupTimeoutMax;
  }

  public void setSocketConnectionSetupTimeoutMax(Duration socketConnectionSetupTimeoutMax) {
    this.socketConnectionSetupTimeoutMax = socketConnectionSetupTimeoutMax;
  }

  public ClientDnsLookup getClientDnsLookup() {
    return clientDnsLookup;
  }

  public void setClientDnsLookup(ClientDnsLookup clientDnsLookup) {
    this.clientDnsLookup = clientDnsLookup;
  }

  public DataSize getSendBuffer() {
    return sendBuffer;
  }

  public void setSendBuffer(DataSize sendBuffer) {
    this.sendBuffer = sendBuffer;
  }

  public DataSize getReceiveBuffer() {
    return receiveBuffer;
  }

  public void setReceiveBuffer(DataSize receiveBuffer) {
    this.receiveBuffer = receiveBuffer;
  }

  public Duration getConnectionsMaxIdle() {
    return connectionsMaxIdle;
  }

  public void setConnectionsMaxIdle(Duration connectionsMaxIdle) {
    this.connectionsMaxIdle = connectionsMaxIdle;
  }

  public List<Class<?>> getInterceptorClasses() {
    return interceptorClasses;
  }

  public void setInterceptorClasses(List<Class<?>> interceptorClasses) {
    this.interceptorClasses = interceptorClasses;
  }

  public Class<?> getKeySerializer() {
    return keySerializer;
  }

  public void setKeySerializer(Class<?> keySerializer) {
    this.keySerializer = keySerializer;
  }

  public Class<?> getValueSerializer() {
    return valueSerializer;
  }

  public void setValueSerializer(Class<?> valueSerializer) {
    this.valueSerializer = valueSerializer;
  }

  public String getTransactionIdPrefix() {
    return transactionIdPrefix;
  }

  public void setTransactionIdPrefix(String transactionIdPrefix) {
    this.transactionIdPrefix = transactionIdPrefix;
  }

  public Integer getTransactionPoolMaxSize() {
    return transactionPoolMaxSize;
  }

  public void setTransactionPoolMaxSize(Integer transactionPoolMaxSize) {
    this.transactionPoolMaxSize = transactionPoolMaxSize;
  }

  public String getTransactionalId() {
    return transactionalId;
  }

  public void setTransactionalId(String transactionalId) {
    this.transactionalId = transactionalId;
  }

  public Duration getTransactionTimeout() {
    return transactionTimeout;
  }

  public void setTransactionTimeout(Duration transactionTimeout) {
    this.transactionTimeout = transactionTimeout;
  }

  public Class<?> getKeyType() {
    return keyType;
  }

  public void setKeyType(Class<?> keyType) {
    this.keyType = keyType;
  }

  public Class<?> getValueType() {
    return valueType;
  }

  public void setValueType(Class<?> valueType) {
    this.valueType = valueType;
  }

  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  public StartupCheck getStartupCheck() {
    return startupCheck;
  }

  public void setStartupCheck(StartupCheck startupCheck) {
    this.startupCheck = startupCheck;
  }

  public Duration getStartupCheckTimeout() {
    return startupCheckTimeout;
  }

  public void setStartupCheckTimeout(Duration startupCheckTimeout) {
    this.startupCheckTimeout = startupCheckTimeout;
  }

  public String getStartupCheckTopic() {
    return startupCheckTopic;
  }

  public void setStartupCheckTopic(String startupCheckTopic) {
    this.startupCheckTopic = startupCheckTopic;
  }

  public Map<String, String> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, String> properties) {
    this.properties = properties;
  }

  public Template getTemplate() {
    return template;
  }

  public Json getJson() {
    return json;
  }

  /**
   * Settings of JSON keys and values: a key-type or value-type with no Serializer bean and no
   * built-in serializer is written as JSON with the application's Jackson 3 JsonMapper.
   */
  public static class Json {

    /**
     * Whether records with a JSON value (key) carry its class name in a "__TypeId__"
     * ("__Key_TypeId__") header, as spring-kafka's JSON serializer writes and its deserializer
     * reads. Default false: the payload alone, without Java class names.
     */
    private Boolean addTypeHeaders;

    public Boolean getAddTypeHeaders() {
      return addTypeHeaders;
    }

    public void setAddTypeHeaders(Boolean addTypeHeaders) {
      this.addTypeHeaders = addTypeHeaders;
    }
  }

  /** Settings of the {@code ProducerTemplate}. */
  public static class Template {

    /**
     * Whether a transactional template (transaction-id-prefix) sends records outside transactions,
     * through a separate non-transactional producer. Default false: such sends throw
     * IllegalStateException, so a send that was meant to be transactional cannot silently escape.
     */
    private Boolean allowNonTransactional;

    public Boolean getAllowNonTransactional() {
      return allowNonTransactional;
    }

    public void setAllowNonTransactional(Boolean allowNonTransactional) {
      this.allowNonTransactional = allowNonTransactional;
    }

    /** Topic used by sendDefault(...). */
    private String defaultTopic;

    public String getDefaultTopic() {
      return defaultTopic;
    }

    public void setDefaultTopic(String defaultTopic) {
      this.defaultTopic = defaultTopic;
    }

    /**
     * Whether every send is a Micrometer Observation ("plume.producer.observation"), with the trace
     * context propagated into the record's headers when tracing is configured. Needs an
     * ObservationRegistry bean. Default false.
     */
    private Boolean observationEnabled;

    public Boolean getObservationEnabled() {
      return observationEnabled;
    }

    public void setObservationEnabled(Boolean observationEnabled) {
      this.observationEnabled = observationEnabled;
    }
  }

  /** Acknowledgements a send waits for. */
  public enum Acks {
    /** The full in-sync replica set (Kafka "all" or "-1"). */
    ALL("all"),
    /** The leader only (Kafka "1"). */
    ONE("1"),
    /** None: fire and forget (Kafka "0"). */
    ZERO("0");

    private final String kafkaValue;

    Acks(String kafkaValue) {
      this.kafkaValue = kafkaValue;
    }

    public String kafkaValue() {
      return kafkaValue;
    }
  }

  /** Batch compression codecs. */
  public enum CompressionType {
    NONE,
    GZIP,
    SNAPPY,
    LZ4,
    ZSTD
  }

  /** Values of client.dns.lookup. */
  public enum ClientDnsLookup {
    USE_ALL_DNS_IPS,
    RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY
  }

  /** Values of metadata.recovery.strategy. */
  public enum MetadataRecoveryStrategy {
    NONE,
    REBOOTSTRAP
  }

  /** Security settings. */
  public static class Security {

    /**
     * Protocol used to talk to brokers: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL; SSL
     * when unset and ssl.bundle is set. Kafka key: security.protocol.
     */
    private SecurityProtocol protocol;

    public SecurityProtocol getProtocol() {
      return protocol;
    }

    public void setProtocol(SecurityProtocol protocol) {
      this.protocol = protocol;
    }
  }

  /** TLS settings; passwords and keys are never logged. */
  public static class Ssl {

    /**
     * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) providing the key and trust material
     * instead of the store settings below; a reloaded bundle makes the producer reconnect with it.
     */
    private String bundle;

    /** Key store (client certificate for mutual TLS). Kafka key: ssl.keystore.location. */
    private Resource keyStoreLocation;

    /** Key store type: JKS, PKCS12 or PEM. Kafka key: ssl.keystore.type. */
    private String keyStoreType;

    /** Key store password. Kafka key: ssl.keystore.password. */
    private String keyStorePassword;

    /** Password of the private key in the key store. Kafka key: ssl.key.password. */
    private String keyPassword;

    /** Private key in PEM (PKCS#8), inline. Kafka key: ssl.keystore.key. */
    private String keyStoreKey;

    /** Certificate chain in PEM, inline. Kafka key: ssl.keystore.certificate.chain. */
    private String keyStoreCertificateChain;

    /** Trust store (CAs trusted for brokers). Kafka key: ssl.truststore.location. */
    private Resource trustStoreLocation;

    /** Trust store type: JKS, PKCS12 or PEM. Kafka key: ssl.truststore.type. */
    private String trustStoreType;

    /** Trust store password. Kafka key: ssl.truststore.password. */
    private String trustStorePassword;

    /** Trusted certificates in PEM, inline. Kafka key: ssl.truststore.certificates. */
    private String trustStoreCertificates;

    /** TLS protocol of the SSLContext (default TLSv1.3). Kafka key: ssl.protocol. */
    private String protocol;

    /** Enabled TLS protocols (default TLSv1.2,TLSv1.3). Kafka key: ssl.enabled.protocols. */
    private List<String> enabledProtocols;

    /** Enabled cipher suites (default: the JDK's). Kafka key: ssl.cipher.suites. */
    private List<String> cipherSuites;

    /**
     * Endpoint identification algorithm: https (default) verifies the broker's host name against
     * its certificate; empty switches that off. Kafka key: ssl.endpoint.identification.algorithm.
     */
    private String endpointIdentificationAlgorithm;

    public String getBundle() {
      return bundle;
    }

    public void setBundle(String bundle) {
      this.bundle = bundle;
    }

    public Resource getKeyStoreLocation() {
      return keyStoreLocation;
    }

    public void setKeyStoreLocation(Resource keyStoreLocation) {
      this.keyStoreLocation = keyStoreLocation;
    }

    public String getKeyStoreType() {
      return keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
      this.keyStoreType = keyStoreType;
    }

    public String getKeyStorePassword() {
      return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
      this.keyStorePassword = keyStorePassword;
    }

    public String getKeyPassword() {
      return keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
      this.keyPassword = keyPassword;
    }

    public String getKeyStoreKey() {
      return keyStoreKey;
    }

    public void setKeyStoreKey(String keyStoreKey) {
      this.keyStoreKey = keyStoreKey;
    }

    public String getKeyStoreCertificateChain() {
      return keyStoreCertificateChain;
    }

    public void setKeyStoreCertificateChain(String keyStoreCertificateChain) {
      this.keyStoreCertificateChain = keyStoreCertificateChain;
    }

    public Resource getTrustStoreLocation() {
      return trustStoreLocation;
    }

    public void setTrustStoreLocation(Resource trustStoreLocation) {
      this.trustStoreLocation = trustStoreLocation;
    }

    public String getTrustStoreType() {
      return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
      this.trustStoreType = trustStoreType;
    }

    public String getTrustStorePassword() {
      return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
      this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreCertificates() {
      return trustStoreCertificates;
    }

    public void setTrustStoreCertificates(String trustStoreCertificates) {
      this.trustStoreCertificates = trustStoreCertificates;
    }

    public String getProtocol() {
      return protocol;
    }

    public void setProtocol(String protocol) {
      this.protocol = protocol;
    }

    public List<String> getEnabledProtocols() {
      return enabledProtocols;
    }

    public void setEnabledProtocols(List<String> enabledProtocols) {
      this.enabledProtocols = enabledProtocols;
    }

    public List<String> getCipherSuites() {
      return cipherSuites;
    }

    public void setCipherSuites(List<String> cipherSuites) {
      this.cipherSuites = cipherSuites;
    }

    public String getEndpointIdentificationAlgorithm() {
      return endpointIdentificationAlgorithm;
    }

    public void setEndpointIdentificationAlgorithm(String endpointIdentificationAlgorithm) {
      this.endpointIdentificationAlgorithm = endpointIdentificationAlgorithm;
    }
  }

  /** SASL settings; the password and the JAAS line are never logged. */
  public static class Sasl {

    /**
     * SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER. Kafka key:
     * sasl.mechanism.
     */
    private String mechanism;

    /**
     * JAAS configuration line in Kafka's format, e.g. {@code
     * org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";}.
     * When unset, it is built from username and password for PLAIN and SCRAM. Kafka key:
     * sasl.jaas.config.
     */
    private String jaasConfig;

    /** User name for PLAIN and SCRAM (used when jaas-config is unset). */
    private String username;

    /** Password for PLAIN and SCRAM (used when jaas-config is unset). */
    private String password;

    public String getMechanism() {
      return mechanism;
    }

    public void setMechanism(String mechanism) {
      this.mechanism = mechanism;
    }

    public String getJaasConfig() {
      return jaasConfig;
    }

    public void setJaasConfig(String jaasConfig) {
      this.jaasConfig = jaasConfig;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** Values of security.protocol. */
  public enum SecurityProtocol {
    PLAINTEXT,
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL
  }

  /** What startup does to verify that brokers are reachable. */
  public enum StartupCheck {
    /** No check. */
    NONE,
    /** Check and log a warning when brokers are unreachable. */
    WARN,
    /** Check and fail startup when brokers are unreachable. */
    FAIL
  }
}
