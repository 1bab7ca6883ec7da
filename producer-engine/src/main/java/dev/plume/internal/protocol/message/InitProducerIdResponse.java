package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;

/**
 * InitProducerId response (key 22), versions 0-5 (flexible from 2).
 *
 * <pre>
 * ThrottleTimeMs int32 | ErrorCode int16 | ProducerId int64 | ProducerEpoch int16 | tags
 * </pre>
 */
public record InitProducerIdResponse(
    int throttleTimeMs, short errorCode, long producerId, short producerEpoch)
    implements ResponseMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.INIT_PRODUCER_ID;
  }

  public static InitProducerIdResponse read(ProtocolReader r, short version) {
    ApiKey.INIT_PRODUCER_ID.requireSupported(version);
    boolean flex = ApiKey.INIT_PRODUCER_ID.isFlexible(version);
    InitProducerIdResponse response =
        new InitProducerIdResponse(
            r.readInt32("InitProducerIdResponse.ThrottleTimeMs"),
            r.readInt16("InitProducerIdResponse.ErrorCode"),
            r.readInt64("InitProducerIdResponse.ProducerId"),
            r.readInt16("InitProducerIdResponse.ProducerEpoch"));
    r.skipTaggedFields("InitProducerIdResponse", flex);
    return response;
  }
}
