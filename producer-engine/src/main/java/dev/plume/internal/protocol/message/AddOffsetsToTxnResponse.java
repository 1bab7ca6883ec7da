package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;

/**
 * AddOffsetsToTxn response (key 25), versions 0-4 (flexible from 3).
 *
 * <pre>
 * ThrottleTimeMs int32 | ErrorCode int16 | tags
 * </pre>
 */
public record AddOffsetsToTxnResponse(int throttleTimeMs, short errorCode)
    implements ResponseMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.ADD_OFFSETS_TO_TXN;
  }

  public static AddOffsetsToTxnResponse read(ProtocolReader r, short version) {
    ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version);
    AddOffsetsToTxnResponse response =
        new AddOffsetsToTxnResponse(
            r.readInt32("AddOffsetsToTxnResponse.ThrottleTimeMs"),
            r.readInt16("AddOffsetsToTxnResponse.ErrorCode"));
    r.skipTaggedFields("AddOffsetsToTxnResponse", flex);
    return response;
  }
}
