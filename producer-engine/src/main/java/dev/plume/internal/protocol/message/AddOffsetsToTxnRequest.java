package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;

/**
 * AddOffsetsToTxn request (key 25), versions 0-4 (flexible from 3; v4 may answer
 * TRANSACTION_ABORTABLE).
 *
 * <pre>
 * TransactionalId compact string | ProducerId int64 | ProducerEpoch int16 | GroupId compact string | tags
 * </pre>
 */
public record AddOffsetsToTxnRequest(
    String transactionalId, long producerId, short producerEpoch, String groupId)
    implements RequestMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.ADD_OFFSETS_TO_TXN;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version);
    w.writeString(transactionalId, flex).writeInt64(producerId).writeInt16(producerEpoch);
    w.writeString(groupId, flex).writeEmptyTaggedFields(flex);
  }
}
