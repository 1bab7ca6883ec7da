package dev.plume.protocol;

/**
 * The table of Kafka error codes (all codes of Kafka 4.1, -1 to 133). Retriable and "invalidates
 * metadata" follow the Java client's exception classes (RetriableException,
 * InvalidMetadataException). Producer-specific handling that is not a plain retry (sequence errors,
 * fencing, record-too-large splits) belongs to the caller; see kafka-protocol.md 7.6/8.
 */
public final class Errors {

  static final String UNKNOWN_NAME = "UNKNOWN_ERROR_CODE";
  private static final int MIN_CODE = -1;
  private static final ErrorCode[] BY_CODE = new ErrorCode[200];

  private Errors() {}

  private static ErrorCode define(
      int code, String name, boolean retriable, boolean invalidatesMetadata, String message) {
    ErrorCode error = new ErrorCode((short) code, name, retriable, invalidatesMetadata, message);
    if (BY_CODE[code - MIN_CODE] != null) {
      throw new IllegalStateException("duplicate error code " + code);
    }
    BY_CODE[code - MIN_CODE] = error;
    return error;
  }

  /**
   * The entry for a wire error code; unknown codes give a non-retriable entry named {@value
   * #UNKNOWN_NAME} carrying the code.
   */
  public static ErrorCode forCode(int code) {
    int index = code - MIN_CODE;
    if (index >= 0 && index < BY_CODE.length && BY_CODE[index] != null) {
      return BY_CODE[index];
    }
    return new ErrorCode(
        (short) code,
        UNKNOWN_NAME,
        false,
        false,
        "Error code " + code + " is unknown to this client");
  }

  public static final ErrorCode UNKNOWN_SERVER_ERROR =
      define(
          -1,
          "UNKNOWN_SERVER_ERROR",
          false,
          false,
          "The server hit an unexpected error while handling the request");

  public static final ErrorCode NONE = define(0, "NONE", false, false, "No error");

  public static final ErrorCode OFFSET_OUT_OF_RANGE =
      define(1, "OFFSET_OUT_OF_RANGE", false, false, "Offset out of range");

  public static final ErrorCode CORRUPT_MESSAGE =
      define(
          2,
          "CORRUPT_MESSAGE",
          true,
          false,
          "The broker found a record batch that fails its CRC check or is otherwise corrupt");

  public static final ErrorCode UNKNOWN_TOPIC_OR_PARTITION =
      define(
          3,
          "UNKNOWN_TOPIC_OR_PARTITION",
          true,
          true,
          "The broker does not host this topic-partition (or the principal may not describe it)");

  public static final ErrorCode INVALID_FETCH_SIZE =
      define(4, "INVALID_FETCH_SIZE", false, false, "Invalid fetch size");

  public static final ErrorCode LEADER_NOT_AVAILABLE =
      define(
          5,
          "LEADER_NOT_AVAILABLE",
          true,
          true,
          "The partition has no leader right now (election in progress)");

  public static final ErrorCode NOT_LEADER_OR_FOLLOWER =
      define(
          6,
          "NOT_LEADER_OR_FOLLOWER",
          true,
          true,
          "The broker is not the leader of this partition any more");

  public static final ErrorCode REQUEST_TIMED_OUT =
      define(
          7,
          "REQUEST_TIMED_OUT",
          true,
          false,
          "The request timed out (on the broker, waiting for replica acknowledgements)");

  public static final ErrorCode BROKER_NOT_AVAILABLE =
      define(8, "BROKER_NOT_AVAILABLE", false, false, "Broker not available");

  public static final ErrorCode REPLICA_NOT_AVAILABLE =
      define(9, "REPLICA_NOT_AVAILABLE", true, true, "A replica of the partition is not available");

  public static final ErrorCode MESSAGE_TOO_LARGE =
      define(
          10,
          "MESSAGE_TOO_LARGE",
          false,
          false,
          "The record batch is larger than the topic accepts (max.message.bytes)");

  public static final ErrorCode STALE_CONTROLLER_EPOCH =
      define(11, "STALE_CONTROLLER_EPOCH", false, false, "Stale controller epoch");

  public static final ErrorCode OFFSET_METADATA_TOO_LARGE =
      define(12, "OFFSET_METADATA_TOO_LARGE", false, false, "Offset metadata too large");

  public static final ErrorCode NETWORK_EXCEPTION =
      define(
          13,
          "NETWORK_EXCEPTION",
          true,
          true,
          "The connection to the broker failed before a response arrived");

  public static final ErrorCode COORDINATOR_LOAD_IN_PROGRESS =
      define(
          14,
          "COORDINATOR_LOAD_IN_PROGRESS",
          true,
          false,
          "The coordinator is still loading its state");

  public static final ErrorCode COORDINATOR_NOT_AVAILABLE =
      define(15, "COORDINATOR_NOT_AVAILABLE", true, false, "The coordinator is not available");

  public static final ErrorCode NOT_COORDINATOR =
      define(16, "NOT_COORDINATOR", true, false, "This broker is not the coordinator for the key");

  public static final ErrorCode INVALID_TOPIC_EXCEPTION =
      define(
          17,
          "INVALID_TOPIC_EXCEPTION",
          false,
          false,
          "The topic name is invalid, or writing to an internal topic is not allowed");

  public static final ErrorCode RECORD_LIST_TOO_LARGE =
      define(
          18,
          "RECORD_LIST_TOO_LARGE",
          false,
          false,
          "The request holds more record data than the broker accepts for one partition");

  public static final ErrorCode NOT_ENOUGH_REPLICAS =
      define(
          19,
          "NOT_ENOUGH_REPLICAS",
          true,
          false,
          "Fewer in-sync replicas than min.insync.replicas: nothing was written");

  public static final ErrorCode NOT_ENOUGH_REPLICAS_AFTER_APPEND =
      define(
          20,
          "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
          true,
          false,
          "Written on the leader, but fewer in-sync replicas than required acknowledged it");

  public static final ErrorCode INVALID_REQUIRED_ACKS =
      define(21, "INVALID_REQUIRED_ACKS", false, false, "Acks must be -1, 0 or 1");

  public static final ErrorCode ILLEGAL_GENERATION =
      define(
          22, "ILLEGAL_GENERATION", false, false, "The consumer group generation is not current");

  public static final ErrorCode INCONSISTENT_GROUP_PROTOCOL =
      define(23, "INCONSISTENT_GROUP_PROTOCOL", false, false, "Inconsistent group protocol");

  public static final ErrorCode INVALID_GROUP_ID =
      define(24, "INVALID_GROUP_ID", false, false, "Invalid group id");

  public static final ErrorCode UNKNOWN_MEMBER_ID =
      define(
          25, "UNKNOWN_MEMBER_ID", false, false, "The consumer group does not know this member id");

  public static final ErrorCode INVALID_SESSION_TIMEOUT =
      define(26, "INVALID_SESSION_TIMEOUT", false, false, "Invalid session timeout");

  public static final ErrorCode REBALANCE_IN_PROGRESS =
      define(27, "REBALANCE_IN_PROGRESS", false, false, "Rebalance in progress");

  public static final ErrorCode INVALID_COMMIT_OFFSET_SIZE =
      define(28, "INVALID_COMMIT_OFFSET_SIZE", false, false, "Invalid commit offset size");

  public static final ErrorCode TOPIC_AUTHORIZATION_FAILED =
      define(
          29,
          "TOPIC_AUTHORIZATION_FAILED",
          false,
          false,
          "The principal is not authorized to access the topic");

  public static final ErrorCode GROUP_AUTHORIZATION_FAILED =
      define(
          30,
          "GROUP_AUTHORIZATION_FAILED",
          false,
          false,
          "The principal is not authorized to access the group");

  public static final ErrorCode CLUSTER_AUTHORIZATION_FAILED =
      define(
          31,
          "CLUSTER_AUTHORIZATION_FAILED",
          false,
          false,
          "The principal is not authorized for this cluster action (e.g. idempotent writes)");

  public static final ErrorCode INVALID_TIMESTAMP =
      define(
          32,
          "INVALID_TIMESTAMP",
          false,
          false,
          "A record timestamp is outside the range the topic accepts");

  public static final ErrorCode UNSUPPORTED_SASL_MECHANISM =
      define(
          33,
          "UNSUPPORTED_SASL_MECHANISM",
          false,
          false,
          "The broker does not enable the requested SASL mechanism");

  public static final ErrorCode ILLEGAL_SASL_STATE =
      define(
          34,
          "ILLEGAL_SASL_STATE",
          false,
          false,
          "The request is not valid in the current SASL state");

  public static final ErrorCode UNSUPPORTED_VERSION =
      define(
          35,
          "UNSUPPORTED_VERSION",
          false,
          false,
          "The broker does not support this version of the API");

  public static final ErrorCode TOPIC_ALREADY_EXISTS =
      define(36, "TOPIC_ALREADY_EXISTS", false, false, "Topic already exists");

  public static final ErrorCode INVALID_PARTITIONS =
      define(37, "INVALID_PARTITIONS", false, false, "Invalid partitions");

  public static final ErrorCode INVALID_REPLICATION_FACTOR =
      define(38, "INVALID_REPLICATION_FACTOR", false, false, "Invalid replication factor");

  public static final ErrorCode INVALID_REPLICA_ASSIGNMENT =
      define(39, "INVALID_REPLICA_ASSIGNMENT", false, false, "Invalid replica assignment");

  public static final ErrorCode INVALID_CONFIG =
      define(40, "INVALID_CONFIG", false, false, "Invalid config");

  public static final ErrorCode NOT_CONTROLLER =
      define(41, "NOT_CONTROLLER", true, false, "Not controller");

  public static final ErrorCode INVALID_REQUEST =
      define(
          42,
          "INVALID_REQUEST",
          false,
          false,
          "The broker could not make sense of the request (malformed or inconsistent fields)");

  public static final ErrorCode UNSUPPORTED_FOR_MESSAGE_FORMAT =
      define(
          43,
          "UNSUPPORTED_FOR_MESSAGE_FORMAT",
          false,
          false,
          "The request needs a newer message format than the topic uses");

  public static final ErrorCode POLICY_VIOLATION =
      define(44, "POLICY_VIOLATION", false, false, "Policy violation");

  public static final ErrorCode OUT_OF_ORDER_SEQUENCE_NUMBER =
      define(
          45,
          "OUT_OF_ORDER_SEQUENCE_NUMBER",
          false,
          false,
          "The broker expected a different producer sequence number");

  public static final ErrorCode DUPLICATE_SEQUENCE_NUMBER =
      define(
          46,
          "DUPLICATE_SEQUENCE_NUMBER",
          false,
          false,
          "The broker has already written a batch with this sequence number");

  public static final ErrorCode INVALID_PRODUCER_EPOCH =
      define(
          47,
          "INVALID_PRODUCER_EPOCH",
          false,
          false,
          "The producer epoch is older than the one the broker knows");

  public static final ErrorCode INVALID_TXN_STATE =
      define(
          48,
          "INVALID_TXN_STATE",
          false,
          false,
          "The operation is not valid in the current state of the transaction");

  public static final ErrorCode INVALID_PRODUCER_ID_MAPPING =
      define(
          49,
          "INVALID_PRODUCER_ID_MAPPING",
          false,
          false,
          "The producer id does not belong to this transactional id");

  public static final ErrorCode INVALID_TRANSACTION_TIMEOUT =
      define(
          50,
          "INVALID_TRANSACTION_TIMEOUT",
          false,
          false,
          "The transaction timeout exceeds the broker maximum (transaction.max.timeout.ms)");

  public static final ErrorCode CONCURRENT_TRANSACTIONS =
      define(
          51,
          "CONCURRENT_TRANSACTIONS",
          true,
          false,
          "The coordinator is still completing a previous transaction for this producer");

  public static final ErrorCode TRANSACTION_COORDINATOR_FENCED =
      define(
          52,
          "TRANSACTION_COORDINATOR_FENCED",
          false,
          false,
          "A newer transaction coordinator has taken over");

  public static final ErrorCode TRANSACTIONAL_ID_AUTHORIZATION_FAILED =
      define(
          53,
          "TRANSACTIONAL_ID_AUTHORIZATION_FAILED",
          false,
          false,
          "The principal is not authorized to use this transactional id");

  public static final ErrorCode SECURITY_DISABLED =
      define(54, "SECURITY_DISABLED", false, false, "Security disabled");

  public static final ErrorCode OPERATION_NOT_ATTEMPTED =
      define(55, "OPERATION_NOT_ATTEMPTED", false, false, "Operation not attempted");

  public static final ErrorCode KAFKA_STORAGE_ERROR =
      define(
          56,
          "KAFKA_STORAGE_ERROR",
          true,
          true,
          "The broker had a disk error for the partition's log");

  public static final ErrorCode LOG_DIR_NOT_FOUND =
      define(57, "LOG_DIR_NOT_FOUND", false, false, "Log dir not found");

  public static final ErrorCode SASL_AUTHENTICATION_FAILED =
      define(58, "SASL_AUTHENTICATION_FAILED", false, false, "SASL authentication failed");

  public static final ErrorCode UNKNOWN_PRODUCER_ID =
      define(
          59,
          "UNKNOWN_PRODUCER_ID",
          false,
          false,
          "The broker has no state for this producer id (e.g. removed by retention)");

  public static final ErrorCode REASSIGNMENT_IN_PROGRESS =
      define(60, "REASSIGNMENT_IN_PROGRESS", false, false, "Reassignment in progress");

  public static final ErrorCode DELEGATION_TOKEN_AUTH_DISABLED =
      define(61, "DELEGATION_TOKEN_AUTH_DISABLED", false, false, "Delegation token auth disabled");

  public static final ErrorCode DELEGATION_TOKEN_NOT_FOUND =
      define(62, "DELEGATION_TOKEN_NOT_FOUND", false, false, "Delegation token not found");

  public static final ErrorCode DELEGATION_TOKEN_OWNER_MISMATCH =
      define(
          63, "DELEGATION_TOKEN_OWNER_MISMATCH", false, false, "Delegation token owner mismatch");

  public static final ErrorCode DELEGATION_TOKEN_REQUEST_NOT_ALLOWED =
      define(
          64,
          "DELEGATION_TOKEN_REQUEST_NOT_ALLOWED",
          false,
          false,
          "Delegation token request not allowed");

  public static final ErrorCode DELEGATION_TOKEN_AUTHORIZATION_FAILED =
      define(
          65,
          "DELEGATION_TOKEN_AUTHORIZATION_FAILED",
          false,
          false,
          "Delegation token authorization failed");

  public static final ErrorCode DELEGATION_TOKEN_EXPIRED =
      define(66, "DELEGATION_TOKEN_EXPIRED", false, false, "Delegation token expired");

  public static final ErrorCode INVALID_PRINCIPAL_TYPE =
      define(67, "INVALID_PRINCIPAL_TYPE", false, false, "Invalid principal type");

  public static final ErrorCode NON_EMPTY_GROUP =
      define(68, "NON_EMPTY_GROUP", false, false, "Non empty group");

  public static final ErrorCode GROUP_ID_NOT_FOUND =
      define(69, "GROUP_ID_NOT_FOUND", false, false, "Group id not found");

  public static final ErrorCode FETCH_SESSION_ID_NOT_FOUND =
      define(70, "FETCH_SESSION_ID_NOT_FOUND", true, false, "Fetch session id not found");

  public static final ErrorCode INVALID_FETCH_SESSION_EPOCH =
      define(71, "INVALID_FETCH_SESSION_EPOCH", true, false, "Invalid fetch session epoch");

  public static final ErrorCode LISTENER_NOT_FOUND =
      define(
          72,
          "LISTENER_NOT_FOUND",
          true,
          true,
          "The leader has no endpoint for the listener the request came in on");

  public static final ErrorCode TOPIC_DELETION_DISABLED =
      define(73, "TOPIC_DELETION_DISABLED", false, false, "Topic deletion disabled");

  public static final ErrorCode FENCED_LEADER_EPOCH =
      define(
          74,
          "FENCED_LEADER_EPOCH",
          true,
          true,
          "The leader epoch in the request is older than the broker's");

  public static final ErrorCode UNKNOWN_LEADER_EPOCH =
      define(
          75,
          "UNKNOWN_LEADER_EPOCH",
          true,
          false,
          "The leader epoch in the request is newer than the broker's");

  public static final ErrorCode UNSUPPORTED_COMPRESSION_TYPE =
      define(
          76,
          "UNSUPPORTED_COMPRESSION_TYPE",
          false,
          false,
          "The compression type is not supported at this request version");

  public static final ErrorCode STALE_BROKER_EPOCH =
      define(77, "STALE_BROKER_EPOCH", false, false, "Stale broker epoch");

  public static final ErrorCode OFFSET_NOT_AVAILABLE =
      define(78, "OFFSET_NOT_AVAILABLE", true, false, "Offset not available");

  public static final ErrorCode MEMBER_ID_REQUIRED =
      define(79, "MEMBER_ID_REQUIRED", false, false, "Member id required");

  public static final ErrorCode PREFERRED_LEADER_NOT_AVAILABLE =
      define(80, "PREFERRED_LEADER_NOT_AVAILABLE", true, true, "Preferred leader not available");

  public static final ErrorCode GROUP_MAX_SIZE_REACHED =
      define(81, "GROUP_MAX_SIZE_REACHED", false, false, "Group max size reached");

  public static final ErrorCode FENCED_INSTANCE_ID =
      define(
          82,
          "FENCED_INSTANCE_ID",
          false,
          false,
          "Another consumer with the same group.instance.id has taken over");

  public static final ErrorCode ELIGIBLE_LEADERS_NOT_AVAILABLE =
      define(83, "ELIGIBLE_LEADERS_NOT_AVAILABLE", true, true, "Eligible leaders not available");

  public static final ErrorCode ELECTION_NOT_NEEDED =
      define(84, "ELECTION_NOT_NEEDED", true, true, "Election not needed");

  public static final ErrorCode NO_REASSIGNMENT_IN_PROGRESS =
      define(85, "NO_REASSIGNMENT_IN_PROGRESS", false, false, "No reassignment in progress");

  public static final ErrorCode GROUP_SUBSCRIBED_TO_TOPIC =
      define(86, "GROUP_SUBSCRIBED_TO_TOPIC", false, false, "Group subscribed to topic");

  public static final ErrorCode INVALID_RECORD =
      define(
          87,
          "INVALID_RECORD",
          false,
          false,
          "The broker refused one or more records of the batch");

  public static final ErrorCode UNSTABLE_OFFSET_COMMIT =
      define(88, "UNSTABLE_OFFSET_COMMIT", true, false, "Unstable offset commit");

  public static final ErrorCode THROTTLING_QUOTA_EXCEEDED =
      define(89, "THROTTLING_QUOTA_EXCEEDED", true, false, "A quota was exceeded");

  public static final ErrorCode PRODUCER_FENCED =
      define(
          90,
          "PRODUCER_FENCED",
          false,
          false,
          "A newer producer with the same transactional id has fenced this one");

  public static final ErrorCode RESOURCE_NOT_FOUND =
      define(91, "RESOURCE_NOT_FOUND", false, false, "Resource not found");

  public static final ErrorCode DUPLICATE_RESOURCE =
      define(92, "DUPLICATE_RESOURCE", false, false, "Duplicate resource");

  public static final ErrorCode UNACCEPTABLE_CREDENTIAL =
      define(93, "UNACCEPTABLE_CREDENTIAL", false, false, "Unacceptable credential");

  public static final ErrorCode INCONSISTENT_VOTER_SET =
      define(94, "INCONSISTENT_VOTER_SET", false, false, "Inconsistent voter set");

  public static final ErrorCode INVALID_UPDATE_VERSION =
      define(95, "INVALID_UPDATE_VERSION", false, false, "Invalid update version");

  public static final ErrorCode FEATURE_UPDATE_FAILED =
      define(96, "FEATURE_UPDATE_FAILED", false, false, "Feature update failed");

  public static final ErrorCode PRINCIPAL_DESERIALIZATION_FAILURE =
      define(
          97,
          "PRINCIPAL_DESERIALIZATION_FAILURE",
          false,
          false,
          "Principal deserialization failure");

  public static final ErrorCode SNAPSHOT_NOT_FOUND =
      define(98, "SNAPSHOT_NOT_FOUND", false, false, "Snapshot not found");

  public static final ErrorCode POSITION_OUT_OF_RANGE =
      define(99, "POSITION_OUT_OF_RANGE", false, false, "Position out of range");

  public static final ErrorCode UNKNOWN_TOPIC_ID =
      define(100, "UNKNOWN_TOPIC_ID", true, true, "The broker does not know this topic id");

  public static final ErrorCode DUPLICATE_BROKER_REGISTRATION =
      define(101, "DUPLICATE_BROKER_REGISTRATION", false, false, "Duplicate broker registration");

  public static final ErrorCode BROKER_ID_NOT_REGISTERED =
      define(102, "BROKER_ID_NOT_REGISTERED", false, false, "Broker id not registered");

  public static final ErrorCode INCONSISTENT_TOPIC_ID =
      define(
          103,
          "INCONSISTENT_TOPIC_ID",
          true,
          true,
          "The topic id does not match the broker's for this topic");

  public static final ErrorCode INCONSISTENT_CLUSTER_ID =
      define(104, "INCONSISTENT_CLUSTER_ID", false, false, "Inconsistent cluster id");

  public static final ErrorCode TRANSACTIONAL_ID_NOT_FOUND =
      define(105, "TRANSACTIONAL_ID_NOT_FOUND", false, false, "The transactional id was not found");

  public static final ErrorCode FETCH_SESSION_TOPIC_ID_ERROR =
      define(106, "FETCH_SESSION_TOPIC_ID_ERROR", true, false, "Fetch session topic id error");

  public static final ErrorCode INELIGIBLE_REPLICA =
      define(107, "INELIGIBLE_REPLICA", false, false, "Ineligible replica");

  public static final ErrorCode NEW_LEADER_ELECTED =
      define(108, "NEW_LEADER_ELECTED", false, false, "New leader elected");

  public static final ErrorCode OFFSET_MOVED_TO_TIERED_STORAGE =
      define(109, "OFFSET_MOVED_TO_TIERED_STORAGE", false, false, "Offset moved to tiered storage");

  public static final ErrorCode FENCED_MEMBER_EPOCH =
      define(110, "FENCED_MEMBER_EPOCH", false, false, "Fenced member epoch");

  public static final ErrorCode UNRELEASED_INSTANCE_ID =
      define(111, "UNRELEASED_INSTANCE_ID", false, false, "Unreleased instance id");

  public static final ErrorCode UNSUPPORTED_ASSIGNOR =
      define(112, "UNSUPPORTED_ASSIGNOR", false, false, "Unsupported assignor");

  public static final ErrorCode STALE_MEMBER_EPOCH =
      define(113, "STALE_MEMBER_EPOCH", false, false, "Stale member epoch");

  public static final ErrorCode MISMATCHED_ENDPOINT_TYPE =
      define(114, "MISMATCHED_ENDPOINT_TYPE", false, false, "Mismatched endpoint type");

  public static final ErrorCode UNSUPPORTED_ENDPOINT_TYPE =
      define(115, "UNSUPPORTED_ENDPOINT_TYPE", false, false, "Unsupported endpoint type");

  public static final ErrorCode UNKNOWN_CONTROLLER_ID =
      define(116, "UNKNOWN_CONTROLLER_ID", false, false, "Unknown controller id");

  public static final ErrorCode UNKNOWN_SUBSCRIPTION_ID =
      define(117, "UNKNOWN_SUBSCRIPTION_ID", false, false, "Unknown subscription id");

  public static final ErrorCode TELEMETRY_TOO_LARGE =
      define(118, "TELEMETRY_TOO_LARGE", false, false, "Telemetry too large");

  public static final ErrorCode INVALID_REGISTRATION =
      define(119, "INVALID_REGISTRATION", false, false, "Invalid registration");

  public static final ErrorCode TRANSACTION_ABORTABLE =
      define(
          120,
          "TRANSACTION_ABORTABLE",
          false,
          false,
          "The transaction must be aborted; the producer may then continue");

  public static final ErrorCode INVALID_RECORD_STATE =
      define(121, "INVALID_RECORD_STATE", false, false, "Invalid record state");

  public static final ErrorCode SHARE_SESSION_NOT_FOUND =
      define(122, "SHARE_SESSION_NOT_FOUND", true, false, "Share session not found");

  public static final ErrorCode INVALID_SHARE_SESSION_EPOCH =
      define(123, "INVALID_SHARE_SESSION_EPOCH", true, false, "Invalid share session epoch");

  public static final ErrorCode FENCED_STATE_EPOCH =
      define(124, "FENCED_STATE_EPOCH", false, false, "Fenced state epoch");

  public static final ErrorCode INVALID_VOTER_KEY =
      define(125, "INVALID_VOTER_KEY", false, false, "Invalid voter key");

  public static final ErrorCode DUPLICATE_VOTER =
      define(126, "DUPLICATE_VOTER", false, false, "Duplicate voter");

  public static final ErrorCode VOTER_NOT_FOUND =
      define(127, "VOTER_NOT_FOUND", false, false, "Voter not found");

  public static final ErrorCode INVALID_REGULAR_EXPRESSION =
      define(128, "INVALID_REGULAR_EXPRESSION", false, false, "Invalid regular expression");

  public static final ErrorCode REBOOTSTRAP_REQUIRED =
      define(
          129,
          "REBOOTSTRAP_REQUIRED",
          false,
          false,
          "The client must rebootstrap its metadata from bootstrap.servers");

  public static final ErrorCode STREAMS_INVALID_TOPOLOGY =
      define(130, "STREAMS_INVALID_TOPOLOGY", false, false, "Streams invalid topology");

  public static final ErrorCode STREAMS_INVALID_TOPOLOGY_EPOCH =
      define(131, "STREAMS_INVALID_TOPOLOGY_EPOCH", false, false, "Streams invalid topology epoch");

  public static final ErrorCode STREAMS_TOPOLOGY_FENCED =
      define(132, "STREAMS_TOPOLOGY_FENCED", false, false, "Streams topology fenced");

  public static final ErrorCode SHARE_SESSION_LIMIT_REACHED =
      define(133, "SHARE_SESSION_LIMIT_REACHED", true, false, "Share session limit reached");
}
