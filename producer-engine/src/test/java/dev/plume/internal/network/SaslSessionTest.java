package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.security.SaslClientFactory;
import dev.plume.internal.security.SaslMechanismClient;
import dev.plume.producer.security.SaslConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaslSessionTest {

  private final SaslConfig config =
      SaslConfig.parse(
          Map.of(
              "sasl.mechanism",
              "PLAIN",
              "sasl.jaas.config",
              "org.apache.kafka.common.security.plain.PlainLoginModule required"
                  + " username=\"alice\" password=\"secret\";"));

  @Test
  void aSessionLifetimeSchedulesReauthenticationAt85To95PercentFromTheLastToken() {
    SaslSession session = new SaslSession(new SaslClientFactory(config, null).newClient());

    boolean reauthentication = session.authenticated(1_000, 10_000, () -> 0.5);

    assertThat(reauthentication).isFalse();
    assertThat(session.reauthAtMs()).isEqualTo(1_000 + 9_000);
    assertThat(new SaslSession(new SaslClientFactory(config, null).newClient()).reauthAtMs())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void withoutALifetimeThereIsNoReauthentication() {
    SaslSession session = new SaslSession(new SaslClientFactory(config, null).newClient());

    session.authenticated(1_000, 0, () -> 0.5);

    assertThat(session.reauthAtMs()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aRestartTakesAFreshClientAndTheNextExchangeCountsAsAReauthentication() {
    SaslSession session = new SaslSession(new SaslClientFactory(config, null).newClient());
    session.authenticated(1_000, 10_000, () -> 0.0);
    assertThat(session.reauthAtMs()).isEqualTo(1_000 + 8_500);

    session.markReauthDue();
    assertThat(session.reauthDue()).isTrue();
    SaslMechanismClient fresh = new SaslClientFactory(config, null).newClient();
    session.restart(fresh);

    assertThat(session.reauthDue()).isFalse();
    assertThat(session.client()).isSameAs(fresh);
    assertThat(session.authenticated(20_000, 0, () -> 0.5)).isTrue();
  }
}
