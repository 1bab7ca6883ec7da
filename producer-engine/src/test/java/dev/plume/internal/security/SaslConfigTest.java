package dev.plume.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.ProducerConfig;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.Password;
import dev.plume.producer.security.SaslConfig;
import dev.plume.producer.security.TransportSecurity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaslConfigTest {

  private static final String SCRAM_JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"alice\" password=\"s3cr\\\"et;x\";";

  @Test
  void parsesKafkaJaasFormatWithQuotesAndEscapes() {
    SaslConfig config =
        SaslConfig.parse(Map.of("sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", SCRAM_JAAS));
    assertThat(config.mechanism()).isEqualTo("SCRAM-SHA-512");
    assertThat(config.username()).isEqualTo("alice");
    assertThat(config.password().value()).isEqualTo("s3cr\"et;x");
    assertThat(config.toString()).doesNotContain("s3cr");
  }

  @Test
  void unquotedValuesAndPlainModule() {
    SaslConfig config =
        SaslConfig.parse(
            Map.of(
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=bob"
                    + " password=pw ;"));
    assertThat(config.username()).isEqualTo("bob");
    assertThat(config.password().value()).isEqualTo("pw");
    byte[] message = new SaslClientFactory(config, null).newClient().initialResponse();
    assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("\0bob\0pw");
  }

  @Test
  void producerConfigToStringShowsNoSecret() {
    ProducerConfig config =
        ProducerConfig.from(
            Map.of(
                "bootstrap.servers", "localhost:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SCRAM_JAAS,
                "ssl.truststore.password", "trust-secret-9"));
    assertThat(config.toString()).doesNotContain("s3cr", "trust-secret-9");
    TransportSecurity security = config.transportSecurity();
    assertThat(security.sasl().orElseThrow().toString()).doesNotContain("s3cr").contains("alice");
    assertThat(security.ssl().orElseThrow().toString()).doesNotContain("trust-secret-9");
    assertThat(security.toString()).doesNotContain("s3cr", "trust-secret-9");
  }

  @Test
  void defaultMechanismGssapiIsRefusedWithAHint() {
    assertThatThrownBy(
            () ->
                ProducerConfig.from(
                    Map.of(
                        "bootstrap.servers", "localhost:9092",
                        "security.protocol", "SASL_SSL")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sasl.mechanism")
        .hasMessageContaining("GSSAPI");
  }

  @Test
  void mismatchedLoginModuleIsRefused() {
    assertThatThrownBy(
            () ->
                SaslConfig.parse(Map.of("sasl.mechanism", "PLAIN", "sasl.jaas.config", SCRAM_JAAS)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PlainLoginModule")
        .hasMessageNotContaining("s3cr");
  }

  @Test
  void malformedJaasNeverEchoesThePassword() {
    assertThatThrownBy(
            () ->
                SaslConfig.parse(
                    Map.of(
                        "sasl.mechanism",
                        "PLAIN",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"a\" password=\"leaked-secret;")))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("leaked-secret");
  }

  /** RFC 7677 section 3 test vector (SCRAM-SHA-256, user "user", password "pencil"). */
  @Test
  void scramSha256MatchesTheRfc7677Example() {
    ScramSaslClient client =
        new ScramSaslClient("SCRAM-SHA-256", "user", Password.of("pencil"), "rOprNGfwEbeRWgbNEkqO");
    assertThat(new String(client.initialResponse(), StandardCharsets.UTF_8))
        .isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    byte[] clientFinal =
        client.evaluate(
            ("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(new String(clientFinal, StandardCharsets.UTF_8))
        .isEqualTo(
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    assertThat(
            client.evaluate(
                "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.UTF_8)))
        .isNull();
    assertThat(client.isComplete()).isTrue();
  }

  @Test
  void scramRejectsAWrongServerSignature() {
    ScramSaslClient client =
        new ScramSaslClient("SCRAM-SHA-256", "user", Password.of("pencil"), "rOprNGfwEbeRWgbNEkqO");
    client.initialResponse();
    client.evaluate(
        ("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                client.evaluate(
                    "v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void scramRejectsANonceThatDoesNotExtendOursAndFewIterations() {
    ScramSaslClient client =
        new ScramSaslClient("SCRAM-SHA-512", "user", Password.of("pencil"), "abc");
    client.initialResponse();
    assertThatThrownBy(
            () -> client.evaluate("r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".getBytes()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("nonce");
    ScramSaslClient weak =
        new ScramSaslClient("SCRAM-SHA-512", "user", Password.of("pencil"), "abc");
    weak.initialResponse();
    assertThatThrownBy(() -> weak.evaluate("r=abc123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1".getBytes()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("iteration");
  }

  @Test
  void scramEscapesCommaAndEqualsInUserNames() {
    assertThat(ScramSaslClient.saslName("a,b=c")).isEqualTo("a=2Cb=3Dc");
  }
}
