package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;

/**
 * EndTxn request (key 26), versions 0-5 (flexible from 3). v5 signals Transactions V2 (the
 * coordinator bumps the epoch and returns it); without TV2 cap at 4.
 *
 * <pre>
 * TransactionalId compact string | ProducerId int64 | ProducerEpoch int16 | Committed bool | tags
 * </pre>
 */
public record EndTxnRequest(
    String transactionalId, long producerId, short producerEpoch, boolean committed)
    implements RequestMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.END_TXN;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.END_TXN.requireSupported(version);
    boolean flex = ApiKey.END_TXN.isFlexible(version);
    w.writeString(transactionalId, flex).writeInt64(producerId).writeInt16(producerEpoch);
    w.writeBool(committed).writeEmptyTaggedFields(flex);
  }
}
