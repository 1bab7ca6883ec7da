package dev.plume.spring.autoconfigure;

import dev.plume.producer.ProducerConfig;
import dev.plume.producer.security.SaslConfig;
import dev.plume.producer.security.SslConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Turns typed {@code plume.producer.*} properties into the Kafka-keyed map the engine validates,
 * and remembers which property set each key so that errors can name it. One table drives both
 * directions.
 */
final class PlumeConfigMapper {

  /** Bootstrap address used when neither plume nor spring.kafka name one. */
  static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  /** One typed property and the Kafka key it sets. */
  record Mapping(String property, String kafkaKey, Function<PlumeClientProperties, ?> reader) {}

  static final List<Mapping> MAPPINGS =
      List.of(
          new Mapping(
              "bootstrap-servers",
              ProducerConfig.BOOTSTRAP_SERVERS,
              p ->
                  p.getBootstrapServers() == null
                      ? null
                      : String.join(",", p.getBootstrapServers())),
          new Mapping("client-id", ProducerConfig.CLIENT_ID, PlumeClientProperties::getClientId),
          new Mapping(
              "acks",
              ProducerConfig.ACKS,
              p -> p.getAcks() == null ? null : p.getAcks().kafkaValue()),
          new Mapping("linger", ProducerConfig.LINGER_MS, p -> millis(p.getLinger())),
          new Mapping("batch-size", ProducerConfig.BATCH_SIZE, p -> bytes(p.getBatchSize())),
          new Mapping(
              "buffer-memory", ProducerConfig.BUFFER_MEMORY, p -> bytes(p.getBufferMemory())),
          new Mapping("max-block", ProducerConfig.MAX_BLOCK_MS, p -> millis(p.getMaxBlock())),
          new Mapping(
              "delivery-timeout",
              ProducerConfig.DELIVERY_TIMEOUT_MS,
              p -> millis(p.getDeliveryTimeout())),
          new Mapping(
              "request-timeout",
              ProducerConfig.REQUEST_TIMEOUT_MS,
              p -> millis(p.getRequestTimeout())),
          new Mapping("retries", ProducerConfig.RETRIES, PlumeClientProperties::getRetries),
          new Mapping(
              "retry-backoff", ProducerConfig.RETRY_BACKOFF_MS, p -> millis(p.getRetryBackoff())),
          new Mapping(
              "retry-backoff-max",
              ProducerConfig.RETRY_BACKOFF_MAX_MS,
              p -> millis(p.getRetryBackoffMax())),
          new Mapping(
              "max-in-flight-requests-per-connection",
              ProducerConfig.MAX_IN_FLIGHT,
              PlumeClientProperties::getMaxInFlightRequestsPerConnection),
          new Mapping(
              "max-request-size",
              ProducerConfig.MAX_REQUEST_SIZE,
              p -> bytes(p.getMaxRequestSize())),
          new Mapping(
              "enable-idempotence",
              ProducerConfig.ENABLE_IDEMPOTENCE,
              PlumeClientProperties::getEnableIdempotence),
          new Mapping(
              "compression-type",
              ProducerConfig.COMPRESSION_TYPE,
              p -> lower(p.getCompressionType())),
          new Mapping(
              "compression-gzip-level",
              ProducerConfig.COMPRESSION_GZIP_LEVEL,
              PlumeClientProperties::getCompressionGzipLevel),
          new Mapping(
              "compression-lz4-level",
              ProducerConfig.COMPRESSION_LZ4_LEVEL,
              PlumeClientProperties::getCompressionLz4Level),
          new Mapping(
              "compression-zstd-level",
              ProducerConfig.COMPRESSION_ZSTD_LEVEL,
              PlumeClientProperties::getCompressionZstdLevel),
          new Mapping(
              "partitioner-class",
              ProducerConfig.PARTITIONER_CLASS,
              p -> className(p.getPartitionerClass())),
          new Mapping(
              "partitioner-adaptive-partitioning-enable",
              ProducerConfig.PARTITIONER_ADAPTIVE,
              PlumeClientProperties::getPartitionerAdaptivePartitioningEnable),
          new Mapping(
              "partitioner-availability-timeout",
              ProducerConfig.PARTITIONER_AVAILABILITY_TIMEOUT_MS,
              p -> millis(p.getPartitionerAvailabilityTimeout())),
          new Mapping(
              "partitioner-ignore-keys",
              ProducerConfig.PARTITIONER_IGNORE_KEYS,
              PlumeClientProperties::getPartitionerIgnoreKeys),
          new Mapping(
              "metadata-max-age",
              ProducerConfig.METADATA_MAX_AGE_MS,
              p -> millis(p.getMetadataMaxAge())),
          new Mapping(
              "metadata-max-idle",
              ProducerConfig.METADATA_MAX_IDLE_MS,
              p -> millis(p.getMetadataMaxIdle())),
          new Mapping(
              "metadata-recovery-strategy",
              ProducerConfig.METADATA_RECOVERY_STRATEGY,
              p -> lower(p.getMetadataRecoveryStrategy())),
          new Mapping(
              "metadata-recovery-rebootstrap-trigger",
              ProducerConfig.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS,
              p -> millis(p.getMetadataRecoveryRebootstrapTrigger())),
          new Mapping(
              "reconnect-backoff",
              ProducerConfig.RECONNECT_BACKOFF_MS,
              p -> millis(p.getReconnectBackoff())),
          new Mapping(
              "reconnect-backoff-max",
              ProducerConfig.RECONNECT_BACKOFF_MAX_MS,
              p -> millis(p.getReconnectBackoffMax())),
          new Mapping(
              "socket-connection-setup-timeout",
              ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
              p -> millis(p.getSocketConnectionSetupTimeout())),
          new Mapping(
              "socket-connection-setup-timeout-max",
              ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS,
              p -> millis(p.getSocketConnectionSetupTimeoutMax())),
          new Mapping(
              "client-dns-lookup",
              ProducerConfig.CLIENT_DNS_LOOKUP,
              p -> lower(p.getClientDnsLookup())),
          new Mapping(
              "send-buffer", ProducerConfig.SEND_BUFFER_BYTES, p -> bytes(p.getSendBuffer())),
          new Mapping(
              "receive-buffer",
              ProducerConfig.RECEIVE_BUFFER_BYTES,
              p -> bytes(p.getReceiveBuffer())),
          new Mapping(
              "connections-max-idle",
              ProducerConfig.CONNECTIONS_MAX_IDLE_MS,
              p -> millis(p.getConnectionsMaxIdle())),
          new Mapping(
              "interceptor-classes",
              ProducerConfig.INTERCEPTOR_CLASSES,
              p ->
                  p.getInterceptorClasses() == null
                      ? null
                      : p.getInterceptorClasses().stream().map(Class::getName).toList()),
          new Mapping(
              "key-serializer",
              ProducerConfig.KEY_SERIALIZER,
              p -> className(p.getKeySerializer())),
          new Mapping(
              "value-serializer",
              ProducerConfig.VALUE_SERIALIZER,
              p -> className(p.getValueSerializer())),
          new Mapping(
              "transactional-id",
              ProducerConfig.TRANSACTIONAL_ID,
              PlumeClientProperties::getTransactionalId),
          new Mapping(
              "transaction-timeout",
              ProducerConfig.TRANSACTION_TIMEOUT_MS,
              p -> millis(p.getTransactionTimeout())),
          new Mapping(
              "security.protocol",
              ProducerConfig.SECURITY_PROTOCOL,
              p ->
                  p.getSecurity().getProtocol() == null
                      ? null
                      : p.getSecurity().getProtocol().name()),
          new Mapping(
              "ssl.key-store-location",
              SslConfig.KEYSTORE_LOCATION,
              p -> resourcePath(p.getSsl().getKeyStoreLocation(), "ssl.key-store-location")),
          new Mapping(
              "ssl.key-store-type", SslConfig.KEYSTORE_TYPE, p -> p.getSsl().getKeyStoreType()),
          new Mapping(
              "ssl.key-store-password",
              SslConfig.KEYSTORE_PASSWORD,
              p -> p.getSsl().getKeyStorePassword()),
          new Mapping("ssl.key-password", SslConfig.KEY_PASSWORD, p -> p.getSsl().getKeyPassword()),
          new Mapping(
              "ssl.key-store-key", SslConfig.KEYSTORE_KEY, p -> p.getSsl().getKeyStoreKey()),
          new Mapping(
              "ssl.key-store-certificate-chain",
              SslConfig.KEYSTORE_CERTIFICATE_CHAIN,
              p -> p.getSsl().getKeyStoreCertificateChain()),
          new Mapping(
              "ssl.trust-store-location",
              SslConfig.TRUSTSTORE_LOCATION,
              p -> resourcePath(p.getSsl().getTrustStoreLocation(), "ssl.trust-store-location")),
          new Mapping(
              "ssl.trust-store-type",
              SslConfig.TRUSTSTORE_TYPE,
              p -> p.getSsl().getTrustStoreType()),
          new Mapping(
              "ssl.trust-store-password",
              SslConfig.TRUSTSTORE_PASSWORD,
              p -> p.getSsl().getTrustStorePassword()),
          new Mapping(
              "ssl.trust-store-certificates",
              SslConfig.TRUSTSTORE_CERTIFICATES,
              p -> p.getSsl().getTrustStoreCertificates()),
          new Mapping("ssl.protocol", SslConfig.PROTOCOL, p -> p.getSsl().getProtocol()),
          new Mapping(
              "ssl.enabled-protocols",
              SslConfig.ENABLED_PROTOCOLS,
              p -> joined(p.getSsl().getEnabledProtocols())),
          new Mapping(
              "ssl.cipher-suites",
              SslConfig.CIPHER_SUITES,
              p -> joined(p.getSsl().getCipherSuites())),
          new Mapping(
              "ssl.endpoint-identification-algorithm",
              SslConfig.ENDPOINT_IDENTIFICATION_ALGORITHM,
              p -> p.getSsl().getEndpointIdentificationAlgorithm()),
          new Mapping("sasl.mechanism", SaslConfig.MECHANISM, p -> p.getSasl().getMechanism()),
          new Mapping("sasl.jaas-config", SaslConfig.JAAS_CONFIG, PlumeConfigMapper::jaasConfig));

  private PlumeConfigMapper() {}

  /** The typed property (without prefix) that sets {@code kafkaKey}, or null if none does. */
  static String propertyFor(String kafkaKey) {
    for (Mapping m : MAPPINGS) {
      if (m.kafkaKey().equals(kafkaKey)) {
        return m.property();
      }
    }
    return null;
  }

  /**
   * Writes {@code properties}' raw map, then its typed settings, into {@code config}, recording
   * {@code prefix + property} as the origin of every key written.
   */
  static void apply(
      PlumeClientProperties properties,
      String prefix,
      Map<String, Object> config,
      Map<String, String> origins) {
    properties
        .getProperties()
        .forEach(
            (key, value) -> {
              config.put(key, value);
              origins.put(key, prefix + ".properties[" + key + "]");
            });
    for (Mapping m : MAPPINGS) {
      Object value = m.reader().apply(properties);
      if (value != null) {
        config.put(m.kafkaKey(), value);
        origins.put(m.kafkaKey(), prefix + "." + m.property());
      }
    }
  }

  /**
   * The Kafka-keyed map of one client: top level first, then the named client's overrides; a named
   * client never inherits the top level's {@code transactional.id}.
   */
  static Map<String, Object> configFor(
      PlumeProducerProperties top,
      PlumeClientProperties client,
      String clientName,
      List<String> springKafkaBootstrapServers,
      Map<String, String> origins) {
    Map<String, Object> config = new LinkedHashMap<>();
    apply(top, "plume.producer", config, origins);
    if (client != null) {
      // A transactional id names one producer: a named client inheriting the top level's would
      // fence the default producer (and be fenced by it). Named clients set their own.
      config.remove(ProducerConfig.TRANSACTIONAL_ID);
      origins.remove(ProducerConfig.TRANSACTIONAL_ID);
      apply(client, "plume.producer.clients." + clientName, config, origins);
    }
    if (!config.containsKey(ProducerConfig.BOOTSTRAP_SERVERS)) {
      if (springKafkaBootstrapServers != null && !springKafkaBootstrapServers.isEmpty()) {
        config.put(ProducerConfig.BOOTSTRAP_SERVERS, String.join(",", springKafkaBootstrapServers));
        origins.put(ProducerConfig.BOOTSTRAP_SERVERS, "spring.kafka.bootstrap-servers");
      } else {
        config.put(ProducerConfig.BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
        origins.put(ProducerConfig.BOOTSTRAP_SERVERS, "plume.producer.bootstrap-servers");
      }
    }
    return config;
  }

  /**
   * The Kafka keys of {@code plume.producer.*} never applied to spring-kafka's producers: where to
   * connect and how to authenticate come from Boot's Kafka configuration, the client id and the
   * transactional id (spring-kafka's {@code transactionIdPrefix}) from spring-kafka, and
   * serializer, partitioner and interceptor classes of Plume's own API are not kafka-clients
   * plug-ins.
   */
  static final Set<String> NOT_FOR_SPRING_KAFKA =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS,
          ProducerConfig.CLIENT_ID,
          ProducerConfig.TRANSACTIONAL_ID,
          ProducerConfig.KEY_SERIALIZER,
          ProducerConfig.VALUE_SERIALIZER,
          ProducerConfig.PARTITIONER_CLASS,
          ProducerConfig.INTERCEPTOR_CLASSES,
          ProducerConfig.SECURITY_PROTOCOL);

  /**
   * {@code plume.producer}'s explicitly set settings (top level only, not named clients) that the
   * spring-kafka producer factory applies on top of Boot's: the raw {@code properties.*} map, then
   * the typed settings, without {@link #NOT_FOR_SPRING_KAFKA} and {@code ssl.*}/{@code sasl.*}.
   * Values are strings, which Kafka's configuration parses for every type.
   */
  static Map<String, String> springKafkaOverrides(PlumeClientProperties properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties
        .getProperties()
        .forEach(
            (key, value) -> {
              if (forSpringKafka(key)) {
                out.put(key, value);
              }
            });
    for (Mapping m : MAPPINGS) {
      if (!forSpringKafka(m.kafkaKey())) {
        continue;
      }
      Object value = m.reader().apply(properties);
      if (value instanceof List<?> list) {
        out.put(m.kafkaKey(), String.join(",", list.stream().map(String::valueOf).toList()));
      } else if (value != null) {
        out.put(m.kafkaKey(), String.valueOf(value));
      }
    }
    return out;
  }

  private static boolean forSpringKafka(String kafkaKey) {
    return !NOT_FOR_SPRING_KAFKA.contains(kafkaKey)
        && !kafkaKey.startsWith("ssl.")
        && !kafkaKey.startsWith("sasl.");
  }

  private static String joined(List<String> values) {
    return values == null ? null : String.join(",", values);
  }

  /**
   * sasl.jaas-config as given, or built from sasl.username and sasl.password for PLAIN and SCRAM
   * (the login modules Kafka names for them), so that users need not write JAAS.
   */
  static String jaasConfig(PlumeClientProperties p) {
    PlumeClientProperties.Sasl sasl = p.getSasl();
    if (sasl.getJaasConfig() != null || sasl.getUsername() == null) {
      return sasl.getJaasConfig();
    }
    String mechanism = sasl.getMechanism() == null ? "" : sasl.getMechanism();
    String module;
    if (mechanism.equals("PLAIN")) {
      module = "org.apache.kafka.common.security.plain.PlainLoginModule";
    } else if (mechanism.startsWith("SCRAM-")) {
      module = "org.apache.kafka.common.security.scram.ScramLoginModule";
    } else {
      throw new IllegalArgumentException(
          "sasl.username and sasl.password need sasl.mechanism PLAIN, SCRAM-SHA-256 or"
              + " SCRAM-SHA-512 (got '"
              + mechanism
              + "'); for other mechanisms set sasl.jaas-config");
    }
    return module
        + " required username=\""
        + jaasQuoted(sasl.getUsername())
        + "\" password=\""
        + jaasQuoted(sasl.getPassword() == null ? "" : sasl.getPassword())
        + "\";";
  }

  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * The file path Kafka's *.location settings need: the resource's own file, or a private temporary
   * copy for resources that are not files (classpath entries inside a jar).
   */
  static String resourcePath(Resource resource, String property) {
    if (resource == null) {
      return null;
    }
    try {
      if (resource.isFile()) {
        return resource.getFile().getAbsolutePath();
      }
      Path copy = Files.createTempFile("plume-ssl-", ".store");
      copy.toFile().deleteOnExit();
      try (InputStream in = resource.getInputStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return copy.toAbsolutePath().toString();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + property + " (" + resource.getDescription() + "): " + e.getMessage(), e);
    }
  }

  private static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  private static Long bytes(DataSize size) {
    return size == null ? null : size.toBytes();
  }

  private static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  private static String className(Class<?> type) {
    return type == null ? null : type.getName();
  }
}
