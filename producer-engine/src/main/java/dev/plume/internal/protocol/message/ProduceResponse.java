package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;
import java.util.UUID;

/**
 * Produce response (key 0), versions 3-13 (flexible from 9: compact encodings and the tags below).
 *
 * <pre>
 * Responses [Name compact string (9-12) | TopicId uuid (13+),
 *            PartitionResponses [Index int32, ErrorCode int16, BaseOffset int64,
 *                                LogAppendTimeMs int64, LogStartOffset int64 (5+),
 *                                RecordErrors (8+) [BatchIndex int32, BatchIndexErrorMessage nullable string, tags],
 *                                ErrorMessage nullable string (8+),
 *                                tags: 0 CurrentLeader {LeaderId int32, LeaderEpoch int32, tags} (10+)],
 *            tags]
 * ThrottleTimeMs int32
 * tags: 0 NodeEndpoints [NodeId int32, Host string, Port int32, Rack nullable string, tags] (10+)
 * </pre>
 *
 * KIP-951: on NOT_LEADER_OR_FOLLOWER / FENCED_LEADER_EPOCH a 10+ broker fills CurrentLeader and the
 * leaders' NodeEndpoints. An absent CurrentLeader reads as {@link LeaderIdAndEpoch#UNKNOWN}.
 */
public record ProduceResponse(
    List<TopicResponse> responses, int throttleTimeMs, List<NodeEndpoint> nodeEndpoints)
    implements ResponseMessage {

  public ProduceResponse {
    responses = List.copyOf(responses);
    nodeEndpoints = List.copyOf(nodeEndpoints);
  }

  /** One topic's results: by name up to v12, by ID from v13. */
  public record TopicResponse(
      String name, UUID topicId, List<PartitionResponse> partitionResponses) {
    public TopicResponse {
      partitionResponses = List.copyOf(partitionResponses);
    }
  }

  public record PartitionResponse(
      int index,
      short errorCode,
      long baseOffset,
      long logAppendTimeMs,
      long logStartOffset,
      List<RecordError> recordErrors,
      String errorMessage,
      LeaderIdAndEpoch currentLeader) {
    public PartitionResponse {
      recordErrors = List.copyOf(recordErrors);
      currentLeader = currentLeader == null ? LeaderIdAndEpoch.UNKNOWN : currentLeader;
    }
  }

  /** A record of the batch that the broker refused (INVALID_RECORD, INVALID_TIMESTAMP, ...). */
  public record RecordError(int batchIndex, String batchIndexErrorMessage) {}

  /** The partition's current leader as the broker knows it (KIP-951); -1 when unknown. */
  public record LeaderIdAndEpoch(int leaderId, int leaderEpoch) {
    public static final LeaderIdAndEpoch UNKNOWN = new LeaderIdAndEpoch(-1, -1);

    /** True when both the leader and the epoch are given, the only case the hint is usable. */
    public boolean isKnown() {
      return leaderId != -1 && leaderEpoch != -1;
    }
  }

  public record NodeEndpoint(int nodeId, String host, int port, String rack) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.PRODUCE;
  }

  public static ProduceResponse read(ProtocolReader r, short version) {
    ApiKey.PRODUCE.requireSupported(version);
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    List<TopicResponse> responses =
        r.readArray("ProduceResponse.Responses", 3, flex, t -> readTopic(t, version));
    int throttleTimeMs = r.readInt32("ProduceResponse.ThrottleTimeMs");
    List<NodeEndpoint> endpoints = List.of();
    if (!flex) {
      return new ProduceResponse(responses, throttleTimeMs, endpoints);
    }
    int tagCount = r.readTaggedFieldCount("ProduceResponse");
    for (int i = 0; i < tagCount; i++) {
      int tag = r.readUnsignedVarint("ProduceResponse tag");
      int size = r.readTaggedFieldSize("ProduceResponse tag");
      if (tag == 0 && version >= 10) {
        ProtocolReader field = r.slice(size, "ProduceResponse.NodeEndpoints");
        endpoints =
            field.readCompactArray(
                "ProduceResponse.NodeEndpoints", 11, ProduceResponse::readNodeEndpoint);
        field.requireEnd("ProduceResponse.NodeEndpoints");
      } else {
        r.skip(size, "ProduceResponse tag " + tag);
      }
    }
    return new ProduceResponse(responses, throttleTimeMs, endpoints);
  }

  private static TopicResponse readTopic(ProtocolReader r, short version) {
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    String name = null;
    UUID topicId = null;
    if (version >= 13) {
      topicId = r.readUuid("ProduceResponse.Responses.TopicId");
    } else {
      name = r.readString("ProduceResponse.Responses.Name", flex);
    }
    List<PartitionResponse> partitions =
        r.readArray("ProduceResponse.PartitionResponses", 22, flex, p -> readPartition(p, version));
    r.skipTaggedFields("ProduceResponse.Responses", flex);
    return new TopicResponse(name, topicId, partitions);
  }

  private static PartitionResponse readPartition(ProtocolReader r, short version) {
    int index = r.readInt32("ProduceResponse.PartitionResponses.Index");
    short errorCode = r.readInt16("ProduceResponse.PartitionResponses.ErrorCode");
    long baseOffset = r.readInt64("ProduceResponse.PartitionResponses.BaseOffset");
    long logAppendTimeMs = r.readInt64("ProduceResponse.PartitionResponses.LogAppendTimeMs");
    long logStartOffset =
        version >= 5 ? r.readInt64("ProduceResponse.PartitionResponses.LogStartOffset") : -1L;
    List<RecordError> recordErrors = List.of();
    String errorMessage = null;
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    if (version >= 8) {
      // Method references, not a lambda capturing flex: a capturing lambda would allocate per
      // partition on the I/O thread.
      recordErrors =
          r.readArray(
              "ProduceResponse.RecordErrors",
              6,
              flex,
              flex
                  ? ProduceResponse::readRecordErrorFlexible
                  : ProduceResponse::readRecordErrorClassic);
      errorMessage = r.readNullableString("ProduceResponse.PartitionResponses.ErrorMessage", flex);
    }
    LeaderIdAndEpoch leader = LeaderIdAndEpoch.UNKNOWN;
    if (!flex) {
      return new PartitionResponse(
          index,
          errorCode,
          baseOffset,
          logAppendTimeMs,
          logStartOffset,
          recordErrors,
          errorMessage,
          leader);
    }
    int tagCount = r.readTaggedFieldCount("ProduceResponse.PartitionResponses");
    for (int i = 0; i < tagCount; i++) {
      int tag = r.readUnsignedVarint("ProduceResponse.PartitionResponses tag");
      int size = r.readTaggedFieldSize("ProduceResponse.PartitionResponses tag");
      if (tag == 0 && version >= 10) {
        ProtocolReader field = r.slice(size, "ProduceResponse.CurrentLeader");
        leader =
            new LeaderIdAndEpoch(
                field.readInt32("ProduceResponse.CurrentLeader.LeaderId"),
                field.readInt32("ProduceResponse.CurrentLeader.LeaderEpoch"));
        field.skipTaggedFields("ProduceResponse.CurrentLeader");
        field.requireEnd("ProduceResponse.CurrentLeader");
      } else {
        r.skip(size, "ProduceResponse.PartitionResponses tag " + tag);
      }
    }
    return new PartitionResponse(
        index,
        errorCode,
        baseOffset,
        logAppendTimeMs,
        logStartOffset,
        recordErrors,
        errorMessage,
        leader);
  }

  private static RecordError readRecordErrorFlexible(ProtocolReader r) {
    return readRecordError(r, true);
  }

  private static RecordError readRecordErrorClassic(ProtocolReader r) {
    return readRecordError(r, false);
  }

  private static RecordError readRecordError(ProtocolReader r, boolean flex) {
    RecordError error =
        new RecordError(
            r.readInt32("ProduceResponse.RecordErrors.BatchIndex"),
            r.readNullableString("ProduceResponse.RecordErrors.BatchIndexErrorMessage", flex));
    r.skipTaggedFields("ProduceResponse.RecordErrors", flex);
    return error;
  }

  private static NodeEndpoint readNodeEndpoint(ProtocolReader r) {
    NodeEndpoint endpoint =
        new NodeEndpoint(
            r.readInt32("ProduceResponse.NodeEndpoints.NodeId"),
            r.readCompactString("ProduceResponse.NodeEndpoints.Host"),
            r.readInt32("ProduceResponse.NodeEndpoints.Port"),
            r.readCompactNullableString("ProduceResponse.NodeEndpoints.Rack"));
    r.skipTaggedFields("ProduceResponse.NodeEndpoints");
    return endpoint;
  }
}
