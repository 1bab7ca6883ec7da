package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import dev.plume.internal.protocol.ResponseMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Sample messages for every message type and version we speak: a "rich" one (non-default values,
 * several elements, non-ASCII text, tagged fields) and a "minimal" one (nulls, empty arrays).
 * Samples only set fields that exist at their version, so they survive a round trip unchanged.
 */
public final class Samples {
  private Samples() {}

  /** One sample at one version, with the matching decoder. */
  public record Case(
      String name,
      ApiKey api,
      short version,
      boolean request,
      Object message,
      BiFunction<ProtocolReader, Short, Object> reader) {

    public byte[] encode() {
      ProtocolWriter w = new ProtocolWriter(16);
      if (message instanceof RequestMessage m) {
        m.write(w, version);
      } else {
        FakeBrokerEncoders.write((ResponseMessage) message, w, version);
      }
      return w.toByteArray();
    }

    public Object decode(byte[] bytes) {
      return reader.apply(new ProtocolReader(ByteBuffer.wrap(bytes)), version);
    }

    @Override
    public String toString() {
      return name + " v" + version;
    }
  }

  static final UUID TOPIC_ID_A = new UUID(0x1234567890abcdefL, 0x0fedcba987654321L);
  static final UUID TOPIC_ID_B = new UUID(-1L, 42L);
  static final String UNICODE = "tøpic-ünï-\u65e5\u672c";

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.addAll(requests());
    cases.addAll(responses());
    return cases;
  }

  public static List<Case> requests() {
    List<Case> c = new ArrayList<>();
    for (short v : range(ApiKey.API_VERSIONS)) {
      add(
          c,
          "ApiVersionsRequest",
          true,
          v,
          FakeBrokerDecoders::readApiVersionsRequest,
          // v0-2 have an empty body: the client software fields read back as empty.
          v >= 3
              ? new ApiVersionsRequest("plume-java", "0.1.0-SNAPSHOT")
              : new ApiVersionsRequest("", ""),
          v >= 3 ? new ApiVersionsRequest("a", "1") : new ApiVersionsRequest("", ""));
    }
    for (short v : range(ApiKey.METADATA)) {
      add(
          c,
          "MetadataRequest",
          true,
          v,
          FakeBrokerDecoders::readMetadataRequest,
          metadataRequest(v),
          new MetadataRequest(null, false, false, false),
          new MetadataRequest(List.of(), true, false, v >= 8));
    }
    for (short v : range(ApiKey.PRODUCE)) {
      add(
          c,
          "ProduceRequest",
          true,
          v,
          ProduceRequest::read,
          produceRequest(v),
          new ProduceRequest(null, (short) 0, 0, List.of()));
    }
    for (short v : range(ApiKey.INIT_PRODUCER_ID)) {
      add(
          c,
          "InitProducerIdRequest",
          true,
          v,
          FakeBrokerDecoders::readInitProducerIdRequest,
          v >= 3
              ? new InitProducerIdRequest("txn-" + UNICODE, 60000, 123456789012L, (short) 7)
              : InitProducerIdRequest.fresh("txn-1", 60000),
          InitProducerIdRequest.fresh(null, Integer.MAX_VALUE));
    }
    for (short v : range(ApiKey.FIND_COORDINATOR)) {
      add(
          c,
          "FindCoordinatorRequest",
          true,
          v,
          FakeBrokerDecoders::readFindCoordinatorRequest,
          v >= 4
              ? new FindCoordinatorRequest((byte) 1, List.of("txn-a", "txn-b", UNICODE))
              : FindCoordinatorRequest.of((byte) 1, "txn-a"),
          FindCoordinatorRequest.of((byte) 0, ""));
    }
    for (short v : range(ApiKey.ADD_PARTITIONS_TO_TXN)) {
      add(
          c,
          "AddPartitionsToTxnRequest",
          true,
          v,
          FakeBrokerDecoders::readAddPartitionsToTxnRequest,
          new AddPartitionsToTxnRequest(
              "txn",
              99L,
              (short) 3,
              List.of(
                  new AddPartitionsToTxnRequest.Topic("a", List.of(0, 1, 2)),
                  new AddPartitionsToTxnRequest.Topic(UNICODE, List.of(Integer.MAX_VALUE)))),
          new AddPartitionsToTxnRequest("t", -1L, (short) -1, List.of()));
    }
    for (short v : range(ApiKey.ADD_OFFSETS_TO_TXN)) {
      add(
          c,
          "AddOffsetsToTxnRequest",
          true,
          v,
          FakeBrokerDecoders::readAddOffsetsToTxnRequest,
          new AddOffsetsToTxnRequest("txn", Long.MAX_VALUE, Short.MAX_VALUE, "group-" + UNICODE),
          new AddOffsetsToTxnRequest("", 0L, (short) 0, ""));
    }
    for (short v : range(ApiKey.TXN_OFFSET_COMMIT)) {
      add(
          c,
          "TxnOffsetCommitRequest",
          true,
          v,
          FakeBrokerDecoders::readTxnOffsetCommitRequest,
          new TxnOffsetCommitRequest(
              "txn",
              "group",
              5L,
              (short) 2,
              v >= 3 ? 17 : -1,
              v >= 3 ? "member-1" : "",
              v >= 3 ? "instance-1" : null,
              List.of(
                  new TxnOffsetCommitRequest.Topic(
                      "a",
                      List.of(
                          new TxnOffsetCommitRequest.Partition(0, 100L, v >= 2 ? 3 : -1, "meta"),
                          new TxnOffsetCommitRequest.Partition(1, 0L, -1, null))),
                  new TxnOffsetCommitRequest.Topic(UNICODE, List.of()))),
          new TxnOffsetCommitRequest("t", "g", -1L, (short) -1, -1, "", null, List.of()));
    }
    for (short v : range(ApiKey.END_TXN)) {
      add(
          c,
          "EndTxnRequest",
          true,
          v,
          FakeBrokerDecoders::readEndTxnRequest,
          new EndTxnRequest("txn-" + UNICODE, 77L, (short) 4, true),
          new EndTxnRequest("t", 0L, (short) 0, false));
    }
    for (short v : range(ApiKey.SASL_HANDSHAKE)) {
      add(
          c,
          "SaslHandshakeRequest",
          true,
          v,
          FakeBrokerDecoders::readSaslHandshakeRequest,
          new SaslHandshakeRequest("SCRAM-SHA-512"),
          new SaslHandshakeRequest(""));
    }
    for (short v : range(ApiKey.SASL_AUTHENTICATE)) {
      add(
          c,
          "SaslAuthenticateRequest",
          true,
          v,
          FakeBrokerDecoders::readSaslAuthenticateRequest,
          new SaslAuthenticateRequest(new byte[] {0, 'u', 's', 'e', 'r', 0, 'p', (byte) 0xff}),
          new SaslAuthenticateRequest(new byte[0]));
    }
    return c;
  }

  public static List<Case> responses() {
    List<Case> c = new ArrayList<>();
    for (short v : range(ApiKey.API_VERSIONS)) {
      add(
          c,
          "ApiVersionsResponse",
          false,
          v,
          ApiVersionsResponse::read,
          apiVersionsResponse(v),
          new ApiVersionsResponse((short) 35, List.of(), 0, List.of(), -1L, List.of(), false));
    }
    for (short v : range(ApiKey.METADATA)) {
      add(
          c,
          "MetadataResponse",
          false,
          v,
          MetadataResponse::read,
          metadataResponse(v),
          new MetadataResponse(
              0,
              List.of(),
              null,
              -1,
              List.of(),
              v >= 8 && v <= 10 ? 0 : Integer.MIN_VALUE,
              (short) 0));
    }
    for (short v : range(ApiKey.PRODUCE)) {
      add(
          c,
          "ProduceResponse",
          false,
          v,
          ProduceResponse::read,
          produceResponse(v),
          new ProduceResponse(List.of(), 0, List.of()));
    }
    for (short v : range(ApiKey.INIT_PRODUCER_ID)) {
      add(
          c,
          "InitProducerIdResponse",
          false,
          v,
          InitProducerIdResponse::read,
          new InitProducerIdResponse(100, (short) 0, 4000L, (short) 12),
          new InitProducerIdResponse(0, (short) 51, -1L, (short) -1));
    }
    for (short v : range(ApiKey.FIND_COORDINATOR)) {
      add(
          c,
          "FindCoordinatorResponse",
          false,
          v,
          (r, ver) -> FindCoordinatorResponse.read(r, ver, v < 4 ? "txn-a" : ""),
          v >= 4
              ? new FindCoordinatorResponse(
                  5,
                  List.of(
                      new FindCoordinatorResponse.Coordinator(
                          "txn-a", 1, "host-a", 9092, (short) 0, null),
                      new FindCoordinatorResponse.Coordinator(
                          UNICODE, -1, "", -1, (short) 15, "not available")))
              : new FindCoordinatorResponse(
                  5,
                  List.of(
                      new FindCoordinatorResponse.Coordinator(
                          "txn-a", 1, "host-a", 9092, (short) 0, "ok"))),
          v >= 4
              ? new FindCoordinatorResponse(0, List.of())
              : new FindCoordinatorResponse(
                  0,
                  List.of(
                      new FindCoordinatorResponse.Coordinator(
                          "txn-a", -1, "", -1, (short) 15, null))));
    }
    for (short v : range(ApiKey.ADD_PARTITIONS_TO_TXN)) {
      add(
          c,
          "AddPartitionsToTxnResponse",
          false,
          v,
          AddPartitionsToTxnResponse::read,
          new AddPartitionsToTxnResponse(
              3,
              List.of(
                  new AddPartitionsToTxnResponse.TopicResult(
                      "a",
                      List.of(
                          new AddPartitionsToTxnResponse.PartitionResult(0, (short) 0),
                          new AddPartitionsToTxnResponse.PartitionResult(1, (short) 51))),
                  new AddPartitionsToTxnResponse.TopicResult(UNICODE, List.of()))),
          new AddPartitionsToTxnResponse(0, List.of()),
          // The body ends with the partitions: a classic element (6 bytes) is shorter than a
          // compact one (7), which the array bound must allow for (found by OldestVersionsIT).
          new AddPartitionsToTxnResponse(
              0,
              List.of(
                  new AddPartitionsToTxnResponse.TopicResult(
                      "a",
                      List.of(
                          new AddPartitionsToTxnResponse.PartitionResult(0, (short) 0),
                          new AddPartitionsToTxnResponse.PartitionResult(1, (short) 0))))));
    }
    for (short v : range(ApiKey.ADD_OFFSETS_TO_TXN)) {
      add(
          c,
          "AddOffsetsToTxnResponse",
          false,
          v,
          AddOffsetsToTxnResponse::read,
          new AddOffsetsToTxnResponse(7, (short) 120),
          new AddOffsetsToTxnResponse(0, (short) 0));
    }
    for (short v : range(ApiKey.TXN_OFFSET_COMMIT)) {
      add(
          c,
          "TxnOffsetCommitResponse",
          false,
          v,
          TxnOffsetCommitResponse::read,
          new TxnOffsetCommitResponse(
              1,
              List.of(
                  new TxnOffsetCommitResponse.Topic(
                      "a",
                      List.of(
                          new TxnOffsetCommitResponse.Partition(0, (short) 0),
                          new TxnOffsetCommitResponse.Partition(7, (short) 25))),
                  new TxnOffsetCommitResponse.Topic(UNICODE, List.of()))),
          new TxnOffsetCommitResponse(0, List.of()),
          new TxnOffsetCommitResponse(
              0,
              List.of(
                  new TxnOffsetCommitResponse.Topic(
                      "a",
                      List.of(
                          new TxnOffsetCommitResponse.Partition(0, (short) 0),
                          new TxnOffsetCommitResponse.Partition(1, (short) 0))))));
    }
    for (short v : range(ApiKey.END_TXN)) {
      add(
          c,
          "EndTxnResponse",
          false,
          v,
          EndTxnResponse::read,
          v >= 5
              ? new EndTxnResponse(2, (short) 0, 55L, (short) 9)
              : new EndTxnResponse(2, (short) 48, -1L, (short) -1),
          new EndTxnResponse(0, (short) 0, -1L, (short) -1));
    }
    for (short v : range(ApiKey.SASL_HANDSHAKE)) {
      add(
          c,
          "SaslHandshakeResponse",
          false,
          v,
          SaslHandshakeResponse::read,
          new SaslHandshakeResponse((short) 33, List.of("PLAIN", "SCRAM-SHA-256", UNICODE)),
          new SaslHandshakeResponse((short) 0, List.of()));
    }
    for (short v : range(ApiKey.SASL_AUTHENTICATE)) {
      add(
          c,
          "SaslAuthenticateResponse",
          false,
          v,
          SaslAuthenticateResponse::read,
          new SaslAuthenticateResponse(
              (short) 58,
              "bad credentials " + UNICODE,
              new byte[] {1, 2, 3},
              v >= 1 ? 3_600_000L : 0L),
          new SaslAuthenticateResponse((short) 0, null, new byte[0], 0L));
    }
    return c;
  }

  private static void add(
      List<Case> cases,
      String name,
      boolean request,
      short version,
      BiFunction<ProtocolReader, Short, Object> reader,
      Object... samples) {
    ApiKey api =
        ((samples[0] instanceof RequestMessage m)
            ? m.apiKey()
            : ((ResponseMessage) samples[0]).apiKey());
    for (int i = 0; i < samples.length; i++) {
      cases.add(
          new Case(name + (i == 0 ? "" : "#" + i), api, version, request, samples[i], reader));
    }
  }

  static List<Short> range(ApiKey api) {
    List<Short> versions = new ArrayList<>();
    for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
      versions.add(v);
    }
    return versions;
  }

  static ByteBuffer batchBytes(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return ByteBuffer.wrap(bytes);
  }

  static MetadataRequest metadataRequest(short v) {
    List<MetadataRequest.Topic> topics = new ArrayList<>();
    topics.add(new MetadataRequest.Topic(MetadataRequest.ZERO_UUID, "orders"));
    topics.add(new MetadataRequest.Topic(MetadataRequest.ZERO_UUID, UNICODE));
    if (v >= 12) {
      topics.add(new MetadataRequest.Topic(TOPIC_ID_A, null));
    } else if (v >= 10) {
      topics.add(new MetadataRequest.Topic(MetadataRequest.ZERO_UUID, "third"));
    }
    return new MetadataRequest(topics, true, v >= 8 && v <= 10, v >= 8);
  }

  static ProduceRequest produceRequest(short v) {
    boolean ids = v >= 13;
    return new ProduceRequest(
        "txn-" + UNICODE,
        (short) -1,
        30000,
        List.of(
            new ProduceRequest.TopicData(
                ids ? null : "orders",
                ids ? TOPIC_ID_A : null,
                List.of(
                    new ProduceRequest.PartitionData(0, batchBytes(70, 1)),
                    new ProduceRequest.PartitionData(5, batchBytes(300, 2)))),
            new ProduceRequest.TopicData(
                ids ? null : UNICODE,
                ids ? TOPIC_ID_B : null,
                List.of(
                    new ProduceRequest.PartitionData(Integer.MAX_VALUE, batchBytes(1, 3)),
                    new ProduceRequest.PartitionData(1, null)))));
  }

  static ApiVersionsResponse apiVersionsResponse(short v) {
    List<ApiVersionRange> keys =
        List.of(
            new ApiVersionRange((short) 0, (short) 0, (short) 13),
            new ApiVersionRange((short) 3, (short) 0, (short) 13),
            new ApiVersionRange((short) 18, (short) 0, (short) 4),
            new ApiVersionRange((short) 999, (short) 1, (short) 2));
    if (v == 0) {
      return new ApiVersionsResponse(
          (short) 35, List.of(keys.get(2)), 0, List.of(), -1L, List.of(), false);
    }
    if (v < 3) {
      return new ApiVersionsResponse((short) 0, keys, 250, List.of(), -1L, List.of(), false);
    }
    return new ApiVersionsResponse(
        (short) 0,
        keys,
        250,
        List.of(
            new ApiVersionsResponse.SupportedFeature("transaction.version", (short) 0, (short) 2),
            new ApiVersionsResponse.SupportedFeature("metadata.version", (short) 7, (short) 27)),
        42L,
        List.of(
            new ApiVersionsResponse.FinalizedFeature("transaction.version", (short) 2, (short) 2),
            new ApiVersionsResponse.FinalizedFeature("metadata.version", (short) 27, (short) 27)),
        true);
  }

  static MetadataResponse metadataResponse(short v) {
    return new MetadataResponse(
        17,
        List.of(
            new MetadataResponse.Broker(1, "broker-1.example", 9092, "rack-a"),
            new MetadataResponse.Broker(2, UNICODE, 9093, null)),
        "cluster-" + UNICODE,
        1,
        List.of(
            new MetadataResponse.Topic(
                (short) 0,
                "orders",
                v >= 10 ? TOPIC_ID_A : null,
                false,
                List.of(
                    new MetadataResponse.Partition(
                        (short) 0, 0, 1, v >= 7 ? 5 : -1, List.of(1, 2), List.of(1, 2), List.of()),
                    new MetadataResponse.Partition(
                        (short) 9,
                        1,
                        -1,
                        -1,
                        List.of(2),
                        List.of(),
                        v >= 5 ? List.of(2) : List.of())),
                Integer.MIN_VALUE),
            new MetadataResponse.Topic(
                (short) 3,
                v >= 12 ? null : "missing",
                MetadataRequest.ZERO_UUID,
                true,
                List.of(),
                v >= 8 ? 0x0f0f : Integer.MIN_VALUE)),
        v >= 8 && v <= 10 ? 1234 : Integer.MIN_VALUE,
        v >= 13 ? (short) 129 : 0);
  }

  static ProduceResponse produceResponse(short v) {
    boolean ids = v >= 13;
    boolean hints = v >= 10;
    // Fields a version lacks read back as their defaults.
    long logStart = v >= 5 ? 5L : -1L;
    boolean errors = v >= 8;
    return new ProduceResponse(
        List.of(
            new ProduceResponse.TopicResponse(
                ids ? null : "orders",
                ids ? TOPIC_ID_A : null,
                List.of(
                    new ProduceResponse.PartitionResponse(
                        0, (short) 0, 1000L, -1L, v >= 5 ? 0L : -1L, List.of(), null, null),
                    new ProduceResponse.PartitionResponse(
                        1,
                        (short) 6,
                        -1L,
                        -1L,
                        -1L,
                        List.of(),
                        errors ? "not leader" : null,
                        hints ? new ProduceResponse.LeaderIdAndEpoch(2, 8) : null),
                    new ProduceResponse.PartitionResponse(
                        2,
                        (short) 87,
                        -1L,
                        1700000000000L,
                        logStart,
                        errors
                            ? List.of(
                                new ProduceResponse.RecordError(0, "bad " + UNICODE),
                                new ProduceResponse.RecordError(3, null))
                            : List.of(),
                        errors ? "invalid" : null,
                        null))),
            new ProduceResponse.TopicResponse(
                ids ? null : UNICODE, ids ? TOPIC_ID_B : null, List.of())),
        9,
        hints
            ? List.of(
                new ProduceResponse.NodeEndpoint(2, "broker-2", 9094, "rack-b"),
                new ProduceResponse.NodeEndpoint(3, "broker-3", 9095, null))
            : List.of());
  }
}
