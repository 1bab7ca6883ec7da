package dev.plume.kafka;

import dev.plume.producer.security.SslContextProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SecurityConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * The engine's configuration from Kafka's parsed {@link ProducerConfig}: the resolved originals
 * (config provider placeholders already replaced), without the entries this adapter handles itself
 * (plug-in classes, metrics), and with the client id Kafka derived.
 */
final class EngineConfigs {

  /** Handled by the adapter through kafka-clients' own classes; the engine never sees them. */
  private static final Set<String> ADAPTER_KEYS =
      Set.of(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.PARTITIONER_CLASS_CONFIG,
          ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
          ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG,
          ProducerConfig.METRICS_NUM_SAMPLES_CONFIG,
          ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG,
          ProducerConfig.METRICS_RECORDING_LEVEL_CONFIG,
          "auto.include.jmx.reporter",
          "enable.metrics.push",
          "config.providers",
          EngineConfigs.SSL_CONTEXT_PROVIDER);

  /**
   * Settings that load code the engine has no place for (its TLS, SASL and OAuth support is its
   * own). Refused rather than silently ignored: a user who set them relies on them.
   */
  static final List<String> UNSUPPORTED_KEYS =
      List.of(
          SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG,
          SecurityConfig.SECURITY_PROVIDERS_CONFIG,
          SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS,
          SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
          SaslConfigs.SASL_LOGIN_CLASS,
          "sasl.oauthbearer.token.endpoint.url");

  /**
   * Key of an optional {@link SslContextProvider} instance in the configuration map, the TLS
   * context source of frameworks that manage TLS material themselves (Spring Boot SSL bundles).
   */
  static final String SSL_CONTEXT_PROVIDER = "dev.plume.producer.security.SslContextProvider";

  private EngineConfigs() {}

  /** The configured {@link #SSL_CONTEXT_PROVIDER}, or null (then the ssl.* stores are read). */
  static SslContextProvider sslContextProvider(ProducerConfig kafka) {
    Object provider = kafka.originals().get(SSL_CONTEXT_PROVIDER);
    kafka.ignore(SSL_CONTEXT_PROVIDER); // read here: not an "unknown config" in logUnused
    if (provider == null || provider instanceof SslContextProvider) {
      return (SslContextProvider) provider;
    }
    throw new ConfigException(
        SSL_CONTEXT_PROVIDER, provider, "must be a " + SslContextProvider.class.getName());
  }

  static Map<String, Object> from(ProducerConfig kafka, String clientId) {
    Map<String, Object> originals = kafka.originals();
    for (String key : UNSUPPORTED_KEYS) {
      if (originals.get(key) != null) {
        throw new ConfigException(
            key,
            originals.get(key),
            "is not supported by PlumeKafkaProducer (the Plume engine has its own TLS, SASL"
                + " PLAIN/SCRAM/OAUTHBEARER support); remove it or use KafkaProducer");
      }
    }
    Object twoPhase = originals.get("transaction.two.phase.commit.enable");
    if (twoPhase != null && Boolean.parseBoolean(String.valueOf(twoPhase))) {
      throw new ConfigException(
          "transaction.two.phase.commit.enable",
          twoPhase,
          "is not supported by PlumeKafkaProducer (two-phase commit, KIP-939)");
    }
    Map<String, Object> engine = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : originals.entrySet()) {
      String key = e.getKey();
      if (ADAPTER_KEYS.contains(key)
          || key.startsWith("config.providers.")
          || key.startsWith(CommonClientConfigs.METRICS_CONTEXT_PREFIX)) {
        continue;
      }
      Object value = e.getValue();
      engine.put(key, value instanceof Password p ? p.value() : value);
    }
    engine.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // The adapter's Metrics registry runs Kafka's own reporters (JmxReporter by default) under the
    // same kafka.producer MBean names as the engine's JMX: one set is enough, so the engine's is
    // off.
    engine.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    // The engine reads these: mark them used, so Kafka's "supplied but isn't a known config"
    // warning (logUnused) names only keys nobody reads, as with KafkaProducer.
    Set<String> known = ProducerConfig.configNames();
    for (String key : engine.keySet()) {
      if (known.contains(key)) {
        kafka.ignore(key);
      }
    }
    return engine;
  }
}
