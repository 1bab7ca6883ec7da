package dev.plume.internal.sender;

import dev.plume.internal.protocol.Errors;

/**
 * How the sender reacts to a Produce partition error beyond the error table itself: retry or not,
 * refresh metadata or not, and whether the broker may have appended the batch before answering.
 * Idempotence-specific codes are handled by {@link ProduceErrorHandler}.
 */
final class ProduceErrorPolicy {

  private ProduceErrorPolicy() {}

  static boolean isRetriable(short code) {
    return Errors.forCode(code).retriable();
  }

  static boolean invalidatesMetadata(short code) {
    return Errors.forCode(code).invalidatesMetadata();
  }

  /**
   * Retriable errors the broker gives before it appends anything (wrong leader, missing replicas,
   * unknown partition): the batch is certainly not in the log. Any other retriable error (e.g.
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT) may come after the append.
   */
  static boolean refusedBeforeAppend(short code) {
    return switch (Errors.forCode(code)) {
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
}
