package dev.plume.protocol;

/**
 * One Kafka error code as the producer classifies it. Obtain instances from {@link
 * Errors#forCode(int)}; codes this client does not know map to an entry named {@code
 * UNKNOWN_ERROR_CODE} that still carries the numeric code.
 *
 * @param code the wire value
 * @param name Kafka's name for it, e.g. {@code NOT_LEADER_OR_FOLLOWER}
 * @param retriable whether a retry may succeed without the application changing anything
 * @param invalidatesMetadata whether the client should refresh its cluster metadata
 * @param message a default description for logs and exceptions
 */
public record ErrorCode(
    short code, String name, boolean retriable, boolean invalidatesMetadata, String message) {

  public boolean isNone() {
    return code == 0;
  }

  /** False for codes this client does not know. */
  public boolean isKnown() {
    return !Errors.UNKNOWN_NAME.equals(name);
  }

  @Override
  public String toString() {
    return name + "(" + code + ")";
  }
}
