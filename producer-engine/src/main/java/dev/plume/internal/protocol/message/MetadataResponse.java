package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;
import java.util.UUID;

/**
 * Metadata response (key 3), versions 9-13.
 *
 * <pre>
 * ThrottleTimeMs int32
 * Brokers [NodeId int32, Host compact string, Port int32, Rack compact nullable string, tags]
 * ClusterId compact nullable string | ControllerId int32
 * Topics [ErrorCode int16, Name compact string (nullable 12+), TopicId uuid (10+), IsInternal bool,
 *         Partitions [ErrorCode int16, PartitionIndex int32, LeaderId int32, LeaderEpoch int32,
 *                     ReplicaNodes [int32], IsrNodes [int32], OfflineReplicas [int32], tags],
 *         TopicAuthorizedOperations int32, tags]
 * ClusterAuthorizedOperations int32 (9-10) | ErrorCode int16 (13+) | tags
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
    int throttleTimeMs = r.readInt32("MetadataResponse.ThrottleTimeMs");
    List<Broker> brokers =
        r.readCompactArray("MetadataResponse.Brokers", 11, MetadataResponse::readBroker);
    String clusterId = r.readCompactNullableString("MetadataResponse.ClusterId");
    int controllerId = r.readInt32("MetadataResponse.ControllerId");
    List<Topic> topics =
        r.readCompactArray("MetadataResponse.Topics", 9, t -> readTopic(t, version));
    int clusterOps =
        version <= 10
            ? r.readInt32("MetadataResponse.ClusterAuthorizedOperations")
            : Integer.MIN_VALUE;
    short errorCode = version >= 13 ? r.readInt16("MetadataResponse.ErrorCode") : 0;
    r.skipTaggedFields("MetadataResponse");
    return new MetadataResponse(
        throttleTimeMs, brokers, clusterId, controllerId, topics, clusterOps, errorCode);
  }

  private static Broker readBroker(ProtocolReader r) {
    Broker broker =
        new Broker(
            r.readInt32("MetadataResponse.Brokers.NodeId"),
            r.readCompactString("MetadataResponse.Brokers.Host"),
            r.readInt32("MetadataResponse.Brokers.Port"),
            r.readCompactNullableString("MetadataResponse.Brokers.Rack"));
    r.skipTaggedFields("MetadataResponse.Brokers");
    return broker;
  }

  private static Topic readTopic(ProtocolReader r, short version) {
    short errorCode = r.readInt16("MetadataResponse.Topics.ErrorCode");
    String name =
        version >= 12
            ? r.readCompactNullableString("MetadataResponse.Topics.Name")
            : r.readCompactString("MetadataResponse.Topics.Name");
    UUID topicId =
        version >= 10 ? r.readUuid("MetadataResponse.Topics.TopicId") : MetadataRequest.ZERO_UUID;
    boolean isInternal = r.readBool("MetadataResponse.Topics.IsInternal");
    List<Partition> partitions =
        r.readCompactArray(
            "MetadataResponse.Topics.Partitions", 18, MetadataResponse::readPartition);
    int topicOps = r.readInt32("MetadataResponse.Topics.TopicAuthorizedOperations");
    r.skipTaggedFields("MetadataResponse.Topics");
    return new Topic(errorCode, name, topicId, isInternal, partitions, topicOps);
  }

  private static Partition readPartition(ProtocolReader r) {
    Partition partition =
        new Partition(
            r.readInt16("MetadataResponse.Partitions.ErrorCode"),
            r.readInt32("MetadataResponse.Partitions.PartitionIndex"),
            r.readInt32("MetadataResponse.Partitions.LeaderId"),
            r.readInt32("MetadataResponse.Partitions.LeaderEpoch"),
            r.readCompactInt32Array("MetadataResponse.Partitions.ReplicaNodes"),
            r.readCompactInt32Array("MetadataResponse.Partitions.IsrNodes"),
            r.readCompactInt32Array("MetadataResponse.Partitions.OfflineReplicas"));
    r.skipTaggedFields("MetadataResponse.Partitions");
    return partition;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.METADATA.requireSupported(version);
    w.writeInt32(throttleTimeMs);
    w.writeCompactArrayLength(brokers.size());
    for (Broker b : brokers) {
      w.writeInt32(b.nodeId()).writeCompactString(b.host()).writeInt32(b.port());
      w.writeCompactNullableString(b.rack()).writeEmptyTaggedFields();
    }
    w.writeCompactNullableString(clusterId);
    w.writeInt32(controllerId);
    w.writeCompactArrayLength(topics.size());
    for (Topic t : topics) {
      w.writeInt16(t.errorCode());
      if (version >= 12) {
        w.writeCompactNullableString(t.name());
      } else {
        w.writeCompactString(t.name());
      }
      if (version >= 10) {
        w.writeUuid(t.topicId());
      }
      w.writeBool(t.isInternal());
      w.writeCompactArrayLength(t.partitions().size());
      for (Partition p : t.partitions()) {
        w.writeInt16(p.errorCode()).writeInt32(p.partitionIndex());
        w.writeInt32(p.leaderId()).writeInt32(p.leaderEpoch());
        writeInt32s(w, p.replicaNodes());
        writeInt32s(w, p.isrNodes());
        writeInt32s(w, p.offlineReplicas());
        w.writeEmptyTaggedFields();
      }
      w.writeInt32(t.topicAuthorizedOperations());
      w.writeEmptyTaggedFields();
    }
    if (version <= 10) {
      w.writeInt32(clusterAuthorizedOperations);
    }
    if (version >= 13) {
      w.writeInt16(errorCode);
    }
    w.writeEmptyTaggedFields();
  }

  private static void writeInt32s(ProtocolWriter w, List<Integer> values) {
    w.writeCompactArrayLength(values.size());
    for (int value : values) {
      w.writeInt32(value);
    }
  }
}
