package dev.plume.internal.protocol;

/**
 * Kafka's error codes (all codes of Kafka 4.1, -1 to 133), the one table the client classifies
 * errors with: code, retriable or not, whether the client should refresh its metadata, and a
 * default message. Retriable and "invalidates metadata" follow the Java client's exception classes
 * (RetriableException, InvalidMetadataException). Handling that is not a plain retry (sequence
 * errors, fencing, record-too-large splits) belongs to the caller, which can {@code switch} on
 * these constants.
 */
public enum Errors {
  UNKNOWN_SERVER_ERROR(
      -1,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The server hit an unexpected error while handling the request"),

  NONE(0, Flag.FINAL, Flag.KEEP_METADATA, "No error"),

  OFFSET_OUT_OF_RANGE(1, Flag.FINAL, Flag.KEEP_METADATA, "Offset out of range"),

  CORRUPT_MESSAGE(
      2,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "The broker found a record batch that fails its CRC check or is otherwise corrupt"),

  UNKNOWN_TOPIC_OR_PARTITION(
      3,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The broker does not host this topic-partition (or the principal may not describe it)"),

  INVALID_FETCH_SIZE(4, Flag.FINAL, Flag.KEEP_METADATA, "Invalid fetch size"),

  LEADER_NOT_AVAILABLE(
      5,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The partition has no leader right now (election in progress)"),

  NOT_LEADER_OR_FOLLOWER(
      6,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The broker is not the leader of this partition any more"),

  REQUEST_TIMED_OUT(
      7,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "The request timed out (on the broker, waiting for replica acknowledgements)"),

  BROKER_NOT_AVAILABLE(8, Flag.FINAL, Flag.KEEP_METADATA, "Broker not available"),

  REPLICA_NOT_AVAILABLE(
      9, Flag.RETRIABLE, Flag.REFRESH_METADATA, "A replica of the partition is not available"),

  MESSAGE_TOO_LARGE(
      10,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The record batch is larger than the topic accepts (max.message.bytes)"),

  STALE_CONTROLLER_EPOCH(11, Flag.FINAL, Flag.KEEP_METADATA, "Stale controller epoch"),

  OFFSET_METADATA_TOO_LARGE(12, Flag.FINAL, Flag.KEEP_METADATA, "Offset metadata too large"),

  NETWORK_EXCEPTION(
      13,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The connection to the broker failed before a response arrived"),

  COORDINATOR_LOAD_IN_PROGRESS(
      14, Flag.RETRIABLE, Flag.KEEP_METADATA, "The coordinator is still loading its state"),

  COORDINATOR_NOT_AVAILABLE(
      15, Flag.RETRIABLE, Flag.KEEP_METADATA, "The coordinator is not available"),

  NOT_COORDINATOR(
      16, Flag.RETRIABLE, Flag.KEEP_METADATA, "This broker is not the coordinator for the key"),

  INVALID_TOPIC_EXCEPTION(
      17,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The topic name is invalid, or writing to an internal topic is not allowed"),

  RECORD_LIST_TOO_LARGE(
      18,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The request holds more record data than the broker accepts for one partition"),

  NOT_ENOUGH_REPLICAS(
      19,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "Fewer in-sync replicas than min.insync.replicas: nothing was written"),

  NOT_ENOUGH_REPLICAS_AFTER_APPEND(
      20,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "Written on the leader, but fewer in-sync replicas than required acknowledged it"),

  INVALID_REQUIRED_ACKS(21, Flag.FINAL, Flag.KEEP_METADATA, "Acks must be -1, 0 or 1"),

  ILLEGAL_GENERATION(
      22, Flag.FINAL, Flag.KEEP_METADATA, "The consumer group generation is not current"),

  INCONSISTENT_GROUP_PROTOCOL(23, Flag.FINAL, Flag.KEEP_METADATA, "Inconsistent group protocol"),

  INVALID_GROUP_ID(24, Flag.FINAL, Flag.KEEP_METADATA, "Invalid group id"),

  UNKNOWN_MEMBER_ID(
      25, Flag.FINAL, Flag.KEEP_METADATA, "The consumer group does not know this member id"),

  INVALID_SESSION_TIMEOUT(26, Flag.FINAL, Flag.KEEP_METADATA, "Invalid session timeout"),

  REBALANCE_IN_PROGRESS(27, Flag.FINAL, Flag.KEEP_METADATA, "Rebalance in progress"),

  INVALID_COMMIT_OFFSET_SIZE(28, Flag.FINAL, Flag.KEEP_METADATA, "Invalid commit offset size"),

  TOPIC_AUTHORIZATION_FAILED(
      29, Flag.FINAL, Flag.KEEP_METADATA, "The principal is not authorized to access the topic"),

  GROUP_AUTHORIZATION_FAILED(
      30, Flag.FINAL, Flag.KEEP_METADATA, "The principal is not authorized to access the group"),

  CLUSTER_AUTHORIZATION_FAILED(
      31,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The principal is not authorized for this cluster action (e.g. idempotent writes)"),

  INVALID_TIMESTAMP(
      32,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "A record timestamp is outside the range the topic accepts"),

  UNSUPPORTED_SASL_MECHANISM(
      33,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The broker does not enable the requested SASL mechanism"),

  ILLEGAL_SASL_STATE(
      34, Flag.FINAL, Flag.KEEP_METADATA, "The request is not valid in the current SASL state"),

  UNSUPPORTED_VERSION(
      35, Flag.FINAL, Flag.KEEP_METADATA, "The broker does not support this version of the API"),

  TOPIC_ALREADY_EXISTS(36, Flag.FINAL, Flag.KEEP_METADATA, "Topic already exists"),

  INVALID_PARTITIONS(37, Flag.FINAL, Flag.KEEP_METADATA, "Invalid partitions"),

  INVALID_REPLICATION_FACTOR(38, Flag.FINAL, Flag.KEEP_METADATA, "Invalid replication factor"),

  INVALID_REPLICA_ASSIGNMENT(39, Flag.FINAL, Flag.KEEP_METADATA, "Invalid replica assignment"),

  INVALID_CONFIG(40, Flag.FINAL, Flag.KEEP_METADATA, "Invalid config"),

  NOT_CONTROLLER(41, Flag.RETRIABLE, Flag.KEEP_METADATA, "Not controller"),

  INVALID_REQUEST(
      42,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The broker could not make sense of the request (malformed or inconsistent fields)"),

  UNSUPPORTED_FOR_MESSAGE_FORMAT(
      43,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The request needs a newer message format than the topic uses"),

  POLICY_VIOLATION(44, Flag.FINAL, Flag.KEEP_METADATA, "Policy violation"),

  OUT_OF_ORDER_SEQUENCE_NUMBER(
      45,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The broker expected a different producer sequence number"),

  DUPLICATE_SEQUENCE_NUMBER(
      46,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The broker has already written a batch with this sequence number"),

  INVALID_PRODUCER_EPOCH(
      47,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The producer epoch is older than the one the broker knows"),

  INVALID_TXN_STATE(
      48,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The operation is not valid in the current state of the transaction"),

  INVALID_PRODUCER_ID_MAPPING(
      49,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The producer id does not belong to this transactional id"),

  INVALID_TRANSACTION_TIMEOUT(
      50,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The transaction timeout exceeds the broker maximum (transaction.max.timeout.ms)"),

  CONCURRENT_TRANSACTIONS(
      51,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "The coordinator is still completing a previous transaction for this producer"),

  TRANSACTION_COORDINATOR_FENCED(
      52, Flag.FINAL, Flag.KEEP_METADATA, "A newer transaction coordinator has taken over"),

  TRANSACTIONAL_ID_AUTHORIZATION_FAILED(
      53,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The principal is not authorized to use this transactional id"),

  SECURITY_DISABLED(54, Flag.FINAL, Flag.KEEP_METADATA, "Security disabled"),

  OPERATION_NOT_ATTEMPTED(55, Flag.FINAL, Flag.KEEP_METADATA, "Operation not attempted"),

  KAFKA_STORAGE_ERROR(
      56,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The broker had a disk error for the partition's log"),

  LOG_DIR_NOT_FOUND(57, Flag.FINAL, Flag.KEEP_METADATA, "Log dir not found"),

  SASL_AUTHENTICATION_FAILED(58, Flag.FINAL, Flag.KEEP_METADATA, "SASL authentication failed"),

  UNKNOWN_PRODUCER_ID(
      59,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The broker has no state for this producer id (e.g. removed by retention)"),

  REASSIGNMENT_IN_PROGRESS(60, Flag.FINAL, Flag.KEEP_METADATA, "Reassignment in progress"),

  DELEGATION_TOKEN_AUTH_DISABLED(
      61, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token auth disabled"),

  DELEGATION_TOKEN_NOT_FOUND(62, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token not found"),

  DELEGATION_TOKEN_OWNER_MISMATCH(
      63, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token owner mismatch"),

  DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(
      64, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token request not allowed"),

  DELEGATION_TOKEN_AUTHORIZATION_FAILED(
      65, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token authorization failed"),

  DELEGATION_TOKEN_EXPIRED(66, Flag.FINAL, Flag.KEEP_METADATA, "Delegation token expired"),

  INVALID_PRINCIPAL_TYPE(67, Flag.FINAL, Flag.KEEP_METADATA, "Invalid principal type"),

  NON_EMPTY_GROUP(68, Flag.FINAL, Flag.KEEP_METADATA, "Non empty group"),

  GROUP_ID_NOT_FOUND(69, Flag.FINAL, Flag.KEEP_METADATA, "Group id not found"),

  FETCH_SESSION_ID_NOT_FOUND(70, Flag.RETRIABLE, Flag.KEEP_METADATA, "Fetch session id not found"),

  INVALID_FETCH_SESSION_EPOCH(
      71, Flag.RETRIABLE, Flag.KEEP_METADATA, "Invalid fetch session epoch"),

  LISTENER_NOT_FOUND(
      72,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The leader has no endpoint for the listener the request came in on"),

  TOPIC_DELETION_DISABLED(73, Flag.FINAL, Flag.KEEP_METADATA, "Topic deletion disabled"),

  FENCED_LEADER_EPOCH(
      74,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The leader epoch in the request is older than the broker's"),

  UNKNOWN_LEADER_EPOCH(
      75,
      Flag.RETRIABLE,
      Flag.KEEP_METADATA,
      "The leader epoch in the request is newer than the broker's"),

  UNSUPPORTED_COMPRESSION_TYPE(
      76,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The compression type is not supported at this request version"),

  STALE_BROKER_EPOCH(77, Flag.FINAL, Flag.KEEP_METADATA, "Stale broker epoch"),

  OFFSET_NOT_AVAILABLE(78, Flag.RETRIABLE, Flag.KEEP_METADATA, "Offset not available"),

  MEMBER_ID_REQUIRED(79, Flag.FINAL, Flag.KEEP_METADATA, "Member id required"),

  PREFERRED_LEADER_NOT_AVAILABLE(
      80, Flag.RETRIABLE, Flag.REFRESH_METADATA, "Preferred leader not available"),

  GROUP_MAX_SIZE_REACHED(81, Flag.FINAL, Flag.KEEP_METADATA, "Group max size reached"),

  FENCED_INSTANCE_ID(
      82,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "Another consumer with the same group.instance.id has taken over"),

  ELIGIBLE_LEADERS_NOT_AVAILABLE(
      83, Flag.RETRIABLE, Flag.REFRESH_METADATA, "Eligible leaders not available"),

  ELECTION_NOT_NEEDED(84, Flag.RETRIABLE, Flag.REFRESH_METADATA, "Election not needed"),

  NO_REASSIGNMENT_IN_PROGRESS(85, Flag.FINAL, Flag.KEEP_METADATA, "No reassignment in progress"),

  GROUP_SUBSCRIBED_TO_TOPIC(86, Flag.FINAL, Flag.KEEP_METADATA, "Group subscribed to topic"),

  INVALID_RECORD(
      87, Flag.FINAL, Flag.KEEP_METADATA, "The broker refused one or more records of the batch"),

  UNSTABLE_OFFSET_COMMIT(88, Flag.RETRIABLE, Flag.KEEP_METADATA, "Unstable offset commit"),

  THROTTLING_QUOTA_EXCEEDED(89, Flag.RETRIABLE, Flag.KEEP_METADATA, "A quota was exceeded"),

  PRODUCER_FENCED(
      90,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "A newer producer with the same transactional id has fenced this one"),

  RESOURCE_NOT_FOUND(91, Flag.FINAL, Flag.KEEP_METADATA, "Resource not found"),

  DUPLICATE_RESOURCE(92, Flag.FINAL, Flag.KEEP_METADATA, "Duplicate resource"),

  UNACCEPTABLE_CREDENTIAL(93, Flag.FINAL, Flag.KEEP_METADATA, "Unacceptable credential"),

  INCONSISTENT_VOTER_SET(94, Flag.FINAL, Flag.KEEP_METADATA, "Inconsistent voter set"),

  INVALID_UPDATE_VERSION(95, Flag.FINAL, Flag.KEEP_METADATA, "Invalid update version"),

  FEATURE_UPDATE_FAILED(96, Flag.FINAL, Flag.KEEP_METADATA, "Feature update failed"),

  PRINCIPAL_DESERIALIZATION_FAILURE(
      97, Flag.FINAL, Flag.KEEP_METADATA, "Principal deserialization failure"),

  SNAPSHOT_NOT_FOUND(98, Flag.FINAL, Flag.KEEP_METADATA, "Snapshot not found"),

  POSITION_OUT_OF_RANGE(99, Flag.FINAL, Flag.KEEP_METADATA, "Position out of range"),

  UNKNOWN_TOPIC_ID(
      100, Flag.RETRIABLE, Flag.REFRESH_METADATA, "The broker does not know this topic id"),

  DUPLICATE_BROKER_REGISTRATION(
      101, Flag.FINAL, Flag.KEEP_METADATA, "Duplicate broker registration"),

  BROKER_ID_NOT_REGISTERED(102, Flag.FINAL, Flag.KEEP_METADATA, "Broker id not registered"),

  INCONSISTENT_TOPIC_ID(
      103,
      Flag.RETRIABLE,
      Flag.REFRESH_METADATA,
      "The topic id does not match the broker's for this topic"),

  INCONSISTENT_CLUSTER_ID(104, Flag.FINAL, Flag.KEEP_METADATA, "Inconsistent cluster id"),

  TRANSACTIONAL_ID_NOT_FOUND(
      105, Flag.FINAL, Flag.KEEP_METADATA, "The transactional id was not found"),

  FETCH_SESSION_TOPIC_ID_ERROR(
      106, Flag.RETRIABLE, Flag.KEEP_METADATA, "Fetch session topic id error"),

  INELIGIBLE_REPLICA(107, Flag.FINAL, Flag.KEEP_METADATA, "Ineligible replica"),

  NEW_LEADER_ELECTED(108, Flag.FINAL, Flag.KEEP_METADATA, "New leader elected"),

  OFFSET_MOVED_TO_TIERED_STORAGE(
      109, Flag.FINAL, Flag.KEEP_METADATA, "Offset moved to tiered storage"),

  FENCED_MEMBER_EPOCH(110, Flag.FINAL, Flag.KEEP_METADATA, "Fenced member epoch"),

  UNRELEASED_INSTANCE_ID(111, Flag.FINAL, Flag.KEEP_METADATA, "Unreleased instance id"),

  UNSUPPORTED_ASSIGNOR(112, Flag.FINAL, Flag.KEEP_METADATA, "Unsupported assignor"),

  STALE_MEMBER_EPOCH(113, Flag.FINAL, Flag.KEEP_METADATA, "Stale member epoch"),

  MISMATCHED_ENDPOINT_TYPE(114, Flag.FINAL, Flag.KEEP_METADATA, "Mismatched endpoint type"),

  UNSUPPORTED_ENDPOINT_TYPE(115, Flag.FINAL, Flag.KEEP_METADATA, "Unsupported endpoint type"),

  UNKNOWN_CONTROLLER_ID(116, Flag.FINAL, Flag.KEEP_METADATA, "Unknown controller id"),

  UNKNOWN_SUBSCRIPTION_ID(117, Flag.FINAL, Flag.KEEP_METADATA, "Unknown subscription id"),

  TELEMETRY_TOO_LARGE(118, Flag.FINAL, Flag.KEEP_METADATA, "Telemetry too large"),

  INVALID_REGISTRATION(119, Flag.FINAL, Flag.KEEP_METADATA, "Invalid registration"),

  TRANSACTION_ABORTABLE(
      120,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The transaction must be aborted; the producer may then continue"),

  INVALID_RECORD_STATE(121, Flag.FINAL, Flag.KEEP_METADATA, "Invalid record state"),

  SHARE_SESSION_NOT_FOUND(122, Flag.RETRIABLE, Flag.KEEP_METADATA, "Share session not found"),

  INVALID_SHARE_SESSION_EPOCH(
      123, Flag.RETRIABLE, Flag.KEEP_METADATA, "Invalid share session epoch"),

  FENCED_STATE_EPOCH(124, Flag.FINAL, Flag.KEEP_METADATA, "Fenced state epoch"),

  INVALID_VOTER_KEY(125, Flag.FINAL, Flag.KEEP_METADATA, "Invalid voter key"),

  DUPLICATE_VOTER(126, Flag.FINAL, Flag.KEEP_METADATA, "Duplicate voter"),

  VOTER_NOT_FOUND(127, Flag.FINAL, Flag.KEEP_METADATA, "Voter not found"),

  INVALID_REGULAR_EXPRESSION(128, Flag.FINAL, Flag.KEEP_METADATA, "Invalid regular expression"),

  REBOOTSTRAP_REQUIRED(
      129,
      Flag.FINAL,
      Flag.KEEP_METADATA,
      "The client must rebootstrap its metadata from bootstrap.servers"),

  STREAMS_INVALID_TOPOLOGY(130, Flag.FINAL, Flag.KEEP_METADATA, "Streams invalid topology"),

  STREAMS_INVALID_TOPOLOGY_EPOCH(
      131, Flag.FINAL, Flag.KEEP_METADATA, "Streams invalid topology epoch"),

  STREAMS_TOPOLOGY_FENCED(132, Flag.FINAL, Flag.KEEP_METADATA, "Streams topology fenced"),

  SHARE_SESSION_LIMIT_REACHED(
      133, Flag.RETRIABLE, Flag.KEEP_METADATA, "Share session limit reached");

  /** Names for the two flags of each constant, so the table reads without positional booleans. */
  private static final class Flag {
    static final boolean RETRIABLE = true;
    static final boolean FINAL = false;
    static final boolean REFRESH_METADATA = true;
    static final boolean KEEP_METADATA = false;
  }

  /** The name {@link #describe} gives a code this client does not know. */
  public static final String UNKNOWN_NAME = "UNKNOWN_ERROR_CODE";

  private static final int MIN_CODE = -1;
  private static final Errors[] BY_CODE = new Errors[200];

  static {
    for (Errors e : values()) {
      if (BY_CODE[e.code - MIN_CODE] != null) {
        throw new IllegalStateException("duplicate error code " + e.code);
      }
      BY_CODE[e.code - MIN_CODE] = e;
    }
  }

  private final short code;
  private final boolean retriable;
  private final boolean invalidatesMetadata;
  private final String message;

  Errors(int code, boolean retriable, boolean invalidatesMetadata, String message) {
    this.code = (short) code;
    this.retriable = retriable;
    this.invalidatesMetadata = invalidatesMetadata;
    this.message = message;
  }

  /**
   * The constant for a wire error code; a code this client does not know gives {@link
   * #UNKNOWN_SERVER_ERROR} (non-retriable), as in Kafka's client. {@link #describe} keeps the code.
   */
  public static Errors forCode(int code) {
    Errors known = knownOrNull(code);
    return known == null ? UNKNOWN_SERVER_ERROR : known;
  }

  /** Whether this client knows {@code code}. */
  public static boolean isKnown(int code) {
    return knownOrNull(code) != null;
  }

  /** Kafka's name for {@code code}, or {@value #UNKNOWN_NAME}. */
  public static String nameOf(int code) {
    Errors known = knownOrNull(code);
    return known == null ? UNKNOWN_NAME : known.name();
  }

  /** {@code NAME (code)} for logs and exceptions; unknown codes keep their number. */
  public static String describe(int code) {
    Errors known = knownOrNull(code);
    return (known == null ? UNKNOWN_NAME : known.name()) + " (" + code + ")";
  }

  private static Errors knownOrNull(int code) {
    int index = code - MIN_CODE;
    return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
  }

  /** The wire value. */
  public short code() {
    return code;
  }

  /** Whether a retry may succeed without the application changing anything. */
  public boolean retriable() {
    return retriable;
  }

  /** Whether the client should refresh its cluster metadata. */
  public boolean invalidatesMetadata() {
    return invalidatesMetadata;
  }

  /** A default description for logs and exceptions. */
  public String message() {
    return message;
  }

  public boolean isNone() {
    return this == NONE;
  }

  /** Whether the wire {@code code} is this error. */
  public boolean is(short code) {
    return this.code == code;
  }
}
