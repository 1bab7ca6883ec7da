package dev.plume.internal.metadata;

import dev.plume.internal.protocol.Errors;

/**
 * Why a topic has no usable metadata: the error Kafka gave for it, or a problem the client found in
 * the response (classified {@link Errors#UNKNOWN_SERVER_ERROR}).
 *
 * @param error the classification callers decide on (never a string match)
 * @param description for messages, e.g. {@code TOPIC_AUTHORIZATION_FAILED (29)}
 */
public record TopicError(Errors error, String description) {

  /** The error a Metadata response gave, keeping an unknown code's number in the description. */
  public static TopicError fromWire(short code) {
    return new TopicError(Errors.forCode(code), Errors.describe(code));
  }

  public static TopicError of(Errors error) {
    return new TopicError(error, Errors.describe(error.code()));
  }

  /** The principal may not see or write the topic (or the cluster). */
  public boolean isAuthorization() {
    return error == Errors.TOPIC_AUTHORIZATION_FAILED
        || error == Errors.CLUSTER_AUTHORIZATION_FAILED;
  }

  @Override
  public String toString() {
    return description;
  }
}
