package dev.plume.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.ProducerConfig;
import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.SslConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SslConfigTest {

  @Test
  void defaultsAreKafkas() {
    SslConfig config = SslConfig.defaults();
    assertThat(config.protocol()).isEqualTo("TLSv1.3");
    assertThat(config.enabledProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(config.keystoreType()).isEqualTo("JKS");
    assertThat(config.truststoreType()).isEqualTo("JKS");
    assertThat(config.endpointIdentificationAlgorithm()).isEqualTo("https");
    assertThat(config.verifiesHostname()).isTrue();
    assertThat(config.keystoreLocation()).isNull();
    assertThat(config.truststoreLocation()).isNull();
  }

  @Test
  void emptyEndpointIdentificationDisablesHostnameVerification() {
    SslConfig config = SslConfig.parse(Map.of("ssl.endpoint.identification.algorithm", ""));
    assertThat(config.verifiesHostname()).isFalse();
  }

  @Test
  void unknownEndpointIdentificationAlgorithmIsRefused() {
    assertThatThrownBy(
            () -> SslConfig.parse(Map.of("ssl.endpoint.identification.algorithm", "ldaps")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ssl.endpoint.identification.algorithm");
  }

  @Test
  void toStringAndErrorsNeverShowSecrets() {
    SslConfig config =
        SslConfig.parse(
            Map.of(
                "ssl.keystore.password", "ks-secret-1",
                "ssl.key.password", "key-secret-2",
                "ssl.truststore.password", "ts-secret-3",
                "ssl.keystore.type", "pkcs12"));
    assertThat(config.toString())
        .doesNotContain("ks-secret-1", "key-secret-2", "ts-secret-3")
        .contains("[hidden]");
    assertThat(config.keystoreType()).isEqualTo("PKCS12");
    assertThat(config.keystorePassword().value()).isEqualTo("ks-secret-1");
  }

  @Test
  void wrongStorePasswordFailsAtConstructionWithoutTheSecret() throws Exception {
    java.nio.file.Path store = java.nio.file.Files.createTempFile("plume-ts", ".p12");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (var out = java.nio.file.Files.newOutputStream(store)) {
      ks.store(out, "right-password".toCharArray());
    }
    SslConfig config =
        SslConfig.parse(
            Map.of(
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", store.toString(),
                "ssl.truststore.password", "wrong-password-xyz"));
    assertThatThrownBy(() -> new SslEngineFactory(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ssl.truststore.location")
        .hasMessageNotContaining("wrong-password-xyz");
    java.nio.file.Files.delete(store);
  }

  @Test
  void inlinePemKeyWithoutChainIsRefused() {
    assertThatThrownBy(
            () ->
                SslConfig.parse(
                    Map.of("ssl.keystore.type", "PEM", "ssl.keystore.key", "-----BEGIN ...")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ssl.keystore.certificate.chain");
  }

  @Test
  void producerConfigParsesSslSettingsOnlyForTlsProtocols() {
    ProducerConfig ssl =
        ProducerConfig.from(
            Map.of(
                "bootstrap.servers", "localhost:9093",
                "security.protocol", "SSL",
                "ssl.enabled.protocols", "TLSv1.3"));
    assertThat(ssl.transportSecurity().ssl()).isPresent();
    assertThat(ssl.transportSecurity().ssl().orElseThrow().enabledProtocols())
        .containsExactly("TLSv1.3");
    ProducerConfig plain = ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092"));
    assertThat(plain.transportSecurity().ssl()).isEmpty();
  }
}
