package dev.plume.internal.txn;

import dev.plume.internal.protocol.Errors;

/**
 * What a transactional RPC's error code means for the client: retry against the same coordinator,
 * look the coordinator up again, abort the transaction, or close the producer.
 */
enum TxnErrorAction {
  NONE,
  RETRY,
  REDISCOVER,
  ABORTABLE,
  FATAL_FENCED,
  FATAL_AUTHORIZATION,
  FATAL;

  /**
   * Classifies an error of a coordinator RPC (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn,
   * TxnOffsetCommit, EndTxn). Per-RPC exceptions are applied by the caller.
   */
  static TxnErrorAction of(short code) {
    Errors error = Errors.forCode(code);
    return switch (error) {
      case NONE -> TxnErrorAction.NONE;
      case COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS -> RETRY;
      case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> REDISCOVER;
      // On coordinator RPCs a stale epoch means another producer took over (Kafka maps it so).
      case INVALID_PRODUCER_EPOCH, PRODUCER_FENCED -> FATAL_FENCED;
      case TRANSACTIONAL_ID_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED ->
          FATAL_AUTHORIZATION;
      case INVALID_TXN_STATE, INVALID_PRODUCER_ID_MAPPING, INVALID_TRANSACTION_TIMEOUT -> FATAL;
      case TRANSACTION_ABORTABLE,
          UNKNOWN_PRODUCER_ID,
          TOPIC_AUTHORIZATION_FAILED,
          GROUP_AUTHORIZATION_FAILED,
          UNKNOWN_MEMBER_ID,
          ILLEGAL_GENERATION,
          FENCED_INSTANCE_ID ->
          ABORTABLE;
      default -> error.retriable() ? RETRY : FATAL;
    };
  }

  static String describe(short code) {
    return Errors.describe(code);
  }
}
