package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.RequestMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Broker-side request decoders, for fake brokers and round-trip tests. The client only writes
 * requests, so these live in test sources rather than in the shipped engine.
 */
public final class FakeBrokerDecoders {
  private FakeBrokerDecoders() {}

  /** Reads a request body of {@code api} at {@code version}. */
  public static RequestMessage readRequest(ApiKey api, ProtocolReader reader, short version) {
    return switch (api) {
      case PRODUCE -> ProduceRequest.read(reader, version);
      case ADD_OFFSETS_TO_TXN -> readAddOffsetsToTxnRequest(reader, version);
      case ADD_PARTITIONS_TO_TXN -> readAddPartitionsToTxnRequest(reader, version);
      case API_VERSIONS -> readApiVersionsRequest(reader, version);
      case END_TXN -> readEndTxnRequest(reader, version);
      case FIND_COORDINATOR -> readFindCoordinatorRequest(reader, version);
      case INIT_PRODUCER_ID -> readInitProducerIdRequest(reader, version);
      case METADATA -> readMetadataRequest(reader, version);
      case SASL_AUTHENTICATE -> readSaslAuthenticateRequest(reader, version);
      case SASL_HANDSHAKE -> readSaslHandshakeRequest(reader, version);
      case TXN_OFFSET_COMMIT -> readTxnOffsetCommitRequest(reader, version);
    };
  }

  public static AddOffsetsToTxnRequest readAddOffsetsToTxnRequest(ProtocolReader r, short version) {
    ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version);
    AddOffsetsToTxnRequest request =
        new AddOffsetsToTxnRequest(
            r.readString("AddOffsetsToTxnRequest.TransactionalId", flex),
            r.readInt64("AddOffsetsToTxnRequest.ProducerId"),
            r.readInt16("AddOffsetsToTxnRequest.ProducerEpoch"),
            r.readString("AddOffsetsToTxnRequest.GroupId", flex));
    r.skipTaggedFields("AddOffsetsToTxnRequest", flex);
    return request;
  }

  public static AddPartitionsToTxnRequest readAddPartitionsToTxnRequest(
      ProtocolReader r, short version) {
    ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
    String transactionalId = r.readString("AddPartitionsToTxnRequest.TransactionalId", flex);
    long producerId = r.readInt64("AddPartitionsToTxnRequest.ProducerId");
    short epoch = r.readInt16("AddPartitionsToTxnRequest.ProducerEpoch");
    List<AddPartitionsToTxnRequest.Topic> topics =
        r.readArray(
            "AddPartitionsToTxnRequest.Topics",
            3,
            flex,
            t -> {
              String name = t.readString("AddPartitionsToTxnRequest.Topics.Name", flex);
              List<Integer> partitions =
                  t.readInt32Array("AddPartitionsToTxnRequest.Topics.Partitions", flex);
              t.skipTaggedFields("AddPartitionsToTxnRequest.Topics", flex);
              return new AddPartitionsToTxnRequest.Topic(name, partitions);
            });
    r.skipTaggedFields("AddPartitionsToTxnRequest", flex);
    return new AddPartitionsToTxnRequest(transactionalId, producerId, epoch, topics);
  }

  public static ApiVersionsRequest readApiVersionsRequest(ProtocolReader reader, short version) {
    ApiKey.API_VERSIONS.requireSupported(version);
    if (!ApiKey.API_VERSIONS.isFlexible(version)) {
      return new ApiVersionsRequest("", "");
    }
    String name = reader.readCompactString("ApiVersionsRequest.ClientSoftwareName");
    String softwareVersion = reader.readCompactString("ApiVersionsRequest.ClientSoftwareVersion");
    reader.skipTaggedFields("ApiVersionsRequest");
    return new ApiVersionsRequest(name, softwareVersion);
  }

  public static EndTxnRequest readEndTxnRequest(ProtocolReader r, short version) {
    ApiKey.END_TXN.requireSupported(version);
    boolean flex = ApiKey.END_TXN.isFlexible(version);
    EndTxnRequest request =
        new EndTxnRequest(
            r.readString("EndTxnRequest.TransactionalId", flex),
            r.readInt64("EndTxnRequest.ProducerId"),
            r.readInt16("EndTxnRequest.ProducerEpoch"),
            r.readBool("EndTxnRequest.Committed"));
    r.skipTaggedFields("EndTxnRequest", flex);
    return request;
  }

  public static FindCoordinatorRequest readFindCoordinatorRequest(ProtocolReader r, short version) {
    ApiKey.FIND_COORDINATOR.requireSupported(version);
    FindCoordinatorRequest request;
    if (version < 4) {
      String key = r.readString("FindCoordinatorRequest.Key", version >= 3);
      request = FindCoordinatorRequest.of(r.readInt8("FindCoordinatorRequest.KeyType"), key);
      r.skipTaggedFields("FindCoordinatorRequest", version >= 3);
      return request;
    } else {
      byte keyType = r.readInt8("FindCoordinatorRequest.KeyType");
      List<String> keys =
          r.readCompactArray(
              "FindCoordinatorRequest.CoordinatorKeys",
              1,
              k -> k.readCompactString("FindCoordinatorRequest.CoordinatorKeys"));
      request = new FindCoordinatorRequest(keyType, keys);
    }
    r.skipTaggedFields("FindCoordinatorRequest");
    return request;
  }

  public static InitProducerIdRequest readInitProducerIdRequest(ProtocolReader r, short version) {
    ApiKey.INIT_PRODUCER_ID.requireSupported(version);
    boolean flex = ApiKey.INIT_PRODUCER_ID.isFlexible(version);
    String transactionalId = r.readNullableString("InitProducerIdRequest.TransactionalId", flex);
    int timeoutMs = r.readInt32("InitProducerIdRequest.TransactionTimeoutMs");
    long producerId = version >= 3 ? r.readInt64("InitProducerIdRequest.ProducerId") : -1L;
    short epoch = version >= 3 ? r.readInt16("InitProducerIdRequest.ProducerEpoch") : -1;
    r.skipTaggedFields("InitProducerIdRequest", flex);
    return new InitProducerIdRequest(transactionalId, timeoutMs, producerId, epoch);
  }

  public static MetadataRequest readMetadataRequest(ProtocolReader r, short version) {
    ApiKey.METADATA.requireSupported(version);
    boolean flex = ApiKey.METADATA.isFlexible(version);
    int count = r.readNullableArrayCount("MetadataRequest.Topics", 2, flex);
    List<MetadataRequest.Topic> topics = null;
    if (count >= 0) {
      topics = new ArrayList<>(Math.min(count, 256));
      for (int i = 0; i < count; i++) {
        UUID id =
            version >= 10
                ? r.readUuid("MetadataRequest.Topics.TopicId")
                : MetadataRequest.ZERO_UUID;
        String name =
            version >= 10
                ? r.readNullableString("MetadataRequest.Topics.Name", flex)
                : r.readString("MetadataRequest.Topics.Name", flex);
        r.skipTaggedFields("MetadataRequest.Topics", flex);
        topics.add(new MetadataRequest.Topic(id, name));
      }
    }
    boolean allowAuto = r.readBool("MetadataRequest.AllowAutoTopicCreation");
    boolean includeCluster =
        version >= 8
            && version <= 10
            && r.readBool("MetadataRequest.IncludeClusterAuthorizedOperations");
    boolean includeTopic =
        version >= 8 && r.readBool("MetadataRequest.IncludeTopicAuthorizedOperations");
    r.skipTaggedFields("MetadataRequest", flex);
    return new MetadataRequest(topics, allowAuto, includeCluster, includeTopic);
  }

  public static SaslAuthenticateRequest readSaslAuthenticateRequest(
      ProtocolReader r, short version) {
    ApiKey.SASL_AUTHENTICATE.requireSupported(version);
    boolean flex = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
    byte[] bytes = r.readBytes("SaslAuthenticateRequest.AuthBytes", flex);
    r.skipTaggedFields("SaslAuthenticateRequest", flex);
    return new SaslAuthenticateRequest(bytes);
  }

  public static SaslHandshakeRequest readSaslHandshakeRequest(ProtocolReader r, short version) {
    ApiKey.SASL_HANDSHAKE.requireSupported(version);
    return new SaslHandshakeRequest(r.readString("SaslHandshakeRequest.Mechanism"));
  }

  public static TxnOffsetCommitRequest readTxnOffsetCommitRequest(ProtocolReader r, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    boolean flex = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
    String transactionalId = r.readString("TxnOffsetCommitRequest.TransactionalId", flex);
    String groupId = r.readString("TxnOffsetCommitRequest.GroupId", flex);
    long producerId = r.readInt64("TxnOffsetCommitRequest.ProducerId");
    short epoch = r.readInt16("TxnOffsetCommitRequest.ProducerEpoch");
    int generationId = -1;
    String memberId = "";
    String instanceId = null;
    if (version >= 3) {
      generationId = r.readInt32("TxnOffsetCommitRequest.GenerationId");
      memberId = r.readString("TxnOffsetCommitRequest.MemberId", flex);
      instanceId = r.readNullableString("TxnOffsetCommitRequest.GroupInstanceId", flex);
    }
    List<TxnOffsetCommitRequest.Topic> topics =
        r.readArray("TxnOffsetCommitRequest.Topics", 3, flex, t -> readTopic(t, version));
    r.skipTaggedFields("TxnOffsetCommitRequest", flex);
    return new TxnOffsetCommitRequest(
        transactionalId, groupId, producerId, epoch, generationId, memberId, instanceId, topics);
  }

  private static TxnOffsetCommitRequest.Topic readTopic(ProtocolReader r, short version) {
    boolean flex = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
    String name = r.readString("TxnOffsetCommitRequest.Topics.Name", flex);
    List<TxnOffsetCommitRequest.Partition> partitions =
        r.readArray(
            "TxnOffsetCommitRequest.Partitions",
            18,
            flex,
            p -> {
              TxnOffsetCommitRequest.Partition partition =
                  new TxnOffsetCommitRequest.Partition(
                      p.readInt32("TxnOffsetCommitRequest.Partitions.PartitionIndex"),
                      p.readInt64("TxnOffsetCommitRequest.Partitions.CommittedOffset"),
                      version >= 2
                          ? p.readInt32("TxnOffsetCommitRequest.Partitions.CommittedLeaderEpoch")
                          : -1,
                      p.readNullableString(
                          "TxnOffsetCommitRequest.Partitions.CommittedMetadata", flex));
              p.skipTaggedFields("TxnOffsetCommitRequest.Partitions", flex);
              return partition;
            });
    r.skipTaggedFields("TxnOffsetCommitRequest.Topics", flex);
    return new TxnOffsetCommitRequest.Topic(name, partitions);
  }
}
