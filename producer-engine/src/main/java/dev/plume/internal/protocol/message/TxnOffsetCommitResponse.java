package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * TxnOffsetCommit response (key 28), versions 3-5.
 *
 * <pre>
 * ThrottleTimeMs int32 | Topics [Name compact string,
 *     Partitions [PartitionIndex int32, ErrorCode int16, tags], tags] | tags
 * </pre>
 */
public record TxnOffsetCommitResponse(int throttleTimeMs, List<Topic> topics)
    implements ResponseMessage {

  public TxnOffsetCommitResponse {
    topics = List.copyOf(topics);
  }

  public record Topic(String name, List<Partition> partitions) {
    public Topic {
      partitions = List.copyOf(partitions);
    }
  }

  public record Partition(int partitionIndex, short errorCode) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.TXN_OFFSET_COMMIT;
  }

  public static TxnOffsetCommitResponse read(ProtocolReader r, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    int throttleTimeMs = r.readInt32("TxnOffsetCommitResponse.ThrottleTimeMs");
    List<Topic> topics =
        r.readCompactArray("TxnOffsetCommitResponse.Topics", 3, TxnOffsetCommitResponse::readTopic);
    r.skipTaggedFields("TxnOffsetCommitResponse");
    return new TxnOffsetCommitResponse(throttleTimeMs, topics);
  }

  private static Topic readTopic(ProtocolReader r) {
    String name = r.readCompactString("TxnOffsetCommitResponse.Topics.Name");
    List<Partition> partitions =
        r.readCompactArray(
            "TxnOffsetCommitResponse.Partitions",
            7,
            p -> {
              Partition partition =
                  new Partition(
                      p.readInt32("TxnOffsetCommitResponse.Partitions.PartitionIndex"),
                      p.readInt16("TxnOffsetCommitResponse.Partitions.ErrorCode"));
              p.skipTaggedFields("TxnOffsetCommitResponse.Partitions");
              return partition;
            });
    r.skipTaggedFields("TxnOffsetCommitResponse.Topics");
    return new Topic(name, partitions);
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    w.writeInt32(throttleTimeMs);
    w.writeCompactArrayLength(topics.size());
    for (Topic topic : topics) {
      w.writeCompactString(topic.name());
      w.writeCompactArrayLength(topic.partitions().size());
      for (Partition p : topic.partitions()) {
        w.writeInt32(p.partitionIndex()).writeInt16(p.errorCode()).writeEmptyTaggedFields();
      }
      w.writeEmptyTaggedFields();
    }
    w.writeEmptyTaggedFields();
  }
}
