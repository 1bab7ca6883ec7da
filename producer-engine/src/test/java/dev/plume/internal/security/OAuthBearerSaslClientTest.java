package dev.plume.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SaslConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthBearerSaslClientTest {

  @Test
  void initialResponseCarriesAnUnsignedTokenForTheSubject() {
    OAuthBearerSaslClient client =
        OAuthBearerSaslClient.unsecured("ali\"ce", 3_600_000, () -> 1_700_000_000_123L);
    String message = new String(client.initialResponse(), StandardCharsets.UTF_8);
    assertThat(message).startsWith("n,,\u0001auth=Bearer ").endsWith("\u0001\u0001");
    String token = message.substring("n,,\u0001auth=Bearer ".length(), message.length() - 2);
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[2]).isEmpty();
    Base64.Decoder b64 = Base64.getUrlDecoder();
    assertThat(new String(b64.decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"none\"}");
    assertThat(new String(b64.decode(parts[1]), StandardCharsets.UTF_8))
        .isEqualTo("{\"iat\":1700000000,\"exp\":1700003600,\"sub\":\"ali\\\"ce\"}");
  }

  @Test
  void emptyAnswerCompletesAndAnErrorIsAcknowledgedThenFails() {
    OAuthBearerSaslClient ok = OAuthBearerSaslClient.unsecured("a", 1000, () -> 0);
    ok.initialResponse();
    assertThat(ok.evaluate(new byte[0])).isNull();
    assertThat(ok.isComplete()).isTrue();

    OAuthBearerSaslClient refused = OAuthBearerSaslClient.unsecured("a", 1000, () -> 0);
    refused.initialResponse();
    assertThat(refused.evaluate("{\"status\":\"invalid_token\"}".getBytes())).containsExactly(0x01);
    assertThat(refused.isComplete()).isFalse();
    assertThatThrownBy(() -> refused.evaluate(new byte[0]))
        .isInstanceOf(AuthenticationException.class);
  }

  /** OAUTHBEARER with Kafka's login module and {@code options} (each with a leading space). */
  private static SaslConfig oauthBearer(String options) {
    return SaslConfig.parse(
        Map.of(
            "sasl.mechanism",
            "OAUTHBEARER",
            "sasl.jaas.config",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                + options
                + ";"));
  }

  @Test
  void jaasOptionsAreParsedAndOtherFlowsRefused() {
    SaslConfig config =
        oauthBearer(" unsecuredLoginStringClaim_sub=\"svc\" unsecuredLoginLifetimeSeconds=60");
    assertThat(config.username()).isEqualTo("svc");
    assertThat(config.tokenLifetimeMs()).isEqualTo(60_000);
    assertThat(new SaslClientFactory(config, null).newClient().mechanism())
        .isEqualTo("OAUTHBEARER");
    // Without the unsecured option the tokens must come from a provider: refused when none.
    SaslConfig providerOnly = oauthBearer("");
    assertThatThrownBy(() -> new SaslClientFactory(providerOnly, null).requireTokenSource())
        .hasMessageContaining("OAuthBearerTokenProvider")
        .hasMessageContaining("unsecuredLoginStringClaim_sub");
    assertThatThrownBy(new SaslClientFactory(providerOnly, null)::newClient)
        .hasMessageContaining("OAuthBearerTokenProvider");
  }

  @Test
  void aProviderTokenIsPresentedAndAskedForAgainOnEveryNewExchange() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    OAuthBearerTokenProvider provider = () -> "eyJ.token-" + calls.incrementAndGet() + ".sig";
    SaslConfig config = oauthBearer("");
    SaslClientFactory clients = new SaslClientFactory(config, provider);
    clients.requireTokenSource(); // accepted

    String first = new String(clients.newClient().initialResponse(), StandardCharsets.UTF_8);
    String second = new String(clients.newClient().initialResponse(), StandardCharsets.UTF_8);

    assertThat(first).isEqualTo("n,,\u0001auth=Bearer eyJ.token-1.sig\u0001\u0001");
    assertThat(second).contains("auth=Bearer eyJ.token-2.sig"); // a re-authentication: fresh
  }

  @Test
  void aProviderWithoutATokenFailsTheAuthenticationNotTheThread() {
    SaslMechanismClient client = new OAuthBearerSaslClient(() -> null);
    assertThatThrownBy(client::initialResponse)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no token");
  }
}
