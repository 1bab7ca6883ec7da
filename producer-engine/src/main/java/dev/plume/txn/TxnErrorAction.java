package dev.plume.txn;

import dev.plume.protocol.Errors;

/**
 * What a transactional RPC's error code means for the client (kafka-protocol.md 7.6): retry against
 * the same coordinator, look the coordinator up again, abort the transaction, or close the
 * producer.
 */
enum TxnErrorAction {
  NONE,
  RETRY,
  REDISCOVER,
  ABORTABLE,
  FATAL_FENCED,
  FATAL_AUTHORIZATION,
  FATAL;

  static final short COORDINATOR_LOAD_IN_PROGRESS = 14;
  static final short COORDINATOR_NOT_AVAILABLE = 15;
  static final short NOT_COORDINATOR = 16;
  static final short REQUEST_TIMED_OUT = 7;
  static final short ILLEGAL_GENERATION = 22;
  static final short UNKNOWN_MEMBER_ID = 25;
  static final short TOPIC_AUTHORIZATION_FAILED = 29;
  static final short GROUP_AUTHORIZATION_FAILED = 30;
  static final short CLUSTER_AUTHORIZATION_FAILED = 31;
  static final short INVALID_PRODUCER_EPOCH = 47;
  static final short INVALID_TXN_STATE = 48;
  static final short INVALID_PRODUCER_ID_MAPPING = 49;
  static final short INVALID_TRANSACTION_TIMEOUT = 50;
  static final short CONCURRENT_TRANSACTIONS = 51;
  static final short TRANSACTIONAL_ID_AUTHORIZATION_FAILED = 53;
  static final short OPERATION_NOT_ATTEMPTED = 55;
  static final short UNKNOWN_PRODUCER_ID = 59;
  static final short FENCED_INSTANCE_ID = 82;
  static final short PRODUCER_FENCED = 90;
  static final short TRANSACTION_ABORTABLE = 120;

  /**
   * Classifies an error of a coordinator RPC (InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn,
   * TxnOffsetCommit, EndTxn). Per-RPC exceptions are applied by the caller.
   */
  static TxnErrorAction of(short code) {
    return switch (code) {
      case 0 -> NONE;
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
      default -> Errors.forCode(code).retriable() ? RETRY : FATAL;
    };
  }

  static String describe(short code) {
    return Errors.forCode(code).name() + " (" + code + ")";
  }
}
