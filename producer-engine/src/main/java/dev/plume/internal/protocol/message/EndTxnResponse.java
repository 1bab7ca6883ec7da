package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;

/**
 * EndTxn response (key 26), versions 0-5 (flexible from 3).
 *
 * <pre>
 * ThrottleTimeMs int32 | ErrorCode int16 | ProducerId int64 (5+, default -1) |
 * ProducerEpoch int16 (5+, default -1) | tags
 * </pre>
 *
 * With Transactions V2 the v5 ProducerId/ProducerEpoch carry the bumped epoch (or a new id).
 */
public record EndTxnResponse(
    int throttleTimeMs, short errorCode, long producerId, short producerEpoch)
    implements ResponseMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.END_TXN;
  }

  public static EndTxnResponse read(ProtocolReader r, short version) {
    ApiKey.END_TXN.requireSupported(version);
    boolean flex = ApiKey.END_TXN.isFlexible(version);
    int throttleTimeMs = r.readInt32("EndTxnResponse.ThrottleTimeMs");
    short errorCode = r.readInt16("EndTxnResponse.ErrorCode");
    long producerId = version >= 5 ? r.readInt64("EndTxnResponse.ProducerId") : -1L;
    short epoch = version >= 5 ? r.readInt16("EndTxnResponse.ProducerEpoch") : -1;
    r.skipTaggedFields("EndTxnResponse", flex);
    return new EndTxnResponse(throttleTimeMs, errorCode, producerId, epoch);
  }
}
