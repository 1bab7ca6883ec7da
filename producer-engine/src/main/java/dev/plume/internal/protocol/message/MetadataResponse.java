package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;
import java.util.UUID;

/**
 * Metadata response (key 3), versions 4-13 (flexible from 9).
 *
 * <pre>
 * ThrottleTimeMs int32
 * Brokers [NodeId int32, Host compact string, Port int32, Rack compact nullable string, tags]
 * ClusterId compact nullable string | ControllerId int32
 * Topics [ErrorCode int16, Name compact string (nullable 12+), TopicId uuid (10+), IsInternal bool,
 *         Partitions [ErrorCode int16, PartitionIndex int32, LeaderId int32, LeaderEpoch int32 (7+),
 *                     ReplicaNodes [int32], IsrNodes [int32], OfflineReplicas [int32] (5+), tags],
 *         TopicAuthorizedOperations int32 (8+), tags]
 * ClusterAuthorizedOperations int32 (8-10) | ErrorCode int16 (13+) | tags
 * </pre>
 *
 * Absent fields read as their defaults: TopicId zero UUID, ClusterAuthorizedOperations
 * Integer.MIN_VALUE, top-level ErrorCode 0.
 */
public record MetadataResponse(
    int throttleTimeMs,
    List<Broker> brokers,
    String clusterId,
    int controllerId,
    List<Topic> topics,
    int clusterAuthorizedOperations,
    short errorCode)
    implements ResponseMessage {

  public MetadataResponse {
    brokers = List.copyOf(brokers);
    topics = List.copyOf(topics);
  }

  public record Broker(int nodeId, String host, int port, String rack) {}

  public record Topic(
      short errorCode,
      String name,
      UUID topicId,
      boolean isInternal,
      List<Partition> partitions,
      int topicAuthorizedOperations) {
    public Topic {
      topicId = topicId == null ? MetadataRequest.ZERO_UUID : topicId;
      partitions = List.copyOf(partitions);
    }
  }

  public record Partition(
      short errorCode,
      int partitionIndex,
      int leaderId,
      int leaderEpoch,
      List<Integer> replicaNodes,
      List<Integer> isrNodes,
      List<Integer> offlineReplicas) {
    public Partition {
      replicaNodes = List.copyOf(replicaNodes);
      isrNodes = List.copyOf(isrNodes);
      offlineReplicas = List.copyOf(offlineReplicas);
    }
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.METADATA;
  }

  public static MetadataResponse read(ProtocolReader r, short version) {
    ApiKey.METADATA.requireSupported(version);
    boolean flex = ApiKey.METADATA.isFlexible(version);
    int throttleTimeMs = r.readInt32("MetadataResponse.ThrottleTimeMs");
    List<Broker> brokers =
        r.readArray("MetadataResponse.Brokers", 11, flex, b -> readBroker(b, flex));
    String clusterId = r.readNullableString("MetadataResponse.ClusterId", flex);
    int controllerId = r.readInt32("MetadataResponse.ControllerId");
    List<Topic> topics =
        r.readArray("MetadataResponse.Topics", 9, flex, t -> readTopic(t, version));
    int clusterOps =
        version >= 8 && version <= 10
            ? r.readInt32("MetadataResponse.ClusterAuthorizedOperations")
            : Integer.MIN_VALUE;
    short errorCode = version >= 13 ? r.readInt16("MetadataResponse.ErrorCode") : 0;
    r.skipTaggedFields("MetadataResponse", flex);
    return new MetadataResponse(
        throttleTimeMs, brokers, clusterId, controllerId, topics, clusterOps, errorCode);
  }

  private static Broker readBroker(ProtocolReader r, boolean flex) {
    Broker broker =
        new Broker(
            r.readInt32("MetadataResponse.Brokers.NodeId"),
            r.readString("MetadataResponse.Brokers.Host", flex),
            r.readInt32("MetadataResponse.Brokers.Port"),
            r.readNullableString("MetadataResponse.Brokers.Rack", flex));
    r.skipTaggedFields("MetadataResponse.Brokers", flex);
    return broker;
  }

  private static Topic readTopic(ProtocolReader r, short version) {
    boolean flex = ApiKey.METADATA.isFlexible(version);
    short errorCode = r.readInt16("MetadataResponse.Topics.ErrorCode");
    String name =
        version >= 12
            ? r.readNullableString("MetadataResponse.Topics.Name", flex)
            : r.readString("MetadataResponse.Topics.Name", flex);
    UUID topicId =
        version >= 10 ? r.readUuid("MetadataResponse.Topics.TopicId") : MetadataRequest.ZERO_UUID;
    boolean isInternal = r.readBool("MetadataResponse.Topics.IsInternal");
    List<Partition> partitions =
        r.readArray("MetadataResponse.Topics.Partitions", 18, flex, p -> readPartition(p, version));
    int topicOps =
        version >= 8
            ? r.readInt32("MetadataResponse.Topics.TopicAuthorizedOperations")
            : Integer.MIN_VALUE;
    r.skipTaggedFields("MetadataResponse.Topics", flex);
    return new Topic(errorCode, name, topicId, isInternal, partitions, topicOps);
  }

  private static Partition readPartition(ProtocolReader r, short version) {
    boolean flex = ApiKey.METADATA.isFlexible(version);
    Partition partition =
        new Partition(
            r.readInt16("MetadataResponse.Partitions.ErrorCode"),
            r.readInt32("MetadataResponse.Partitions.PartitionIndex"),
            r.readInt32("MetadataResponse.Partitions.LeaderId"),
            version >= 7 ? r.readInt32("MetadataResponse.Partitions.LeaderEpoch") : -1,
            r.readInt32Array("MetadataResponse.Partitions.ReplicaNodes", flex),
            r.readInt32Array("MetadataResponse.Partitions.IsrNodes", flex),
            version >= 5
                ? r.readInt32Array("MetadataResponse.Partitions.OfflineReplicas", flex)
                : List.of());
    r.skipTaggedFields("MetadataResponse.Partitions", flex);
    return partition;
  }
}
