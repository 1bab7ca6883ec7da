package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.List;

/**
 * TxnOffsetCommit request (key 28), versions 3-5, sent to the group coordinator. v5 signals
 * Transactions V2 (implicit AddOffsetsToTxn); without TV2 cap at 4.
 *
 * <pre>
 * TransactionalId compact string | GroupId compact string | ProducerId int64 | ProducerEpoch int16 |
 * GenerationId int32 | MemberId compact string | GroupInstanceId compact nullable string |
 * Topics [Name compact string, Partitions [PartitionIndex int32, CommittedOffset int64,
 *         CommittedLeaderEpoch int32, CommittedMetadata compact nullable string, tags], tags] | tags
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
    w.writeCompactString(transactionalId).writeCompactString(groupId);
    w.writeInt64(producerId).writeInt16(producerEpoch).writeInt32(generationId);
    w.writeCompactString(memberId).writeCompactNullableString(groupInstanceId);
    w.writeCompactArrayLength(topics.size());
    for (Topic topic : topics) {
      w.writeCompactString(topic.name());
      w.writeCompactArrayLength(topic.partitions().size());
      for (Partition p : topic.partitions()) {
        w.writeInt32(p.partitionIndex()).writeInt64(p.committedOffset());
        w.writeInt32(p.committedLeaderEpoch()).writeCompactNullableString(p.committedMetadata());
        w.writeEmptyTaggedFields();
      }
      w.writeEmptyTaggedFields();
    }
    w.writeEmptyTaggedFields();
  }

  public static TxnOffsetCommitRequest read(ProtocolReader r, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    String transactionalId = r.readCompactString("TxnOffsetCommitRequest.TransactionalId");
    String groupId = r.readCompactString("TxnOffsetCommitRequest.GroupId");
    long producerId = r.readInt64("TxnOffsetCommitRequest.ProducerId");
    short epoch = r.readInt16("TxnOffsetCommitRequest.ProducerEpoch");
    int generationId = r.readInt32("TxnOffsetCommitRequest.GenerationId");
    String memberId = r.readCompactString("TxnOffsetCommitRequest.MemberId");
    String instanceId = r.readCompactNullableString("TxnOffsetCommitRequest.GroupInstanceId");
    List<Topic> topics =
        r.readCompactArray("TxnOffsetCommitRequest.Topics", 3, TxnOffsetCommitRequest::readTopic);
    r.skipTaggedFields("TxnOffsetCommitRequest");
    return new TxnOffsetCommitRequest(
        transactionalId, groupId, producerId, epoch, generationId, memberId, instanceId, topics);
  }

  private static Topic readTopic(ProtocolReader r) {
    String name = r.readCompactString("TxnOffsetCommitRequest.Topics.Name");
    List<Partition> partitions =
        r.readCompactArray(
            "TxnOffsetCommitRequest.Partitions",
            18,
            p -> {
              Partition partition =
                  new Partition(
                      p.readInt32("TxnOffsetCommitRequest.Partitions.PartitionIndex"),
                      p.readInt64("TxnOffsetCommitRequest.Partitions.CommittedOffset"),
                      p.readInt32("TxnOffsetCommitRequest.Partitions.CommittedLeaderEpoch"),
                      p.readCompactNullableString(
                          "TxnOffsetCommitRequest.Partitions.CommittedMetadata"));
              p.skipTaggedFields("TxnOffsetCommitRequest.Partitions");
              return partition;
            });
    r.skipTaggedFields("TxnOffsetCommitRequest.Topics");
    return new Topic(name, partitions);
  }
}
