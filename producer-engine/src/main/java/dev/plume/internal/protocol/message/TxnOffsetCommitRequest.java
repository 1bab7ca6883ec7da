package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.List;

/**
 * TxnOffsetCommit request (key 28), versions 0-5 (flexible from 3), sent to the group coordinator.
 * v5 signals Transactions V2 (implicit AddOffsetsToTxn); without TV2 cap at 4. Below v3 the group
 * generation, member id and instance id are not sent (the broker cannot fence zombies by group
 * membership, KIP-447); below v2 neither is the leader epoch.
 *
 * <pre>
 * TransactionalId compact string | GroupId compact string | ProducerId int64 | ProducerEpoch int16 |
 * GenerationId int32 (3+) | MemberId compact string (3+) | GroupInstanceId nullable string (3+) |
 * Topics [Name compact string, Partitions [PartitionIndex int32, CommittedOffset int64,
 *         CommittedLeaderEpoch int32 (2+), CommittedMetadata compact nullable string, tags], tags] | tags
 * </pre>
 */
public record TxnOffsetCommitRequest(
    String transactionalId,
    String groupId,
    long producerId,
    short producerEpoch,
    int generationId,
    String memberId,
    String groupInstanceId,
    List<Topic> topics)
    implements RequestMessage {

  public TxnOffsetCommitRequest {
    topics = List.copyOf(topics);
  }

  public record Topic(String name, List<Partition> partitions) {
    public Topic {
      partitions = List.copyOf(partitions);
    }
  }

  public record Partition(
      int partitionIndex,
      long committedOffset,
      int committedLeaderEpoch,
      String committedMetadata) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.TXN_OFFSET_COMMIT;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    boolean flex = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
    w.writeString(transactionalId, flex).writeString(groupId, flex);
    w.writeInt64(producerId).writeInt16(producerEpoch);
    if (version >= 3) {
      w.writeInt32(generationId);
      w.writeString(memberId, flex).writeNullableString(groupInstanceId, flex);
    }
    w.writeArrayLength(topics.size(), flex);
    for (Topic topic : topics) {
      w.writeString(topic.name(), flex);
      w.writeArrayLength(topic.partitions().size(), flex);
      for (Partition p : topic.partitions()) {
        w.writeInt32(p.partitionIndex()).writeInt64(p.committedOffset());
        if (version >= 2) {
          w.writeInt32(p.committedLeaderEpoch());
        }
        w.writeNullableString(p.committedMetadata(), flex);
        w.writeEmptyTaggedFields(flex);
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeEmptyTaggedFields(flex);
  }
}
