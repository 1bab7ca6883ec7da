package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.message.FakeBrokerDecoders;
import dev.plume.internal.protocol.message.MetadataRequest;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.producer.errors.NetworkException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeNetworkClientTest {

  private final FakeNetworkClient client = new FakeNetworkClient(2);
  private final Node node = new Node(1, "b1", 9092);
  private final List<ClientResponse<MetadataResponse>> completed = new ArrayList<>();

  private ClientRequest<MetadataResponse> metadata() {
    return ClientRequest.of(
        node, MetadataRequest.forTopicNames(List.of("t")), MetadataResponse::read, completed::add);
  }

  private static MetadataResponse response(String clusterId) {
    return new MetadataResponse(0, List.of(), clusterId, 1, List.of(), 0, (short) 0);
  }

  @Test
  void preparedResponsesAnswerMatchingRequestsInsidePollOnly() {
    client.prepareResponse(ApiKey.METADATA, response("a"));
    client.prepareEncodedResponse(ApiKey.METADATA, response("b"));
    assertThat(client.ready(node, 0)).isTrue();
    client.send(metadata(), 0);
    client.send(metadata(), 5);
    assertThat(completed).isEmpty();
    client.poll(0, 10);
    assertThat(completed).extracting(r -> r.body().clusterId()).containsExactly("a", "b");
    assertThat(completed.get(1).latencyMs()).isEqualTo(5);
    assertThat(client.lastSent().decode(FakeBrokerDecoders::readMetadataRequest).topics())
        .extracting(MetadataRequest.Topic::name)
        .containsExactly("t");
    assertThat(client.lastSent().version()).isEqualTo(ApiKey.METADATA.maxVersion());
  }

  @Test
  void unansweredRequestsStayInFlightAndLimitReadiness() {
    client.ready(node, 0);
    client.send(metadata(), 0);
    client.send(metadata(), 0);
    assertThat(client.ready(node, 0)).isFalse();
    client.respondToNext(response("x"));
    client.poll(0, 0);
    assertThat(completed).hasSize(1);
    assertThat(client.ready(node, 0)).isTrue();
    client.disconnect(node);
    client.poll(0, 0);
    assertThat(completed.get(1).disconnected()).isTrue();
    assertThat(completed.get(1).error()).isInstanceOf(NetworkException.class);
  }

  @Test
  void mismatchedPreparedResponseFailsLoudly() {
    client.prepareResponse(ApiKey.PRODUCE, "nope");
    client.ready(node, 0);
    assertThatThrownBy(() -> client.send(metadata(), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void backoffAndBlockedNodesAreNotReady() {
    client.backoff(node, 100);
    assertThat(client.ready(node, 50)).isFalse();
    assertThat(client.connectionDelayMs(node, 50)).isEqualTo(50);
    assertThat(client.connectionFailed(node)).isTrue();
    assertThat(client.ready(node, 100)).isTrue();
    client.setNodeReady(node, false);
    assertThat(client.ready(node, 200)).isFalse();
    assertThat(client.leastLoadedNode(List.of(node), 200)).isNull();
  }

  @Test
  void scriptedDisconnectAndTimeout() {
    client.prepareDisconnect(ApiKey.METADATA);
    client.ready(node, 0);
    client.send(metadata(), 0);
    client.send(metadata(), 0);
    client.timeOutInFlight(node);
    client.poll(0, 0);
    assertThat(completed).hasSize(2);
    assertThat(completed.get(0).disconnected()).isTrue();
    assertThat(completed.get(0).timedOut()).isFalse();
    assertThat(completed.get(1).timedOut()).isTrue();
  }
}
