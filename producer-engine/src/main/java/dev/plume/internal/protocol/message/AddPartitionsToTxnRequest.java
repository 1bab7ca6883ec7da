package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.List;

/**
 * AddPartitionsToTxn request (key 24), versions 0-3 (flexible from 3): the client forms (v4+ is the
 * batched broker-to-broker form).
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
    boolean flex = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
    w.writeString(transactionalId, flex).writeInt64(producerId).writeInt16(producerEpoch);
    w.writeArrayLength(topics.size(), flex);
    for (Topic topic : topics) {
      w.writeString(topic.name(), flex);
      w.writeArrayLength(topic.partitions().size(), flex);
      for (int partition : topic.partitions()) {
        w.writeInt32(partition);
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeEmptyTaggedFields(flex);
  }
}
