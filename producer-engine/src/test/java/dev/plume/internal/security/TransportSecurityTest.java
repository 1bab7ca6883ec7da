package dev.plume.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.ProducerConfig;
import dev.plume.producer.security.SslConfig;
import dev.plume.producer.security.TransportSecurity;
import dev.plume.producer.security.TransportSecurity.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security mode is explicit: settings are present exactly when the protocol uses them. */
class TransportSecurityTest {

  private static final String PLAIN_JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
          + " password=\"p\";";

  @Test
  void eachProtocolCarriesExactlyTheSettingsItUses() {
    for (Protocol protocol : Protocol.values()) {
      ProducerConfig config =
          ProducerConfig.from(
              Map.of(
                  "bootstrap.servers",
                  "localhost:9092",
                  "security.protocol",
                  protocol.name().toLowerCase(java.util.Locale.ROOT),
                  "sasl.mechanism",
                  "PLAIN",
                  "sasl.jaas.config",
                  PLAIN_JAAS));
      TransportSecurity security = config.transportSecurity();

      assertThat(security.protocol()).isEqualTo(protocol);
      assertThat(config.securityProtocol()).isEqualTo(protocol.name());
      assertThat(security.ssl().isPresent()).as("%s ssl", protocol).isEqualTo(protocol.usesTls());
      assertThat(security.sasl().isPresent())
          .as("%s sasl", protocol)
          .isEqualTo(protocol.usesSasl());
    }
  }

  @Test
  void settingsOfAnotherModeAreNotRead() {
    // A bad ssl.* value is not an error while no TLS is used, as in Kafka.
    ProducerConfig config =
        ProducerConfig.from(
            Map.of("bootstrap.servers", "localhost:9092", "ssl.keystore.type", "NOPE"));

    assertThat(config.transportSecurity()).isEqualTo(TransportSecurity.plaintext());
    assertThat(config.transportSecurity().ssl()).isEmpty();
  }

  @Test
  void factoriesRequireTheSettingsTheirProtocolUses() {
    SslConfig ssl = SslConfig.defaults();

    assertThat(TransportSecurity.ssl(ssl).protocol()).isEqualTo(Protocol.SSL);
    assertThat(TransportSecurity.ssl(ssl).ssl()).contains(ssl);
    assertThat(TransportSecurity.plaintext().toString()).isEqualTo("TransportSecurity{PLAINTEXT}");
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> TransportSecurity.ssl(null));
  }
}
