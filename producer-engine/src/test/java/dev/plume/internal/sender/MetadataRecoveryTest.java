package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.BOOTSTRAP;
import static dev.plume.internal.sender.SenderFixture.N1;
import static dev.plume.internal.sender.SenderFixture.N2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.MetadataResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * metadata.recovery.strategy (KIP-899), metadata.recovery.rebootstrap.trigger.ms and
 * REBOOTSTRAP_REQUIRED (KIP-1102), and probing while idle, with kafka-clients 4.1's rules.
 */
class MetadataRecoveryTest {

  private static SenderFixture fixture(boolean rebootstrap, long triggerMs) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    o.rebootstrap = rebootstrap;
    o.rebootstrapTriggerMs = triggerMs;
    SenderFixture f = new SenderFixture(o).startUp();
    // Connected to both brokers, past the refresh backoff of the startup refresh.
    f.advance(200);
    f.client.ready(N1, f.clock.nowMs());
    f.client.ready(N2, f.clock.nowMs());
    return f;
  }

  private static List<Integer> metadataDestinations(SenderFixture f, int from) {
    List<SentRequest> sent = f.client.sentRequests(ApiKey.METADATA);
    return sent.subList(from, sent.size()).stream().map(r -> r.destination().id()).toList();
  }

  @Test
  void rebootstrapAsksTheBootstrapAddressWhenEveryKnownBrokerIsUnavailable() {
    SenderFixture f = fixture(true, 300_000);
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.client.backoff(N1, 60_000);
    f.client.backoff(N2, 60_000);

    f.runOnce(); // the lost connection asks for a refresh
    f.runOnce();

    assertThat(metadataDestinations(f, before)).contains(BOOTSTRAP.id());
    // and the answer from the bootstrap address brings the brokers back
    assertThat(f.metadata.snapshot().nodes()).containsKeys(1, 2);
  }

  @Test
  void noneKeepsAskingOnlyTheKnownBrokers() {
    SenderFixture f = fixture(false, 300_000);
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.client.backoff(N1, 5_000);
    f.client.backoff(N2, 5_000);

    for (int i = 0; i < 10; i++) {
      f.runOnce();
      f.advance(1_000);
    }

    List<Integer> asked = metadataDestinations(f, before);
    assertThat(asked).isNotEmpty().doesNotContain(BOOTSTRAP.id());
  }

  @Test
  void idleProducerProbesAgainAfterLosingItsConnectionWithinTheBackoff() {
    SenderFixture f = fixture(false, 300_000);
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.client.backoff(N1, 2_000);
    f.client.backoff(N2, 2_000);
    for (int i = 0; i < 50; i++) {
      f.runOnce();
      // Waits in poll instead of spinning while every broker backs off.
      assertThat(f.client.lastPollTimeoutMs()).isPositive();
    }
    assertThat(metadataDestinations(f, before)).isEmpty(); // every broker backing off
    f.advance(2_001);
    f.runOnce();
    // No record was sent, yet the producer asked again once the backoff ended.
    assertThat(metadataDestinations(f, before)).isNotEmpty();
    assertThat(f.client.lastPollTimeoutMs()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void triggerRebootstrapsWhenNoRefreshSucceedsForTriggerMs() {
    SenderFixture f = fixture(true, 1_000);
    f.client.stopResponding(ApiKey.METADATA);
    f.metadata.requestUpdate();
    f.runOnce();
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.advance(600);
    f.runOnce();
    assertThat(metadataDestinations(f, before)).isEmpty(); // still waiting for the answer
    f.advance(600); // 1,200 ms since the refresh was due, none succeeded
    f.runOnce(); // disconnects the known brokers and rebootstraps
    f.advance(200); // the failed request's refresh backoff
    f.runOnce();

    assertThat(metadataDestinations(f, before)).contains(BOOTSTRAP.id());
    assertThat(f.metadata.snapshot().nodes()).isEmpty();
  }

  @Test
  void rebootstrapRequiredFromTheClusterRebootstrapsAtTheNextRound() {
    SenderFixture f = fixture(true, 300_000);
    f.client.stopResponding(ApiKey.METADATA);
    f.client.prepareResponse(ApiKey.METADATA, rebootstrapRequired());
    f.metadata.requestUpdate();
    f.runOnce(); // answered with REBOOTSTRAP_REQUIRED
    assertThat(f.metadata.snapshot().nodes()).containsKeys(1, 2); // response not applied
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.advance(200);
    f.runOnce();
    f.runOnce();

    assertThat(f.metadata.snapshot().nodes()).isEmpty();
    assertThat(metadataDestinations(f, before)).containsExactly(BOOTSTRAP.id());
  }

  @Test
  void rebootstrapRequiredIsIgnoredWithNone() {
    SenderFixture f = fixture(false, 300_000);
    f.client.stopResponding(ApiKey.METADATA);
    f.client.prepareResponse(ApiKey.METADATA, rebootstrapRequired());
    f.metadata.requestUpdate();
    f.runOnce();
    int before = f.client.sentRequests(ApiKey.METADATA).size();
    f.advance(200);
    f.runOnce();
    f.runOnce();

    assertThat(f.metadata.snapshot().nodes()).containsKeys(1, 2);
    assertThat(metadataDestinations(f, before)).isNotEmpty().doesNotContain(BOOTSTRAP.id());
  }

  private static MetadataResponse rebootstrapRequired() {
    return new MetadataResponse(
        0, List.of(), null, -1, List.of(), Integer.MIN_VALUE, Errors.REBOOTSTRAP_REQUIRED.code());
  }
}
