package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;

/**
 * Response decoding by API key, for code that handles every API the same way (a network layer
 * matching responses to in-flight requests). Requests are decoded by {@link FakeBrokerDecoders}.
 */
public final class Messages {
  private Messages() {}

  /**
   * Reads a response body of {@code api} at {@code version}. ApiVersions uses the v0 fallback
   * ({@link ApiVersionsResponse#readWithFallback}); a FindCoordinator v3 answer gets an empty key
   * (call {@link FindCoordinatorResponse#read(ProtocolReader, short, String)} to attach it).
   */
  public static ResponseMessage readResponse(ApiKey api, ProtocolReader reader, short version) {
    return switch (api) {
      case PRODUCE -> ProduceResponse.read(reader, version);
      case METADATA -> MetadataResponse.read(reader, version);
      case FIND_COORDINATOR -> FindCoordinatorResponse.read(reader, version);
      case SASL_HANDSHAKE -> SaslHandshakeResponse.read(reader, version);
      case API_VERSIONS -> ApiVersionsResponse.readWithFallback(reader, version);
      case INIT_PRODUCER_ID -> InitProducerIdResponse.read(reader, version);
      case ADD_PARTITIONS_TO_TXN -> AddPartitionsToTxnResponse.read(reader, version);
      case ADD_OFFSETS_TO_TXN -> AddOffsetsToTxnResponse.read(reader, version);
      case END_TXN -> EndTxnResponse.read(reader, version);
      case TXN_OFFSET_COMMIT -> TxnOffsetCommitResponse.read(reader, version);
      case SASL_AUTHENTICATE -> SaslAuthenticateResponse.read(reader, version);
    };
  }
}
