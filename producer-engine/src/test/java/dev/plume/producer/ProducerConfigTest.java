package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plume.producer.errors.ConfigException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProducerConfigTest {

  private static Map<String, Object> base(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(ProducerConfig.BOOTSTRAP_SERVERS, "localhost:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static ProducerConfig plume(Object... keyValues) {
    return ProducerConfig.from(base(keyValues));
  }

  /** The official client's parsed configuration for the same entries: the oracle. */
  private static org.apache.kafka.clients.producer.ProducerConfig kafka(Map<String, Object> map) {
    Map<String, Object> withSerializers = new HashMap<>(map);
    withSerializers.put("key.serializer", ByteArraySerializer.class);
    withSerializers.put("value.serializer", ByteArraySerializer.class);
    return new org.apache.kafka.clients.producer.ProducerConfig(withSerializers);
  }

  private static ConfigException configError(Object... keyValues) {
    return catchThrowableOfType(ConfigException.class, () -> plume(keyValues));
  }

  @Nested
  class Defaults {

    private final ProducerConfig plume = plume();
    private final org.apache.kafka.clients.producer.ProducerConfig kafka = kafka(base());

    @Test
    void theHeadlineDefaultsAreKafka4s() {
      assertThat(plume.acks()).isEqualTo((short) -1);
      assertThat(plume.lingerMs()).isEqualTo(5);
      assertThat(plume.batchSizeBytes()).isEqualTo(16384);
      assertThat(plume.bufferMemoryBytes()).isEqualTo(33554432L);
      assertThat(plume.deliveryTimeoutMs()).isEqualTo(120000);
      assertThat(plume.requestTimeoutMs()).isEqualTo(30000);
      assertThat(plume.maxBlockMs()).isEqualTo(60000);
      assertThat(plume.retries()).isEqualTo(Integer.MAX_VALUE);
      assertThat(plume.maxInFlightRequestsPerConnection()).isEqualTo(5);
      assertThat(plume.idempotenceEnabled()).isTrue();
      assertThat(plume.compressionType()).isEqualTo("none");
      assertThat(plume.partitionerClass()).isNull();
      assertThat(plume.transactionalId()).isNull();
    }

    @Test
    void everyTypedDefaultEqualsKafkaClientsConfigDef() {
      Map<String, Object> expected = new LinkedHashMap<>();
      Map<String, Object> actual = new LinkedHashMap<>();
      compare(expected, actual, "acks", Short.parseShort(kafka.getString("acks")), plume.acks());
      compare(expected, actual, "linger.ms", kafka.getLong("linger.ms"), plume.lingerMs());
      compare(expected, actual, "batch.size", kafka.getInt("batch.size"), plume.batchSizeBytes());
      compare(
          expected,
          actual,
          "buffer.memory",
          kafka.getLong("buffer.memory"),
          plume.bufferMemoryBytes());
      compare(expected, actual, "max.block.ms", kafka.getLong("max.block.ms"), plume.maxBlockMs());
      compare(
          expected,
          actual,
          "delivery.timeout.ms",
          kafka.getInt("delivery.timeout.ms"),
          plume.deliveryTimeoutMs());
      compare(
          expected,
          actual,
          "request.timeout.ms",
          kafka.getInt("request.timeout.ms"),
          plume.requestTimeoutMs());
      compare(expected, actual, "retries", kafka.getInt("retries"), plume.retries());
      compare(
          expected,
          actual,
          "retry.backoff.ms",
          kafka.getLong("retry.backoff.ms"),
          plume.retryBackoffMs());
      compare(
          expected,
          actual,
          "retry.backoff.max.ms",
          kafka.getLong("retry.backoff.max.ms"),
          plume.retryBackoffMaxMs());
      compare(
          expected,
          actual,
          "max.in.flight.requests.per.connection",
          kafka.getInt("max.in.flight.requests.per.connection"),
          plume.maxInFlightRequestsPerConnection());
      compare(
          expected,
          actual,
          "max.request.size",
          kafka.getInt("max.request.size"),
          plume.maxRequestSizeBytes());
      compare(
          expected,
          actual,
          "enable.idempotence",
          kafka.getBoolean("enable.idempotence"),
          plume.idempotenceEnabled());
      compare(
          expected,
          actual,
          "compression.type",
          kafka.getString("compression.type"),
          plume.compressionType());
      compare(
          expected,
          actual,
          "compression.gzip.level",
          kafka.getInt("compression.gzip.level"),
          plume.compressionGzipLevel());
      compare(
          expected,
          actual,
          "compression.lz4.level",
          kafka.getInt("compression.lz4.level"),
          plume.compressionLz4Level());
      compare(
          expected,
          actual,
          "compression.zstd.level",
          kafka.getInt("compression.zstd.level"),
          plume.compressionZstdLevel());
      compare(
          expected,
          actual,
          "partitioner.class",
          kafka.getClass("partitioner.class"),
          plume.partitionerClass());
      compare(
          expected,
          actual,
          "partitioner.adaptive.partitioning.enable",
          kafka.getBoolean("partitioner.adaptive.partitioning.enable"),
          plume.partitionerAdaptive());
      compare(
          expected,
          actual,
          "partitioner.availability.timeout.ms",
          kafka.getLong("partitioner.availability.timeout.ms"),
          plume.partitionerAvailabilityTimeoutMs());
      compare(
          expected,
          actual,
          "partitioner.ignore.keys",
          kafka.getBoolean("partitioner.ignore.keys"),
          plume.partitionerIgnoreKeys());
      compare(
          expected,
          actual,
          "metadata.max.age.ms",
          kafka.getLong("metadata.max.age.ms"),
          plume.metadataMaxAgeMs());
      compare(
          expected,
          actual,
          "metadata.max.idle.ms",
          kafka.getLong("metadata.max.idle.ms"),
          plume.metadataMaxIdleMs());
      compare(
          expected,
          actual,
          "metadata.recovery.strategy",
          kafka.getString("metadata.recovery.strategy").equals("rebootstrap"),
          plume.metadataRebootstrap());
      compare(
          expected,
          actual,
          "metadata.recovery.rebootstrap.trigger.ms",
          kafka.getLong("metadata.recovery.rebootstrap.trigger.ms"),
          plume.metadataRebootstrapTriggerMs());
      compare(
          expected,
          actual,
          "reconnect.backoff.ms",
          kafka.getLong("reconnect.backoff.ms"),
          plume.reconnectBackoffMs());
      compare(
          expected,
          actual,
          "reconnect.backoff.max.ms",
          kafka.getLong("reconnect.backoff.max.ms"),
          plume.reconnectBackoffMaxMs());
      compare(
          expected,
          actual,
          "socket.connection.setup.timeout.ms",
          kafka.getLong("socket.connection.setup.timeout.ms"),
          plume.socketConnectionSetupTimeoutMs());
      compare(
          expected,
          actual,
          "socket.connection.setup.timeout.max.ms",
          kafka.getLong("socket.connection.setup.timeout.max.ms"),
          plume.socketConnectionSetupTimeoutMaxMs());
      compare(
          expected,
          actual,
          "client.dns.lookup",
          kafka.getString("client.dns.lookup").equals("use_all_dns_ips"),
          plume.useAllDnsIps());
      compare(
          expected,
          actual,
          "send.buffer.bytes",
          kafka.getInt("send.buffer.bytes"),
          plume.sendBufferBytes());
      compare(
          expected,
          actual,
          "receive.buffer.bytes",
          kafka.getInt("receive.buffer.bytes"),
          plume.receiveBufferBytes());
      compare(
          expected,
          actual,
          "connections.max.idle.ms",
          kafka.getLong("connections.max.idle.ms"),
          plume.connectionsMaxIdleMs());
      compare(
          expected,
          actual,
          "interceptor.classes",
          kafka.getList("interceptor.classes"),
          plume.interceptorClasses());
      compare(
          expected,
          actual,
          "transaction.timeout.ms",
          kafka.getInt("transaction.timeout.ms"),
          plume.transactionTimeoutMs());
      compare(
          expected,
          actual,
          "transactional.id",
          kafka.getString("transactional.id"),
          plume.transactionalId());
      compare(
          expected,
          actual,
          "security.protocol",
          kafka.getString("security.protocol"),
          plume.securityProtocol());

      assertThat(actual).containsExactlyEntriesOf(expected);
    }

    private void compare(
        Map<String, Object> expected,
        Map<String, Object> actual,
        String key,
        Object kafkaValue,
        Object plumeValue) {
      expected.put(key, kafkaValue);
      actual.put(key, plumeValue);
    }

    @Test
    void clientIdIsGeneratedLikeKafkas() {
      assertThat(plume.clientId()).matches("producer-\\d+");
      assertThat(plume(ProducerConfig.CLIENT_ID, "mine").clientId()).isEqualTo("mine");
      assertThat(plume(ProducerConfig.TRANSACTIONAL_ID, "tx-1").clientId())
          .isEqualTo("producer-tx-1");
    }
  }

  /**
   * The same entries given to both clients: both accept (with the same effective idempotence and
   * acks) or both reject.
   */
  @Nested
  class AgreesWithKafkaClients {

    static Stream<Arguments> configurations() {
      return Stream.of(
          Arguments.of(Map.of()),
          Arguments.of(Map.of("acks", "1")),
          Arguments.of(Map.of("acks", "0")),
          Arguments.of(Map.of("acks", "-1")),
          Arguments.of(Map.of("retries", "0")),
          Arguments.of(Map.of("acks", "1", "retries", "0")),
          Arguments.of(Map.of("enable.idempotence", "true")),
          Arguments.of(Map.of("enable.idempotence", "true", "acks", "1")),
          Arguments.of(Map.of("enable.idempotence", "true", "retries", "0")),
          Arguments.of(Map.of("enable.idempotence", "false", "acks", "0")),
          Arguments.of(Map.of("max.in.flight.requests.per.connection", "5")),
          Arguments.of(Map.of("max.in.flight.requests.per.connection", "6")),
          Arguments.of(Map.of("max.in.flight.requests.per.connection", "6", "acks", "1")),
          Arguments.of(Map.of("max.in.flight.requests.per.connection", "6", "retries", "0")),
          Arguments.of(
              Map.of("max.in.flight.requests.per.connection", "6", "enable.idempotence", "false")),
          Arguments.of(Map.of("transactional.id", "tx")),
          Arguments.of(Map.of("transactional.id", "tx", "acks", "1")),
          Arguments.of(Map.of("transactional.id", "tx", "retries", "0")),
          Arguments.of(Map.of("transactional.id", "tx", "enable.idempotence", "false")),
          Arguments.of(Map.of("transactional.id", "")),
          Arguments.of(Map.of("batch.size", "0")),
          Arguments.of(Map.of("batch.size", "-1")),
          Arguments.of(Map.of("linger.ms", "-1")),
          Arguments.of(Map.of("buffer.memory", "-1")),
          Arguments.of(Map.of("retries", "-1")),
          Arguments.of(Map.of("max.in.flight.requests.per.connection", "0")),
          Arguments.of(Map.of("compression.type", "zstd")),
          Arguments.of(Map.of("compression.type", "brotli")),
          Arguments.of(Map.of("compression.gzip.level", "0")),
          Arguments.of(Map.of("compression.gzip.level", "9")),
          Arguments.of(Map.of("compression.gzip.level", "10")),
          Arguments.of(Map.of("compression.lz4.level", "18")),
          Arguments.of(Map.of("compression.zstd.level", "23")),
          Arguments.of(Map.of("compression.zstd.level", "-131072")),
          Arguments.of(Map.of("metadata.max.idle.ms", "4999")),
          Arguments.of(Map.of("send.buffer.bytes", "-1")),
          Arguments.of(Map.of("send.buffer.bytes", "-2")),
          Arguments.of(Map.of("acks", "2")),
          Arguments.of(Map.of("linger.ms", "abc")),
          Arguments.of(Map.of("enable.idempotence", "yes")),
          Arguments.of(Map.of("partitioner.ignore.keys", "TRUE")),
          Arguments.of(Map.of("metadata.recovery.strategy", "none")),
          Arguments.of(Map.of("delivery.timeout.ms", "1000")),
          Arguments.of(Map.of("delivery.timeout.ms", "30005")),
          Arguments.of(Map.of("delivery.timeout.ms", "30004")),
          Arguments.of(Map.of("linger.ms", "200000")));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void acceptsAndRejectsTheSameConfigurations(Map<String, Object> entries) {
      Map<String, Object> map = base();
      map.putAll(entries);
      RuntimeException kafkaError = null;
      org.apache.kafka.clients.producer.ProducerConfig kafka = null;
      try {
        kafka = kafka(map);
        // KafkaProducer (not ProducerConfig) applies the delivery.timeout.ms rule; mirror it here.
        kafkaDeliveryTimeout(kafka);
      } catch (org.apache.kafka.common.config.ConfigException e) {
        kafkaError = e;
      }
      if (kafkaError != null) {
        assertThatThrownBy(() -> ProducerConfig.from(map))
            .as("kafka-clients rejects it: %s", kafkaError.getMessage())
            .isInstanceOf(ConfigException.class);
        return;
      }
      ProducerConfig plume = ProducerConfig.from(map);
      assertThat(plume.idempotenceEnabled()).isEqualTo(kafka.getBoolean("enable.idempotence"));
      assertThat(plume.acks()).isEqualTo(Short.parseShort(kafka.getString("acks")));
      assertThat(plume.deliveryTimeoutMs()).isEqualTo(kafkaDeliveryTimeout(kafka));
    }

    /** The rule of KafkaProducer.configureDeliveryTimeout, written from its documentation. */
    private int kafkaDeliveryTimeout(org.apache.kafka.clients.producer.ProducerConfig kafka) {
      int configured = kafka.getInt("delivery.timeout.ms");
      long lowerBound =
          Math.min(
              Math.min(kafka.getLong("linger.ms"), Integer.MAX_VALUE)
                  + kafka.getInt("request.timeout.ms"),
              Integer.MAX_VALUE);
      if (configured >= lowerBound) {
        return configured;
      }
      if (kafka.originals().containsKey("delivery.timeout.ms")) {
        throw new org.apache.kafka.common.config.ConfigException(
            "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms");
      }
      return (int) lowerBound;
    }
  }

  @Nested
  class Idempotence {

    @Test
    void isSilentlyDisabledByAcksOrRetriesWhenOnlyOnByDefault() {
      assertThat(plume("acks", "1").idempotenceEnabled()).isFalse();
      assertThat(plume("acks", "0").idempotenceEnabled()).isFalse();
      assertThat(plume("retries", 0).idempotenceEnabled()).isFalse();
    }

    @Test
    void explicitIdempotenceWithAcksNotAllFailsNamingAcks() {
      ConfigException e = configError("enable.idempotence", true, "acks", "1");

      assertThat(e.key()).isEqualTo("acks");
      assertThat(e.getMessage()).contains("acks", "1", "enable.idempotence");
    }

    @Test
    void explicitIdempotenceWithZeroRetriesFailsNamingRetries() {
      ConfigException e = configError("enable.idempotence", "true", "retries", "0");

      assertThat(e.key()).isEqualTo("retries");
      assertThat(e.getMessage()).contains("retries", "0", "enable.idempotence");
    }

    @Test
    void moreThanFiveInFlightFailsEvenWhenIdempotenceIsOnlyOnByDefault() {
      for (ConfigException e :
          List.of(
              configError("max.in.flight.requests.per.connection", 6),
              configError("max.in.flight.requests.per.connection", 6, "acks", "1"),
              configError(
                  "max.in.flight.requests.per.connection", 6, "enable.idempotence", true))) {
        assertThat(e.key()).isEqualTo("max.in.flight.requests.per.connection");
        assertThat(e.getMessage()).contains("max.in.flight.requests.per.connection", "6", "<= 5");
      }
    }

    @Test
    void moreThanFiveInFlightIsFineWithIdempotenceOff() {
      ProducerConfig config =
          plume("max.in.flight.requests.per.connection", 6, "enable.idempotence", false);

      assertThat(config.maxInFlightRequestsPerConnection()).isEqualTo(6);
      assertThat(config.idempotenceEnabled()).isFalse();
    }

    @Test
    void aTransactionalIdNeedsIdempotence() {
      assertThat(plume("transactional.id", "tx").idempotenceEnabled()).isTrue();
      for (ConfigException e :
          List.of(
              configError("transactional.id", "tx", "enable.idempotence", false),
              configError("transactional.id", "tx", "acks", "1"),
              configError("transactional.id", "tx", "retries", 0))) {
        assertThat(e.key()).isEqualTo("transactional.id");
        assertThat(e.getMessage()).contains("transactional.id", "'tx'", "idempotence");
      }
    }

    @Test
    void anEmptyTransactionalIdIsRejected() {
      ConfigException e = configError("transactional.id", "");

      assertThat(e.key()).isEqualTo("transactional.id");
      assertThat(e.getMessage()).contains("non-empty");
    }
  }

  @Nested
  class DeliveryTimeout {

    @Test
    void anExplicitValueBelowLingerPlusRequestTimeoutFails() {
      ConfigException e =
          configError("delivery.timeout.ms", 25_000, "linger.ms", 10, "request.timeout.ms", 25_000);

      assertThat(e.key()).isEqualTo("delivery.timeout.ms");
      assertThat(e.getMessage())
          .contains("delivery.timeout.ms", "25000", "linger.ms + request.timeout.ms", "25010");
    }

    @Test
    void anExplicitValueEqualToTheSumIsAccepted() {
      assertThat(plume("delivery.timeout.ms", 30_005).deliveryTimeoutMs()).isEqualTo(30_005);
    }

    @Test
    void theDefaultIsRaisedToLingerPlusRequestTimeout() {
      assertThat(plume("linger.ms", 100_000, "request.timeout.ms", 60_000).deliveryTimeoutMs())
          .isEqualTo(160_000);
    }

    @Test
    void aHugeLingerCapsTheRaisedDefaultInsteadOfOverflowing() {
      assertThat(plume("linger.ms", Long.MAX_VALUE).deliveryTimeoutMs())
          .isEqualTo(Integer.MAX_VALUE);
      assertThat(configError("linger.ms", Long.MAX_VALUE, "delivery.timeout.ms", 120_000).key())
          .isEqualTo("delivery.timeout.ms");
    }
  }

  @Nested
  class ValidationErrorsNameKeyValueAndRule {

    static Stream<Arguments> invalidEntries() {
      return Stream.of(
          Arguments.of("bootstrap.servers", "", "at least one"),
          Arguments.of("bootstrap.servers", "localhost", "host:port"),
          Arguments.of("bootstrap.servers", "localhost:notaport", "port must be a number"),
          Arguments.of("bootstrap.servers", "localhost:70000", "[1, 65535]"),
          Arguments.of("acks", "2", "one of"),
          Arguments.of("linger.ms", "-1", "[0, "),
          Arguments.of("linger.ms", "soon", "whole number"),
          Arguments.of("batch.size", -5, "[0, "),
          Arguments.of("buffer.memory", "-1", "[0, "),
          Arguments.of("max.block.ms", -1L, "[0, "),
          Arguments.of("request.timeout.ms", "-1", "[0, "),
          Arguments.of("retries", "-1", "[0, "),
          Arguments.of("max.in.flight.requests.per.connection", "0", "[1, "),
          Arguments.of("max.request.size", "-1", "[0, "),
          Arguments.of("enable.idempotence", "yes", "true or false"),
          Arguments.of("compression.type", "brotli", "one of"),
          Arguments.of("compression.gzip.level", "0", "-1"),
          Arguments.of("compression.gzip.level", "10", "[-1, 9]"),
          Arguments.of("compression.lz4.level", "0", "[1, 17]"),
          Arguments.of("compression.zstd.level", "23", "22"),
          Arguments.of("partitioner.adaptive.partitioning.enable", "maybe", "true or false"),
          Arguments.of("partitioner.availability.timeout.ms", "-1", "[0, "),
          Arguments.of("partitioner.ignore.keys", "1", "true or false"),
          Arguments.of("metadata.max.idle.ms", "4999", "[5000, "),
          Arguments.of("metadata.recovery.strategy", "panic", "one of"),
          Arguments.of("client.dns.lookup", "default", "one of"),
          Arguments.of("send.buffer.bytes", "-2", "[-1, "),
          Arguments.of("receive.buffer.bytes", "-2", "[-1, "),
          Arguments.of("delivery.timeout.ms", "-1", "[0, "),
          Arguments.of("transaction.timeout.ms", "0", "[1, "),
          Arguments.of("security.protocol", "KERBEROS", "one of"),
          Arguments.of("linger.ms", 1.5, "whole number"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidEntries")
    void theExceptionNamesTheKeyTheValueAndTheRule(String key, Object value, String rule) {
      ConfigException e = configError(key, value);

      assertThat(e).as("%s=%s must be rejected", key, value).isNotNull();
      assertThat(e.key()).isEqualTo(key);
      assertThat(e.getMessage()).contains(key, String.valueOf(value), rule);
    }
  }

  @Nested
  class Inputs {

    @Test
    void propertiesWithStringAndTypedValues() {
      Properties properties = new Properties();
      properties.setProperty("bootstrap.servers", "a:1, b:2");
      properties.setProperty("linger.ms", "20");
      properties.put("batch.size", 32768);
      properties.put("enable.idempotence", Boolean.FALSE);
      properties.setProperty("custom.plugin.setting", "x");

      ProducerConfig config = ProducerConfig.from(properties);

      assertThat(config.bootstrapServers()).containsExactly("a:1", "b:2");
      assertThat(config.lingerMs()).isEqualTo(20);
      assertThat(config.batchSizeBytes()).isEqualTo(32768);
      assertThat(config.idempotenceEnabled()).isFalse();
      assertThat(config.originals()).containsEntry("custom.plugin.setting", "x");
    }

    @Test
    void propertiesDefaultsAreRead() {
      Properties defaults = new Properties();
      defaults.setProperty("bootstrap.servers", "d:1");
      defaults.setProperty("acks", "1");
      Properties properties = new Properties(defaults);
      properties.setProperty("acks", "0");

      ProducerConfig config = ProducerConfig.from(properties);

      assertThat(config.bootstrapServers()).containsExactly("d:1");
      assertThat(config.acks()).isEqualTo((short) 0);
    }

    @Test
    void mapWithTypedValues() {
      Map<String, Object> map = new HashMap<>();
      map.put("bootstrap.servers", List.of("h1:9092", " h2:9093 "));
      map.put("linger.ms", 7);
      map.put("buffer.memory", 1L << 20);
      map.put("partitioner.ignore.keys", true);
      map.put("partitioner.class", String.class);
      map.put("interceptor.classes", List.of(Integer.class, "com.example.Interceptor"));
      map.put("compression.type", "LZ4");

      ProducerConfig config = ProducerConfig.from(map);

      assertThat(config.bootstrapServers()).containsExactly("h1:9092", "h2:9093");
      assertThat(config.lingerMs()).isEqualTo(7);
      assertThat(config.bufferMemoryBytes()).isEqualTo(1L << 20);
      assertThat(config.partitionerIgnoreKeys()).isTrue();
      assertThat(config.partitionerClass()).isEqualTo("java.lang.String");
      assertThat(config.interceptorClasses())
          .containsExactly("java.lang.Integer", "com.example.Interceptor");
      assertThat(config.compressionType()).isEqualTo("lz4");
    }

    @Test
    void originalsAreKeptUnparsedAndUnmodifiable() {
      ProducerConfig config = plume("linger.ms", "9", "ssl.truststore.location", "/x");

      assertThat(config.originals())
          .containsEntry("linger.ms", "9")
          .containsKey("ssl.truststore.location");
      assertThatThrownBy(() -> config.originals().put("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterChangesToTheInputDoNotLeakIn() {
      Map<String, Object> map = base("linger.ms", 3);
      ProducerConfig config = ProducerConfig.from(map);
      map.put("linger.ms", 1000);

      assertThat(config.lingerMs()).isEqualTo(3);
      assertThat(config.originals()).containsEntry("linger.ms", 3);
    }

    @Test
    void settingOnlyReconnectBackoffTurnsTheExponentialGrowthOffAsInKafka() {
      assertThat(plume("reconnect.backoff.ms", 10).reconnectBackoffMaxMs()).isEqualTo(10);
      assertThat(
              plume("reconnect.backoff.ms", 10, "reconnect.backoff.max.ms", 20)
                  .reconnectBackoffMaxMs())
          .isEqualTo(20);
      assertThat(plume().reconnectBackoffMaxMs()).isEqualTo(1000);
      assertThat(kafka(base("reconnect.backoff.ms", "10")).getLong("reconnect.backoff.max.ms"))
          .isEqualTo(10);
    }
  }

  @Nested
  class Builder {

    @Test
    void typedSettersMapToTheOfficialKeys() {
      ProducerConfig config =
          ProducerConfig.builder()
              .bootstrapServers("b:9092")
              .clientId("app")
              .acks("1")
              .lingerMs(50)
              .batchSizeBytes(65536)
              .bufferMemoryBytes(64L << 20)
              .maxBlockMs(1000)
              .deliveryTimeoutMs(200_000)
              .requestTimeoutMs(40_000)
              .retries(3)
              .enableIdempotence(false)
              .compressionType("zstd")
              .maxInFlightRequestsPerConnection(10)
              .maxRequestSizeBytes(2 << 20)
              .set("partitioner.ignore.keys", "true")
              .setAll(Map.of("metadata.max.age.ms", 1000))
              .build();

      Function<ProducerConfig, List<Object>> values =
          c ->
              List.of(
                  c.bootstrapServers(),
                  c.clientId(),
                  c.acks(),
                  c.lingerMs(),
                  c.batchSizeBytes(),
                  c.bufferMemoryBytes(),
                  c.maxBlockMs(),
                  c.deliveryTimeoutMs(),
                  c.requestTimeoutMs(),
                  c.retries(),
                  c.idempotenceEnabled(),
                  c.compressionType(),
                  c.maxInFlightRequestsPerConnection(),
                  c.maxRequestSizeBytes(),
                  c.partitionerIgnoreKeys(),
                  c.metadataMaxAgeMs());
      assertThat(values.apply(config))
          .containsExactly(
              List.of("b:9092"),
              "app",
              (short) 1,
              50L,
              65536,
              64L << 20,
              1000L,
              200_000,
              40_000,
              3,
              false,
              "zstd",
              10,
              2 << 20,
              true,
              1000L);
      assertThat(config.originals()).containsEntry("acks", "1").containsEntry("linger.ms", 50L);
    }

    @Test
    void transactionalBuilder() {
      ProducerConfig config =
          ProducerConfig.builder().bootstrapServers("b:1").transactionalId("orders-tx").build();

      assertThat(config.transactionalId()).isEqualTo("orders-tx");
      assertThat(config.idempotenceEnabled()).isTrue();
      assertThat(config.clientId()).isEqualTo("producer-orders-tx");
    }

    @Test
    void theBuilderValidatesToo() {
      assertThatThrownBy(() -> ProducerConfig.builder().build())
          .isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("bootstrap.servers"));
    }
  }
}
