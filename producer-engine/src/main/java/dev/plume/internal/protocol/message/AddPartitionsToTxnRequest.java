package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.List;

/**
 * AddPartitionsToTxn request (key 24), version 3 only: the last client form (v4+ is the batched
 * broker-to-broker form).
 *
 * <pre>
 * V3AndBelowTransactionalId compact string | V3AndBelowProducerId int64 |
 * V3AndBelowProducerEpoch int16 | V3AndBelowTopics [Name compact string, Partitions [int32], tags] | tags
 * </pre>
 */
public record AddPartitionsToTxnRequest(
    String transactionalId, long producerId, short producerEpoch, List<Topic> topics)
    implements RequestMessage {

  public AddPartitionsToTxnRequest {
    topics = List.copyOf(topics);
  }

  public record Topic(String name, List<Integer> partitions) {
    public Topic {
      partitions = List.copyOf(partitions);
    }
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.ADD_PARTITIONS_TO_TXN;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
    w.writeCompactString(transactionalId).writeInt64(producerId).writeInt16(producerEpoch);
    w.writeCompactArrayLength(topics.size());
    for (Topic topic : topics) {
      w.writeCompactString(topic.name());
      w.writeCompactArrayLength(topic.partitions().size());
      for (int partition : topic.partitions()) {
        w.writeInt32(partition);
      }
      w.writeEmptyTaggedFields();
    }
    w.writeEmptyTaggedFields();
  }

  public static AddPartitionsToTxnRequest read(ProtocolReader r, short version) {
    ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
    String transactionalId = r.readCompactString("AddPartitionsToTxnRequest.TransactionalId");
    long producerId = r.readInt64("AddPartitionsToTxnRequest.ProducerId");
    short epoch = r.readInt16("AddPartitionsToTxnRequest.ProducerEpoch");
    List<Topic> topics =
        r.readCompactArray(
            "AddPartitionsToTxnRequest.Topics",
            3,
            t -> {
              String name = t.readCompactString("AddPartitionsToTxnRequest.Topics.Name");
              List<Integer> partitions =
                  t.readCompactInt32Array("AddPartitionsToTxnRequest.Topics.Partitions");
              t.skipTaggedFields("AddPartitionsToTxnRequest.Topics");
              return new Topic(name, partitions);
            });
    r.skipTaggedFields("AddPartitionsToTxnRequest");
    return new AddPartitionsToTxnRequest(transactionalId, producerId, epoch, topics);
  }
}
