package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.security.SslContextProvider;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the README lists as not supported fails at construction, naming the key. */
class PlumeKafkaProducerConfigTest {

  private static Map<String, Object> base() {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", "127.0.0.1:1");
    c.put("key.serializer", StringSerializer.class);
    c.put("value.serializer", StringSerializer.class.getName());
    return c;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ssl.engine.factory.class",
        "security.providers",
        "sasl.client.callback.handler.class",
        "sasl.login.callback.handler.class",
        "sasl.login.class",
        "sasl.oauthbearer.token.endpoint.url"
      })
  void settingsThatLoadCodeThePlumeEngineHasNoPlaceForAreRefused(String key) {
    Map<String, Object> c = base();
    // Values Kafka's own validation accepts (a class that exists), so the refusal is ours.
    c.put(
        key,
        key.endsWith("url")
            ? "https://idp.example.com/token"
            : key.equals("security.providers") ? "com.example.Provider" : "java.lang.Object");
    assertThatThrownBy(() -> new PlumeKafkaProducer<String, String>(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("not supported by PlumeKafkaProducer");
  }

  @Test
  void anSslContextProviderInstanceIsAcceptedInPlaceOfAnSslEngineFactory() throws Exception {
    Map<String, Object> c = base();
    c.put("security.protocol", "SSL");
    SSLContext context = SSLContext.getDefault();
    c.put("dev.plume.producer.security.SslContextProvider", (SslContextProvider) () -> context);
    try (PlumeKafkaProducer<String, String> producer = new PlumeKafkaProducer<>(c)) {
      assertThat(producer.metrics()).isNotEmpty();
    }
  }

  @Test
  void anSslContextProviderKeyWithAnotherValueIsRefused() {
    Map<String, Object> c = base();
    c.put("dev.plume.producer.security.SslContextProvider", "not a provider");
    assertThatThrownBy(() -> new PlumeKafkaProducer<String, String>(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dev.plume.producer.security.SslContextProvider");
  }

  @Test
  void kerberosIsRefusedNamingTheMechanismsThatWork() {
    Map<String, Object> c = base();
    c.put("security.protocol", "SASL_PLAINTEXT");
    c.put("sasl.mechanism", "GSSAPI");
    assertThatThrownBy(() -> new PlumeKafkaProducer<String, String>(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sasl.mechanism")
        .hasMessageContaining("SCRAM-SHA-512");
  }

  @Test
  void kafkasOwnValidationComesFirst() {
    Map<String, Object> c = base();
    c.put("linger.ms", -5);
    assertThatThrownBy(() -> new PlumeKafkaProducer<String, String>(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("linger.ms");
  }

  @Test
  void aMissingSerializerIsReportedAsKafkaDoes() {
    Map<String, Object> c = base();
    c.remove("value.serializer");
    assertThatThrownBy(() -> new PlumeKafkaProducer<String, String>(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("value.serializer");
  }

  @Test
  void theEnginesOwnJmxIsOffBecauseTheAdapterRegistersKafkasReporters() {
    Map<String, Object> c = base();
    c.put("metric.reporters", "org.apache.kafka.common.metrics.JmxReporter");
    c.put("linger.ms", 7);
    Map<String, Object> engine =
        EngineConfigs.from(
            new org.apache.kafka.clients.producer.ProducerConfig(c), "producer-test");
    assertThat(engine)
        .containsEntry("metric.reporters", "")
        .containsEntry("linger.ms", 7)
        .containsEntry("client.id", "producer-test")
        .doesNotContainKey("key.serializer");
  }
}
