package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;

/**
 * InitProducerId request (key 22), versions 0-5 (flexible from 2).
 *
 * <pre>
 * TransactionalId compact nullable string | TransactionTimeoutMs int32 |
 * ProducerId int64 (3+, default -1) | ProducerEpoch int16 (3+, default -1) | tags
 * </pre>
 *
 * An idempotent-only producer sends a null TransactionalId and timeout Integer.MAX_VALUE. v3+ lets
 * a transactional producer ask for an epoch bump of an existing id (KIP-360); v4 may return
 * PRODUCER_FENCED, v5 TRANSACTION_ABORTABLE.
 */
public record InitProducerIdRequest(
    String transactionalId, int transactionTimeoutMs, long producerId, short producerEpoch)
    implements RequestMessage {

  /** A request for a fresh producer id (no epoch bump). */
  public static InitProducerIdRequest fresh(String transactionalId, int transactionTimeoutMs) {
    return new InitProducerIdRequest(transactionalId, transactionTimeoutMs, -1L, (short) -1);
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.INIT_PRODUCER_ID;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.INIT_PRODUCER_ID.requireSupported(version);
    boolean flex = ApiKey.INIT_PRODUCER_ID.isFlexible(version);
    w.writeNullableString(transactionalId, flex);
    w.writeInt32(transactionTimeoutMs);
    if (version >= 3) {
      w.writeInt64(producerId);
      w.writeInt16(producerEpoch);
    } else if (producerId != -1L || producerEpoch != -1) {
      throw new IllegalArgumentException(
          "InitProducerId v" + version + " cannot carry a producer id and epoch");
    }
    w.writeEmptyTaggedFields(flex);
  }
}
