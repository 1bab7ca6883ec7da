package dev.plume.sender;

import dev.plume.protocol.Errors;

/**
 * How the sender reacts to a Produce partition error code (kafka-protocol.md section 8): retry or
 * not, refresh metadata or not. Idempotence-specific codes are handled by the sender itself.
 */
final class ProduceErrorPolicy {

  static final short NONE = 0;
  static final short CORRUPT_MESSAGE = 2;
  static final short UNKNOWN_TOPIC_OR_PARTITION = 3;
  static final short LEADER_NOT_AVAILABLE = 5;
  static final short NOT_LEADER_OR_FOLLOWER = 6;
  static final short REQUEST_TIMED_OUT = 7;
  static final short REPLICA_NOT_AVAILABLE = 9;
  static final short MESSAGE_TOO_LARGE = 10;
  static final short NETWORK_EXCEPTION = 13;
  static final short RECORD_LIST_TOO_LARGE = 18;
  static final short NOT_ENOUGH_REPLICAS = 19;
  static final short NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20;
  static final short TOPIC_AUTHORIZATION_FAILED = 29;
  static final short CLUSTER_AUTHORIZATION_FAILED = 31;
  static final short INVALID_TIMESTAMP = 32;
  static final short UNSUPPORTED_VERSION = 35;
  static final short OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
  static final short DUPLICATE_SEQUENCE_NUMBER = 46;
  static final short INVALID_PRODUCER_EPOCH = 47;
  static final short KAFKA_STORAGE_ERROR = 56;
  static final short UNKNOWN_PRODUCER_ID = 59;
  static final short FENCED_LEADER_EPOCH = 74;
  static final short UNSUPPORTED_COMPRESSION_TYPE = 76;
  static final short INVALID_RECORD = 87;
  static final short PRODUCER_FENCED = 90;
  static final short UNKNOWN_TOPIC_ID = 100;
  static final short INCONSISTENT_TOPIC_ID = 103;
  static final short TRANSACTION_ABORTABLE = 120;
  static final short COORDINATOR_LOAD_IN_PROGRESS = 14;
  static final short COORDINATOR_NOT_AVAILABLE = 15;
  static final short NOT_COORDINATOR = 16;
  static final short CONCURRENT_TRANSACTIONS = 51;

  private ProduceErrorPolicy() {}

  static boolean isRetriable(short code) {
    return Errors.forCode(code).retriable();
  }

  /**
   * Retriable errors the broker gives before it appends anything (wrong leader, missing replicas,
   * unknown partition): the batch is certainly not in the log. Any other retriable error (e.g.
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT) may come after the append.
   */
  static boolean refusedBeforeAppend(short code) {
    return switch (code) {
      case CORRUPT_MESSAGE,
          UNKNOWN_TOPIC_OR_PARTITION,
          LEADER_NOT_AVAILABLE,
          NOT_LEADER_OR_FOLLOWER,
          NOT_ENOUGH_REPLICAS,
          FENCED_LEADER_EPOCH,
          UNKNOWN_TOPIC_ID,
          CONCURRENT_TRANSACTIONS ->
          true;
      default -> false;
    };
  }

  static boolean invalidatesMetadata(short code) {
    return Errors.forCode(code).invalidatesMetadata();
  }
}
