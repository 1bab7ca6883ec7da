package dev.plume.producer;

import java.util.Objects;

/**
 * The consuming group's identity, as a consumer reports it, for fencing zombie members when offsets
 * are committed in a transaction.
 *
 * @param generationId -1 when unknown
 * @param memberId "" when unknown
 * @param groupInstanceId null unless static membership is used
 */
public record ConsumerGroupMetadata(
    String groupId, int generationId, String memberId, String groupInstanceId) {

  public ConsumerGroupMetadata {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(memberId, "memberId");
  }

  public ConsumerGroupMetadata(String groupId) {
    this(groupId, -1, "", null);
  }
}
