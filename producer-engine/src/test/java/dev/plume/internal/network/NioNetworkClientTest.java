package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.clock.ManualClock;
import dev.plume.internal.network.ScriptedBroker.Peer;
import dev.plume.internal.network.ScriptedBroker.Request;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.message.ApiVersionsResponse;
import dev.plume.internal.protocol.message.MetadataRequest;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.ProtocolViolationException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against a scripted loopback broker. Time is a {@link ManualClock}: every timeout,
 * backoff and idle expiry moves only when the test advances it. Waiting for socket events uses
 * bounded {@code poll} calls (a select returns as soon as bytes arrive), never sleeps.
 */
class NioNetworkClientTest {

  private final ManualClock clock = new ManualClock(1_000_000);
  private final ScriptedBroker broker = new ScriptedBroker();
  private final List<ClientResponse<?>> completed = new ArrayList<>();
  private NioNetworkClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    broker.close();
  }

  private NetworkConfig config() {
    // Jitter is pinned to a factor of 1.0 by the environment's random (0.5).
    return new NetworkConfig(
        "test-client", 3, 30_000, 50, 1_000, 10_000, 30_000, 540_000, -1, -1, 1 << 20, true);
  }

  private NioNetworkClient newClient(NetworkConfig config) {
    return newClient(config, NetworkEnvironment.of(clock).withRandom(() -> 0.5));
  }

  private NioNetworkClient newClient(NetworkConfig config, NetworkEnvironment env) {
    client = new NioNetworkClient(config, env);
    return client;
  }

  private void pollUntil(String what, BooleanSupplier condition) {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      client.poll(50, clock.nowMs());
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /** Polls until {@code count} requests were handed to the socket and fully written. */
  private void pollUntilWritten(Node node, long count) {
    pollUntil(
        count + " requests written",
        () -> client.stats().total().requestsSent() == count && !client.hasPendingWrite(node.id()));
  }

  /** Connects {@code node} through the handshake; returns the broker side. */
  private Peer connectReady(Node node) {
    assertThat(client.ready(node, clock.nowMs())).isFalse();
    Peer peer = broker.accept();
    long before = client.stats().total().requestsSent();
    pollUntilWritten(node, before + 1);
    peer.answerApiVersions(ScriptedBroker.kafka41Ranges());
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));
    return peer;
  }

  private static MetadataResponse metadata(String clusterId) {
    return new MetadataResponse(
        0,
        List.of(new MetadataResponse.Broker(1, "b1", 9092, null)),
        clusterId,
        1,
        List.of(),
        Integer.MIN_VALUE,
        (short) 0);
  }

  private ClientRequest<MetadataResponse> metadataRequest(Node node) {
    return ClientRequest.of(
        node, MetadataRequest.forTopicNames(List.of("t")), MetadataResponse::read, completed::add);
  }

  @SuppressWarnings("unchecked")
  private ClientResponse<MetadataResponse> metadataResponse(int index) {
    return (ClientResponse<MetadataResponse>) completed.get(index);
  }

  // ------------------------------------------------------------------ reconnect on request

  @Test
  void closeWhenIdleLetsTheInFlightRequestFinishThenClosesAndReconnectsAfresh() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntilWritten(node, 2);
    Request inFlight = peer.readRequest();

    client.closeConnectionsWhenIdle();
    client.poll(0, clock.nowMs());
    assertThat(client.isReady(node, clock.nowMs()))
        .as("takes no new request while closing")
        .isFalse();
    assertThat(peer.isClosedByClient()).isFalse();

    peer.respond(inFlight, metadata("answered-on-the-old-connection"));
    pollUntil("answered", () -> completed.size() == 1);
    assertThat(metadataResponse(0).isSuccess()).isTrue();
    pollUntil("closed once idle", () -> client.stats().connectionsClosed() == 1);
    assertThat(peer.isClosedByClient()).isTrue();

    // No backoff: the next ready() connects again, through a new handshake.
    connectReady(node);
    assertThat(client.stats().connectionsCreated()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ handshake

  @Test
  void handshakeSendsApiVersionsV4WithSoftwareNameAndNegotiatesTheHighestCommonVersions() {
    newClient(config());
    Node node = broker.node(1);
    assertThat(client.ready(node, clock.nowMs())).isFalse();
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    Request request = peer.readRequest();
    assertThat(request.apiKey()).isEqualTo(ApiKey.API_VERSIONS);
    assertThat(request.version()).isEqualTo((short) 4);
    assertThat(request.header().clientId()).isEqualTo("test-client");
    var body = peer.apiVersionsBody(request);
    assertThat(body.clientSoftwareName()).isEqualTo("plume");
    assertThat(body.clientSoftwareVersion())
        .isEqualTo("0.1.0")
        .matches("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    assertThat(client.isReady(node, clock.nowMs())).isFalse();
    assertThat(client.connectionDelayMs(node, clock.nowMs())).isEqualTo(Long.MAX_VALUE);

    // A 3.x-like broker: Metadata up to 12, no Produce at all.
    List<ApiVersionRange> ranges =
        List.of(
            new ApiVersionRange(ApiKey.API_VERSIONS.id(), (short) 0, (short) 4),
            new ApiVersionRange(ApiKey.METADATA.id(), (short) 0, (short) 12));
    peer.respond(request, ScriptedBroker.apiVersionsResponse(ranges));
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));

    assertThat(client.apiVersion(node, ApiKey.METADATA)).isEqualTo((short) 12);
    assertThatThrownBy(() -> client.apiVersion(node, ApiKey.PRODUCE))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("PRODUCE");
    assertThat(client.connectionDelayMs(node, clock.nowMs())).isZero();
    assertThat(client.stats().connectionsCreated()).isEqualTo(1);
    assertThat(client.stats().openConnections()).isEqualTo(1);
  }

  @Test
  void apiVersionsRequestPassesTheOfficialBrokerSideValidation() {
    newClient(config());
    Node node = broker.node(1);
    client.ready(node, clock.nowMs());
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    ByteBuffer frame = ByteBuffer.wrap(peer.readRawFrame());

    // kafka-clients as the oracle: the header and body parse as a broker parses them, and the
    // software name and version pass the broker's regex check (else INVALID_REQUEST).
    org.apache.kafka.common.requests.RequestHeader header =
        org.apache.kafka.common.requests.RequestHeader.parse(frame);
    assertThat(header.apiKey()).isEqualTo(org.apache.kafka.common.protocol.ApiKeys.API_VERSIONS);
    assertThat(header.clientId()).isEqualTo("test-client");
    org.apache.kafka.common.requests.ApiVersionsRequest request =
        org.apache.kafka.common.requests.ApiVersionsRequest.parse(
            new org.apache.kafka.common.protocol.ByteBufferAccessor(frame), header.apiVersion());
    assertThat(request.isValid()).isTrue();
    assertThat(request.data().clientSoftwareName()).isEqualTo("plume");
    assertThat(frame.hasRemaining()).isFalse();
  }

  @Test
  void requestForAnApiTheBrokerLacksCompletesWithUnsupportedVersionAndIsNotSent() {
    newClient(config());
    Node node = broker.node(1);
    assertThat(client.ready(node, clock.nowMs())).isFalse();
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    // Metadata 0-3 (Kafka 0.11): our minimum is 4, the first with AllowAutoTopicCreation.
    peer.answerApiVersions(
        List.of(new ApiVersionRange(ApiKey.METADATA.id(), (short) 0, (short) 3)));
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));

    client.send(metadataRequest(node), clock.nowMs());
    assertThat(completed).as("never completed inside send").isEmpty();
    client.poll(0, clock.nowMs());

    assertThat(completed).hasSize(1);
    ClientResponse<MetadataResponse> response = metadataResponse(0);
    assertThat(response.error())
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("no common version of METADATA");
    assertThat(response.disconnected()).isFalse();
    assertThat(client.stats().total().requestsSent()).isEqualTo(1); // only ApiVersions
  }

  @Test
  void brokerNotKnowingApiVersionsV4AnswersInV0AndTheClientRetriesWithItsMax() {
    newClient(config());
    Node node = broker.node(1);
    client.ready(node, clock.nowMs());
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    Request first = peer.readRequest();
    assertThat(first.version()).isEqualTo((short) 4);

    // As a 3.8 broker does: error 35 with its own ApiVersions range, in the v0 body layout.
    ApiVersionsResponse unsupported =
        new ApiVersionsResponse(
            (short) 35,
            List.of(new ApiVersionRange(ApiKey.API_VERSIONS.id(), (short) 0, (short) 3)),
            0,
            List.of(),
            -1L,
            List.of(),
            false);
    peer.write(
        Peer.responseFrame(
            first.header().correlationId(),
            ApiKey.API_VERSIONS,
            (short) 4,
            (short) 0,
            unsupported));

    pollUntilWritten(node, 2);
    Request retry = peer.readRequest();
    assertThat(retry.apiKey()).isEqualTo(ApiKey.API_VERSIONS);
    assertThat(retry.version()).isEqualTo((short) 3);
    assertThat(peer.apiVersionsBody(retry).clientSoftwareName()).isEqualTo("plume");
    peer.respond(retry, ScriptedBroker.apiVersionsResponse(ScriptedBroker.kafka41Ranges()));
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));
    assertThat(client.apiVersion(node, ApiKey.PRODUCE)).isEqualTo(ApiKey.PRODUCE.maxVersion());
  }

  @Test
  void aKafka21BrokerOnlySpeakingApiVersionsUpToV2IsAskedAgainWithV2() {
    newClient(config());
    Node node = broker.node(1);
    client.ready(node, clock.nowMs());
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    Request first = peer.readRequest();
    ApiVersionsResponse unsupported =
        new ApiVersionsResponse(
            (short) 35,
            List.of(new ApiVersionRange(ApiKey.API_VERSIONS.id(), (short) 0, (short) 2)),
            0,
            List.of(),
            -1L,
            List.of(),
            false);
    peer.write(
        Peer.responseFrame(
            first.header().correlationId(),
            ApiKey.API_VERSIONS,
            (short) 4,
            (short) 0,
            unsupported));

    pollUntilWritten(node, 2);
    Request retry = peer.readRequest();
    assertThat(retry.apiKey()).isEqualTo(ApiKey.API_VERSIONS);
    assertThat(retry.version()).isEqualTo((short) 2);
    assertThat(retry.body()).isEmpty(); // v0-2 have no client software fields
    // What Kafka 2.1 advertises for the APIs a producer needs (v2 layout: classic array).
    List<ApiVersionRange> kafka21 =
        List.of(
            new ApiVersionRange(ApiKey.PRODUCE.id(), (short) 0, (short) 7),
            new ApiVersionRange(ApiKey.METADATA.id(), (short) 0, (short) 7),
            new ApiVersionRange(ApiKey.API_VERSIONS.id(), (short) 0, (short) 2),
            new ApiVersionRange(ApiKey.INIT_PRODUCER_ID.id(), (short) 0, (short) 1));
    peer.respond(retry, ScriptedBroker.apiVersionsResponse(kafka21));
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));
    assertThat(client.apiVersion(node, ApiKey.PRODUCE)).isEqualTo((short) 7);
    assertThat(client.apiVersion(node, ApiKey.METADATA)).isEqualTo((short) 7);
    assertThat(client.apiVersion(node, ApiKey.INIT_PRODUCER_ID)).isEqualTo((short) 1);
    assertThatThrownBy(() -> client.apiVersion(node, ApiKey.FIND_COORDINATOR))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("remove transactional.id");
  }

  // ------------------------------------------------------------------ requests and responses

  @Test
  void pipelinesUpToMaxInFlightAndMatchesResponsesInOrder() {
    newClient(config()); // max in flight 3
    Node node = broker.node(1);
    Peer peer = connectReady(node);

    List<Request> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertThat(client.ready(node, clock.nowMs())).isTrue();
      client.send(metadataRequest(node), clock.nowMs());
      assertThat(client.ready(node, clock.nowMs()))
          .as("not ready while the request is being written")
          .isFalse();
      int expected = i + 2;
      pollUntilWritten(node, expected);
      client.poll(0, clock.nowMs());
      received.add(peer.readRequest());
    }
    assertThat(client.inFlightRequestCount()).isEqualTo(3);
    assertThat(client.inFlightRequestCount(node.id())).isEqualTo(3);
    assertThat(client.ready(node, clock.nowMs())).as("max in flight reached").isFalse();
    assertThat(client.connectionDelayMs(node, clock.nowMs()))
        .as("busy, not backing off: wait for a poll event")
        .isEqualTo(Long.MAX_VALUE);
    assertThat(received).extracting(Request::apiKey).containsOnly(ApiKey.METADATA);
    assertThat(received.get(0).version()).isEqualTo(ApiKey.METADATA.maxVersion());

    clock.advanceMs(7);
    for (int i = 0; i < 3; i++) {
      peer.respond(received.get(i), metadata("cluster-" + i));
    }
    pollUntil("all answered", () -> completed.size() == 3);
    for (int i = 0; i < 3; i++) {
      ClientResponse<MetadataResponse> response = metadataResponse(i);
      assertThat(response.isSuccess()).isTrue();
      assertThat(response.body().clusterId()).isEqualTo("cluster-" + i);
      assertThat(response.nodeId()).isEqualTo(1);
      assertThat(response.apiVersion()).isEqualTo(ApiKey.METADATA.maxVersion());
      assertThat(response.latencyMs()).isEqualTo(7);
    }
    assertThat(client.inFlightRequestCount()).isZero();
    assertThat(client.ready(node, clock.nowMs())).isTrue();
    assertThat(client.stats().perNode().get(1).responsesReceived()).isEqualTo(4);
    assertThat(client.stats().total().requestLatencyMaxMs()).isEqualTo(7);
  }

  @Test
  void responseArrivingOneBytePerPollIsReassembled() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntilWritten(node, 2);
    client.poll(0, clock.nowMs());
    Request request = peer.readRequest();

    byte[] frame = Peer.responseFrame(request, metadata("slow"));
    TrafficStats nodeStats = client.stats().perNode().get(1);
    for (int i = 0; i < frame.length; i++) {
      long before = nodeStats.bytesReceived();
      peer.write(new byte[] {frame[i]});
      pollUntil("byte " + i + " read", () -> nodeStats.bytesReceived() == before + 1);
      if (i < frame.length - 1) {
        assertThat(completed).isEmpty();
      }
    }
    assertThat(completed).hasSize(1);
    assertThat(metadataResponse(0).body().clusterId()).isEqualTo("slow");
  }

  @Test
  void responsesArrivingTogetherIncludingOneLargerThanTheBufferAreAllHandled() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    List<Request> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      client.send(metadataRequest(node), clock.nowMs());
      pollUntilWritten(node, i + 2);
      received.add(peer.readRequest());
    }
    List<MetadataResponse.Broker> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add(new MetadataResponse.Broker(i, "broker-" + i + ".example.com", 9092, "rack-a"));
    }
    MetadataResponse large =
        new MetadataResponse(0, many, "large", 1, List.of(), Integer.MIN_VALUE, (short) 0);
    byte[] first = Peer.responseFrame(received.get(0), metadata("small-1"));
    byte[] second = Peer.responseFrame(received.get(1), large);
    byte[] third = Peer.responseFrame(received.get(2), metadata("small-3"));
    ByteBuffer all = ByteBuffer.allocate(first.length + second.length + third.length);
    peer.write(all.put(first).put(second).put(third).array());

    pollUntil("all answered", () -> completed.size() == 3);
    assertThat(completed)
        .extracting(r -> ((MetadataResponse) r.body()).clusterId())
        .containsExactly("small-1", "large", "small-3");
    assertThat(metadataResponse(1).body().brokers()).hasSize(2_000);
    assertThat(client.receiveBufferCapacity(node.id()))
        .as("grown to the largest frame, no further")
        .isEqualTo(second.length);
  }

  @Test
  void requestLargerThanTheSocketBuffersIsWrittenAcrossPollsWithAttachedBuffersUncopied() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);

    byte[] payload = new byte[8 << 20];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    ByteBuffer attached = ByteBuffer.wrap(payload);
    RequestBody body =
        (out, version) -> {
          out.writer().writeInt32(0xCAFE);
          out.appendBuffer(attached);
          out.writer().writeInt32(0xBEEF);
        };
    client.send(ClientRequest.oneWay(node, ApiKey.PRODUCE, body, completed::add), clock.nowMs());
    Request request =
        peer.readRequestPumping(
            () -> {
              client.poll(0, clock.nowMs());
              assertThat(client.ready(node, clock.nowMs()) && completed.isEmpty()).isFalse();
            });

    ByteBuffer received = ByteBuffer.wrap(request.body());
    assertThat(received.remaining()).isEqualTo(payload.length + 8);
    assertThat(received.getInt()).isEqualTo(0xCAFE);
    assertThat(received.slice(received.position(), payload.length))
        .isEqualTo(ByteBuffer.wrap(payload));
    assertThat(received.getInt(4 + payload.length)).isEqualTo(0xBEEF);
    assertThat(attached.position()).as("caller's buffer not moved").isZero();
    pollUntil("one-way request completed", () -> completed.size() == 1);
  }

  @Test
  void oneWayRequestCompletesOnceWrittenWithoutAResponse() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    clock.advanceMs(3);
    client.send(
        ClientRequest.oneWay(
            node, ApiKey.PRODUCE, (out, v) -> out.writer().writeInt32(42), completed::add),
        clock.nowMs());
    pollUntil("completed", () -> completed.size() == 1);

    ClientResponse<?> response = completed.get(0);
    assertThat(response.isSuccess()).isTrue();
    assertThat(response.body()).isNull();
    assertThat(response.disconnected()).isFalse();
    assertThat(client.inFlightRequestCount()).isZero();
    Request request = peer.readRequest();
    assertThat(request.apiKey()).isEqualTo(ApiKey.PRODUCE);
    assertThat(request.bodyReader().readInt32("x")).isEqualTo(42);
    assertThat(client.ready(node, clock.nowMs())).isTrue();
  }

  @Test
  void completionHandlerThatThrowsDoesNotBreakPollOrOtherCompletions() {
    newClient(config());
    Node node = broker.node(1);
    connectReady(node);
    client.send(
        ClientRequest.oneWay(
            node,
            ApiKey.PRODUCE,
            (out, v) -> out.writer().writeInt32(1),
            r -> {
              throw new IllegalStateException("handler bug");
            }),
        clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    client.send(
        ClientRequest.oneWay(
            node, ApiKey.PRODUCE, (o, v) -> o.writer().writeInt32(2), completed::add),
        clock.nowMs());
    pollUntil("second completed", () -> completed.size() == 1);
    assertThat(completed.get(0).isSuccess()).isTrue();
  }

  // ------------------------------------------------------------------ failures on a connection

  @Test
  void requestTimeoutClosesTheConnectionAndCompletesEveryRequestInFlightAsTimedOut() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    clock.advanceMs(10_000);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));

    clock.advanceMs(19_999);
    client.poll(0, clock.nowMs());
    assertThat(completed).as("first request has 1 ms left").isEmpty();
    clock.advanceMs(1);
    client.poll(0, clock.nowMs());

    assertThat(completed).hasSize(2);
    for (ClientResponse<?> response : completed) {
      assertThat(response.timedOut()).isTrue();
      assertThat(response.disconnected()).isTrue();
      assertThat(response.error())
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("30000 ms");
    }
    assertThat(client.inFlightRequestCount()).isZero();
    assertThat(peer.isClosedByClient()).isTrue();
    assertThat(client.connectionFailed(node)).isTrue();
    assertThat(client.connectionDelayMs(node, clock.nowMs())).isEqualTo(50);
    assertThat(client.stats().connectionsClosed()).isEqualTo(1);
  }

  @Test
  void tlsAlertAsFrameSizeClosesTheConnectionWithoutAllocatingItAndFailsInFlightRequests() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));

    peer.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
    pollUntil("closed", () -> completed.size() == 1);

    ClientResponse<?> response = completed.get(0);
    assertThat(response.disconnected()).isTrue();
    assertThat(response.timedOut()).isFalse();
    assertThat(response.error()).isInstanceOf(NetworkException.class);
    assertThat(client.connectionFailure(node))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("TLS");
    assertThat(client.receiveBufferCapacity(node.id())).isLessThan(1 << 16);
    assertThat(peer.isClosedByClient()).isTrue();
  }

  @Test
  void negativeOrOversizedFrameSizeClosesTheConnection() {
    NetworkConfig config = config();
    newClient(config);
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    peer.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
    pollUntil("closed", () -> client.connectionFailed(node));
    assertThat(client.connectionFailure(node)).hasMessageContaining("negative frame size -2");
    assertThat(peer.isClosedByClient()).isTrue();

    clock.advanceMs(client.connectionDelayMs(node, clock.nowMs()));
    Peer second = connectReady(node);
    int oversized = config.maxFrameBytes() + 1;
    second.write(ByteBuffer.allocate(4).putInt(oversized).array());
    pollUntil("closed", () -> client.connectionFailed(node));
    assertThat(client.connectionFailure(node))
        .hasMessageContaining("frame size " + oversized)
        .hasMessageContaining("exceeds the cap");
    assertThat(client.receiveBufferCapacity(node.id())).isLessThan(oversized);
  }

  @Test
  void correlationIdMismatchIsAProtocolViolationThatClosesTheConnection() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    Request request = peer.readRequest();

    peer.write(
        Peer.responseFrame(
            request.header().correlationId() + 1,
            ApiKey.METADATA,
            request.version(),
            metadata("wrong")));
    pollUntil("failed", () -> completed.size() == 1);
    assertThat(completed.get(0).disconnected()).isTrue();
    assertThat(client.connectionFailure(node))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("correlation id");
    assertThat(peer.isClosedByClient()).isTrue();
  }

  @Test
  void unparsableResponseFailsThatRequestAndTheOthersInFlightAndClosesTheConnection() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    Request first = peer.readRequest();

    ProtocolWriter w = new ProtocolWriter();
    int prefix = w.startSizePrefix();
    w.writeInt32(first.header().correlationId());
    w.writeEmptyTaggedFields();
    w.writeInt32(0); // throttle time, then the body stops short
    w.endSizePrefix(prefix);
    peer.write(w.toByteArray());

    pollUntil("both failed", () -> completed.size() == 2);
    assertThat(completed.get(0).disconnected()).isFalse();
    assertThat(completed.get(0).error())
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("cannot parse the METADATA");
    assertThat(completed.get(1).disconnected()).isTrue();
    assertThat(completed.get(1).error()).isInstanceOf(NetworkException.class);
    assertThat(peer.isClosedByClient()).isTrue();
  }

  @Test
  void brokerClosingTheConnectionFailsInFlightRequestsAndTheClientReconnectsAfterBackoff() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    peer.close();
    pollUntil("failed", () -> completed.size() == 1);
    assertThat(completed.get(0).disconnected()).isTrue();
    assertThat(completed.get(0).error()).isInstanceOf(NetworkException.class);

    assertThat(client.connectionDelayMs(node, clock.nowMs())).isEqualTo(50);
    assertThat(client.ready(node, clock.nowMs())).isFalse();
    clock.advanceMs(49);
    assertThat(client.ready(node, clock.nowMs())).as("still backing off").isFalse();
    assertThat(client.connectionFailed(node)).isTrue();
    clock.advanceMs(1);
    Peer again = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    again.respond(again.readRequest(), metadata("again"));
    pollUntil("answered", () -> completed.size() == 2);
    assertThat(metadataResponse(1).body().clusterId()).isEqualTo("again");
    assertThat(client.connectionFailure(node)).isNull();
    assertThat(client.stats().connectionsCreated()).isEqualTo(2);
  }

  @Test
  void disconnectFailsTheNodesRequestsAsDisconnectedInTheNextPoll() {
    newClient(config());
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));

    client.disconnect(node.id());
    assertThat(completed).isEmpty();
    client.poll(0, clock.nowMs());
    assertThat(completed).hasSize(1);
    assertThat(completed.get(0).disconnected()).isTrue();
    assertThat(completed.get(0).timedOut()).isFalse();
    assertThat(peer.isClosedByClient()).isTrue();
    assertThat(client.connectionDelayMs(node, clock.nowMs())).as("no backoff").isZero();
  }

  @Test
  void idleConnectionIsClosedAfterConnectionsMaxIdleWithoutBackoff() {
    NetworkConfig base = config();
    newClient(
        new NetworkConfig(
            base.clientId(), 3, 30_000, 50, 1_000, 10_000, 30_000, 1_000, -1, -1, 1 << 20, true));
    Node node = broker.node(1);
    Peer peer = connectReady(node);
    clock.advanceMs(999);
    client.poll(0, clock.nowMs());
    assertThat(client.isReady(node, clock.nowMs())).isTrue();
    clock.advanceMs(1);
    client.poll(0, clock.nowMs());
    assertThat(client.isReady(node, clock.nowMs())).isFalse();
    assertThat(peer.isClosedByClient()).isTrue();
    assertThat(client.connectionFailed(node)).isFalse();
    assertThat(client.connectionDelayMs(node, clock.nowMs())).isZero();
    assertThat(client.stats().openConnections()).isZero();
  }

  // ------------------------------------------------------------------ connecting

  @Test
  void refusedConnectionsBackOffExponentiallyUpToTheMax() throws IOException {
    Node node;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      node = new Node(1, "127.0.0.1", closed.getLocalPort(), null);
    }
    newClient(config());
    long[] expected = {50, 100, 200, 400, 800, 1000, 1000};
    for (long delay : expected) {
      assertThat(client.ready(node, clock.nowMs())).isFalse();
      pollUntil("refused", () -> client.connectionFailed(node));
      assertThat(client.connectionFailure(node))
          .isInstanceOf(NetworkException.class)
          .hasMessageContaining("cannot connect");
      assertThat(client.connectionDelayMs(node, clock.nowMs())).isEqualTo(delay);
      assertThat(client.leastLoadedNode(List.of(node), clock.nowMs())).isNull();
      clock.advanceMs(delay);
    }
    assertThat(client.stats().connectionFailures()).isEqualTo(expected.length);
    assertThat(client.stats().connectionsCreated()).isZero();
  }

  @Test
  void connectionSetupTimeoutFailsAConnectionWhoseHandshakeNeverCompletes() {
    newClient(config());
    Node node = broker.node(1);
    client.ready(node, clock.nowMs());
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    peer.readRequest(); // and never answer
    clock.advanceMs(9_999);
    client.poll(0, clock.nowMs());
    assertThat(client.connectionFailed(node)).isFalse();
    clock.advanceMs(1);
    client.poll(0, clock.nowMs());
    assertThat(client.connectionFailed(node)).isTrue();
    assertThat(client.connectionFailure(node))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("socket.connection.setup.timeout.ms");
    assertThat(peer.isClosedByClient()).isTrue();
  }

  @Test
  void withUseAllDnsIpsEveryAddressIsTriedInTurn() throws IOException {
    // 127.0.0.2 is loopback too but nothing listens there on the broker's port: refused.
    InetAddress refused = InetAddress.getByAddress("broker.test", new byte[] {127, 0, 0, 2});
    InetAddress listening = InetAddress.getByAddress("broker.test", new byte[] {127, 0, 0, 1});
    List<String> lookups = new ArrayList<>();
    HostResolver resolver =
        host -> {
          lookups.add(host);
          return new InetAddress[] {refused, listening};
        };
    newClient(config(), NetworkEnvironment.of(clock).withRandom(() -> 0.5).withResolver(resolver));
    Node node = new Node(1, "broker.test", broker.port(), null);

    assertThat(client.ready(node, clock.nowMs())).isFalse();
    pollUntil("first address refused", () -> client.stats().connectionFailures() == 1);
    Peer peer = broker.accept();
    pollUntilWritten(node, 1);
    peer.answerApiVersions(ScriptedBroker.kafka41Ranges());
    pollUntil("ready", () -> client.isReady(node, clock.nowMs()));
    assertThat(lookups).containsExactly("broker.test");
    assertThat(client.stats().connectionFailures()).isEqualTo(1);
  }

  @Test
  void unresolvableHostFailsWithTheHostNameAndBacksOff() {
    HostResolver resolver =
        host -> {
          throw new java.net.UnknownHostException(host);
        };
    newClient(config(), NetworkEnvironment.of(clock).withRandom(() -> 0.5).withResolver(resolver));
    Node node = new Node(1, "no-such-broker.invalid", 9092, null);
    assertThat(client.ready(node, clock.nowMs())).isFalse();
    assertThat(client.connectionFailed(node)).isTrue();
    assertThat(client.connectionFailure(node)).hasMessageContaining("no-such-broker.invalid");
    assertThat(client.connectionDelayMs(node, clock.nowMs())).isEqualTo(50);
  }

  @Test
  void leastLoadedNodePrefersIdleReadyNodesThenConnectableOnes() {
    newClient(config());
    Node ready = broker.node(1);
    Node fresh = new Node(2, "127.0.0.1", broker.port(), null);
    connectReady(ready);
    assertThat(client.leastLoadedNode(List.of(fresh, ready), clock.nowMs())).isEqualTo(ready);
    client.send(metadataRequest(ready), clock.nowMs());
    pollUntil("written", () -> client.ready(ready, clock.nowMs()));
    // Busy ready node still beats a node with no connection.
    assertThat(client.leastLoadedNode(List.of(fresh, ready), clock.nowMs())).isEqualTo(ready);
    assertThat(client.leastLoadedNode(List.of(fresh), clock.nowMs())).isEqualTo(fresh);
  }

  @Test
  void nodeWhoseAddressChangedIsReconnectedAtTheNewAddress() {
    newClient(config());
    Node node = broker.node(1);
    Peer old = connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));

    try (ScriptedBroker moved = new ScriptedBroker()) {
      Node relocated = moved.node(1);
      assertThat(client.ready(relocated, clock.nowMs())).isFalse();
      client.poll(0, clock.nowMs());
      assertThat(completed).hasSize(1);
      assertThat(completed.get(0).disconnected()).isTrue();
      assertThat(completed.get(0).error()).hasMessageContaining("moved");
      assertThat(old.isClosedByClient()).isTrue();

      Peer peer = moved.accept();
      pollUntilWritten(relocated, 3);
      peer.answerApiVersions(ScriptedBroker.kafka41Ranges());
      pollUntil("ready at the new address", () -> client.isReady(relocated, clock.nowMs()));
    }
  }

  @Test
  void sendingToANodeThatIsNotReadyIsAProgrammingError() {
    newClient(config());
    Node node = broker.node(1);
    assertThatThrownBy(() -> client.send(metadataRequest(node), clock.nowMs()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not ready");
  }

  @Test
  void closeCompletesEverythingInFlightAsDisconnected() {
    newClient(config());
    Node node = broker.node(1);
    connectReady(node);
    client.send(metadataRequest(node), clock.nowMs());
    pollUntil("written", () -> client.ready(node, clock.nowMs()));
    client.close();
    assertThat(completed).hasSize(1);
    assertThat(completed.get(0).disconnected()).isTrue();
    assertThat(client.stats().openConnections()).isZero();
  }
}
