package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * Produce request (key 0), versions 3-13 (flexible from 9).
 *
 * <pre>
 * TransactionalId compact nullable string | Acks int16 | TimeoutMs int32
 * TopicData [Name compact string (9-12) | TopicId uuid (13+),
 *            PartitionData [Index int32, Records compact nullable bytes, tags], tags]
 * tags
 * </pre>
 *
 * Records are each partition's already-encoded record batch, copied into the writer without moving
 * the source buffer's position. v12 signals Transactions V2 (the leader adds the partition to the
 * transaction); v13 addresses topics by ID, so use it only when every topic's ID is known.
 */
public record ProduceRequest(
    String transactionalId, short acks, int timeoutMs, List<TopicData> topicData)
    implements RequestMessage {

  public ProduceRequest {
    topicData = List.copyOf(topicData);
  }

  /**
   * One topic's partitions.
   *
   * @param name the topic name (required for v9-12)
   * @param topicId the topic ID (required for v13; null or zero when unknown)
   */
  public record TopicData(String name, UUID topicId, List<PartitionData> partitionData) {
    public TopicData {
      partitionData = List.copyOf(partitionData);
    }
  }

  /**
   * One partition's records.
   *
   * @param records the encoded batch (its remaining bytes), or null
   */
  public record PartitionData(int index, ByteBuffer records) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.PRODUCE;
  }

  /** Whether every topic carries a non-zero topic ID, which v13 requires. */
  public boolean hasAllTopicIds() {
    for (TopicData topic : topicData) {
      if (topic.topicId() == null || MetadataRequest.ZERO_UUID.equals(topic.topicId())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.PRODUCE.requireSupported(version);
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    w.writeNullableString(transactionalId, flex);
    w.writeInt16(acks);
    w.writeInt32(timeoutMs);
    w.writeArrayLength(topicData.size(), flex);
    for (int t = 0; t < topicData.size(); t++) {
      TopicData topic = topicData.get(t);
      if (version >= 13) {
        if (topic.topicId() == null || MetadataRequest.ZERO_UUID.equals(topic.topicId())) {
          // The broker would answer UNKNOWN_TOPIC_ID; negotiate v12 instead when IDs are unknown.
          throw new IllegalArgumentException("Produce v13 needs the topic ID of " + topic.name());
        }
        w.writeUuid(topic.topicId());
      } else {
        if (topic.name() == null) {
          throw new IllegalArgumentException("Produce v" + version + " needs topic names");
        }
        w.writeString(topic.name(), flex);
      }
      List<PartitionData> partitions = topic.partitionData();
      w.writeArrayLength(partitions.size(), flex);
      for (int p = 0; p < partitions.size(); p++) {
        PartitionData partition = partitions.get(p);
        w.writeInt32(partition.index());
        w.writeNullableBytes(partition.records(), flex);
        w.writeEmptyTaggedFields(flex);
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeEmptyTaggedFields(flex);
  }

  /** Reads a request (broker side); records are zero-copy slices of the input. */
  public static ProduceRequest read(ProtocolReader r, short version) {
    ApiKey.PRODUCE.requireSupported(version);
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    String transactionalId = r.readNullableString("ProduceRequest.TransactionalId", flex);
    short acks = r.readInt16("ProduceRequest.Acks");
    int timeoutMs = r.readInt32("ProduceRequest.TimeoutMs");
    List<TopicData> topics =
        r.readArray("ProduceRequest.TopicData", 3, flex, t -> readTopic(t, version));
    r.skipTaggedFields("ProduceRequest", flex);
    return new ProduceRequest(transactionalId, acks, timeoutMs, topics);
  }

  private static TopicData readTopic(ProtocolReader r, short version) {
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    String name = null;
    UUID topicId = null;
    if (version >= 13) {
      topicId = r.readUuid("ProduceRequest.TopicData.TopicId");
    } else {
      name = r.readString("ProduceRequest.TopicData.Name", flex);
    }
    List<PartitionData> partitions =
        r.readArray("ProduceRequest.PartitionData", 6, flex, p -> readPartition(p, flex));
    r.skipTaggedFields("ProduceRequest.TopicData", flex);
    return new TopicData(name, topicId, partitions);
  }

  private static PartitionData readPartition(ProtocolReader r, boolean flex) {
    int index = r.readInt32("ProduceRequest.PartitionData.Index");
    ByteBuffer records = r.readNullableBytesSlice("ProduceRequest.PartitionData.Records", flex);
    r.skipTaggedFields("ProduceRequest.PartitionData", flex);
    return new PartitionData(index, records);
  }
}
