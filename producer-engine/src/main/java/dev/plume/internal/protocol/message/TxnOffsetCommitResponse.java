package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * TxnOffsetCommit response (key 28), versions 0-5 (flexible from 3).
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
    boolean flex = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
    int throttleTimeMs = r.readInt32("TxnOffsetCommitResponse.ThrottleTimeMs");
    List<Topic> topics =
        r.readArray("TxnOffsetCommitResponse.Topics", 3, flex, t -> readTopic(t, flex));
    r.skipTaggedFields("TxnOffsetCommitResponse", flex);
    return new TxnOffsetCommitResponse(throttleTimeMs, topics);
  }

  private static Topic readTopic(ProtocolReader r, boolean flex) {
    String name = r.readString("TxnOffsetCommitResponse.Topics.Name", flex);
    List<Partition> partitions =
        r.readArray(
            "TxnOffsetCommitResponse.Partitions",
            7,
            flex,
            p -> {
              Partition partition =
                  new Partition(
                      p.readInt32("TxnOffsetCommitResponse.Partitions.PartitionIndex"),
                      p.readInt16("TxnOffsetCommitResponse.Partitions.ErrorCode"));
              p.skipTaggedFields("TxnOffsetCommitResponse.Partitions", flex);
              return partition;
            });
    r.skipTaggedFields("TxnOffsetCommitResponse.Topics", flex);
    return new Topic(name, partitions);
  }
}
