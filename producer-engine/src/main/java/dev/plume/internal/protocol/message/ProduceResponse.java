package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.ArrayList;
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

  /**
   * Receives a Produce response as it is read ({@link #readInto}), with no object per topic or
   * partition unless a partition carries an error or extra data: what the sender uses on its hot
   * path instead of {@link #read}.
   */
  public interface Visitor {

    /**
     * A topic entry (v3-12): its name is next in {@code reader}, a string (compact when {@code
     * flexible}); read it, e.g. with {@link ProtocolReader#tryReadString}, and return a handle for
     * its partitions.
     */
    int topicByName(ProtocolReader reader, boolean flexible);

    /** A topic entry by ID (v13+); returns a handle for its partitions. */
    int topicById(UUID topicId);

    /**
     * One partition's result. {@code details} is null for a plain success (error code 0, no record
     * errors, no error message, no current leader); otherwise it holds every field.
     */
    void partition(
        int topic,
        int index,
        short errorCode,
        long baseOffset,
        long logAppendTimeMs,
        long logStartOffset,
        PartitionResponse details);

    /** The topic entry {@code topic} is complete: all its partitions were visited. */
    default void topicEnd(int topic) {}

    /** The NodeEndpoints tag (v10+), only when the response has it. */
    void nodeEndpoints(List<NodeEndpoint> endpoints);
  }

  public static ProduceResponse read(ProtocolReader r, short version) {
    Collector collector = new Collector();
    int throttleTimeMs = readInto(r, version, collector);
    return new ProduceResponse(collector.topics, throttleTimeMs, collector.endpoints);
  }

  /** Builds the object form from a visit (tests, and responses read off the hot path). */
  private static final class Collector implements Visitor {
    private final List<TopicResponse> topics = new ArrayList<>();
    private final List<List<PartitionResponse>> partitions = new ArrayList<>();
    private List<NodeEndpoint> endpoints = List.of();
    private String name;
    private UUID topicId;

    @Override
    public int topicByName(ProtocolReader reader, boolean flexible) {
      flushTopic();
      name = reader.readString("ProduceResponse.Responses.Name", flexible);
      topicId = null;
      return partitions.size() - 1;
    }

    @Override
    public int topicById(UUID id) {
      flushTopic();
      name = null;
      topicId = id;
      return partitions.size() - 1;
    }

    private void flushTopic() {
      partitions.add(new ArrayList<>());
    }

    @Override
    public void partition(
        int topic,
        int index,
        short errorCode,
        long baseOffset,
        long logAppendTimeMs,
        long logStartOffset,
        PartitionResponse details) {
      partitions
          .get(topic)
          .add(
              details != null
                  ? details
                  : new PartitionResponse(
                      index,
                      errorCode,
                      baseOffset,
                      logAppendTimeMs,
                      logStartOffset,
                      List.of(),
                      null,
                      LeaderIdAndEpoch.UNKNOWN));
    }

    @Override
    public void topicEnd(int topic) {
      topics.add(new TopicResponse(name, topicId, partitions.get(topic)));
    }

    @Override
    public void nodeEndpoints(List<NodeEndpoint> endpoints) {
      this.endpoints = endpoints;
    }
  }

  /**
   * Reads a Produce response into {@code visitor}, topic by topic and partition by partition, and
   * returns its ThrottleTimeMs. A plain success allocates nothing.
   */
  public static int readInto(ProtocolReader r, short version, Visitor visitor) {
    ApiKey.PRODUCE.requireSupported(version);
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    int topics = r.readArrayCount("ProduceResponse.Responses", 3, flex);
    for (int t = 0; t < topics; t++) {
      int topic =
          version >= 13
              ? visitor.topicById(r.readUuid("ProduceResponse.Responses.TopicId"))
              : visitor.topicByName(r, flex);
      int partitions = r.readArrayCount("ProduceResponse.PartitionResponses", 22, flex);
      for (int p = 0; p < partitions; p++) {
        readPartition(r, version, topic, visitor);
      }
      r.skipTaggedFields("ProduceResponse.Responses", flex);
      visitor.topicEnd(topic);
    }
    int throttleTimeMs = r.readInt32("ProduceResponse.ThrottleTimeMs");
    if (!flex) {
      return throttleTimeMs;
    }
    int tagCount = r.readTaggedFieldCount("ProduceResponse");
    for (int i = 0; i < tagCount; i++) {
      int tag = r.readUnsignedVarint("ProduceResponse tag");
      int size = r.readTaggedFieldSize("ProduceResponse tag");
      if (tag == 0 && version >= 10) {
        ProtocolReader field = r.slice(size, "ProduceResponse.NodeEndpoints");
        visitor.nodeEndpoints(
            field.readCompactArray(
                "ProduceResponse.NodeEndpoints", 11, ProduceResponse::readNodeEndpoint));
        field.requireEnd("ProduceResponse.NodeEndpoints");
      } else {
        r.skip(size, "ProduceResponse tag " + tag);
      }
    }
    return throttleTimeMs;
  }

  private static void readPartition(ProtocolReader r, short version, int topic, Visitor visitor) {
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
      int errors = r.readArrayCount("ProduceResponse.RecordErrors", 6, flex);
      if (errors > 0) { // none on success: no list then
        recordErrors = new ArrayList<>(Math.min(errors, 256));
        for (int e = 0; e < errors; e++) {
          recordErrors.add(readRecordError(r, flex));
        }
      }
      errorMessage = r.readNullableString("ProduceResponse.PartitionResponses.ErrorMessage", flex);
    }
    LeaderIdAndEpoch leader = LeaderIdAndEpoch.UNKNOWN;
    if (flex) {
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
    }
    boolean plain =
        errorCode == 0
            && recordErrors.isEmpty()
            && errorMessage == null
            && leader == LeaderIdAndEpoch.UNKNOWN;
    visitor.partition(
        topic,
        index,
        errorCode,
        baseOffset,
        logAppendTimeMs,
        logStartOffset,
        plain
            ? null
            : new PartitionResponse(
                index,
                errorCode,
                baseOffset,
                logAppendTimeMs,
                logStartOffset,
                recordErrors,
                errorMessage,
                leader));
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
