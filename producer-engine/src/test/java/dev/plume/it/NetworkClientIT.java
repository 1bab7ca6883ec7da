package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.clock.Clock;
import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.NetworkConfig;
import dev.plume.internal.network.NetworkEnvironment;
import dev.plume.internal.network.NioNetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.message.MetadataRequest;
import dev.plume.internal.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The network client against a real broker: connect, ApiVersions handshake, Metadata. */
class NetworkClientIT {

  private static final long WAIT_MS = 30_000;

  private static void pollUntil(NioNetworkClient client, String what, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
      client.poll(100, System.currentTimeMillis());
    }
    assertThat(done.getAsBoolean()).as(what).isTrue();
  }

  private static void connect(NioNetworkClient client, Node node) {
    pollUntil(client, "connected to " + node, () -> client.ready(node, System.currentTimeMillis()));
  }

  @Test
  void handshakesAndGetsMetadataFromARealBroker() {
    List<Node> bootstrap = Node.bootstrap(Arrays.asList(TestBrokers.bootstrapServers().split(",")));
    NetworkConfig config = NetworkConfig.defaults("plume-network-it");
    try (NioNetworkClient client =
        new NioNetworkClient(config, NetworkEnvironment.of(Clock.system()))) {
      Node node = bootstrap.get(0);
      connect(client, node);
      assertThat(client.stats().total().requestsSent())
          .as("ApiVersions v4 accepted at once, no fallback")
          .isEqualTo(1);
      assertThat(client.apiVersion(node, ApiKey.METADATA)).isGreaterThanOrEqualTo((short) 12);
      assertThat(client.apiVersion(node, ApiKey.PRODUCE)).isGreaterThanOrEqualTo((short) 11);

      List<ClientResponse<MetadataResponse>> responses = new ArrayList<>();
      client.send(
          ClientRequest.of(
              node,
              MetadataRequest.forTopicNames(List.of("network-it")),
              MetadataResponse::read,
              responses::add),
          System.currentTimeMillis());
      pollUntil(client, "metadata answered", () -> !responses.isEmpty());

      ClientResponse<MetadataResponse> response = responses.get(0);
      assertThat(response.error()).isNull();
      assertThat(response.apiVersion()).isEqualTo(client.apiVersion(node, ApiKey.METADATA));
      MetadataResponse metadata = response.body();
      assertThat(metadata.clusterId()).isNotBlank();
      assertThat(metadata.brokers()).isNotEmpty();
      assertThat(metadata.topics()).extracting(MetadataResponse.Topic::name).contains("network-it");

      // The broker as metadata names it: a second connection under its real node id.
      MetadataResponse.Broker broker = metadata.brokers().get(0);
      Node real = new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack());
      connect(client, real);
      assertThat(client.stats().connectionsCreated()).isEqualTo(2);
      assertThat(client.stats().openConnections()).isEqualTo(2);
      assertThat(client.stats().total().responsesReceived()).isEqualTo(3);
      assertThat(client.stats().total().bytesReceived()).isPositive();
    }
  }
}
