package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Metadata request (key 3), versions 4-13 (flexible from 9; 4 is the first with
 * AllowAutoTopicCreation).
 *
 * <pre>
 * Topics nullable array (null = all topics) of
 *     [TopicId uuid (10+), Name compact string (nullable 10+), tags]
 * AllowAutoTopicCreation bool | IncludeClusterAuthorizedOperations bool (8-10) |
 * IncludeTopicAuthorizedOperations bool (8+) | tags (9+)
 * </pre>
 *
 * Fields a version lacks are not written (TopicId below 10, IncludeClusterAuthorizedOperations
 * above 10). Below v12 the broker looks topics up by name only, so send a name.
 *
 * @param topics the topics to describe, or null for all topics
 */
public record MetadataRequest(
    List<Topic> topics,
    boolean allowAutoTopicCreation,
    boolean includeClusterAuthorizedOperations,
    boolean includeTopicAuthorizedOperations)
    implements RequestMessage {

  public static final UUID ZERO_UUID = new UUID(0L, 0L);

  public MetadataRequest {
    topics = topics == null ? null : List.copyOf(topics);
  }

  /** Metadata for the named topics, auto-creating them if the broker allows it. */
  public static MetadataRequest forTopicNames(List<String> names) {
    List<Topic> topics = new ArrayList<>(names.size());
    for (String name : names) {
      topics.add(new Topic(ZERO_UUID, name));
    }
    return new MetadataRequest(topics, true, false, false);
  }

  /**
   * One topic to describe.
   *
   * @param topicId the topic ID (zero UUID when looking up by name)
   * @param name the name (null only when looking up by ID, v12+)
   */
  public record Topic(UUID topicId, String name) {
    public Topic {
      topicId = topicId == null ? ZERO_UUID : topicId;
    }
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.METADATA;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.METADATA.requireSupported(version);
    boolean flex = ApiKey.METADATA.isFlexible(version);
    if (topics == null) {
      w.writeNullableArrayLength(-1, flex);
    } else {
      w.writeArrayLength(topics.size(), flex);
      for (Topic topic : topics) {
        if (version >= 10) {
          w.writeUuid(topic.topicId());
          w.writeNullableString(topic.name(), flex);
        } else {
          if (topic.name() == null) {
            throw new IllegalArgumentException("Metadata v" + version + " needs topic names");
          }
          w.writeString(topic.name(), flex);
        }
        w.writeEmptyTaggedFields(flex);
      }
    }
    w.writeBool(allowAutoTopicCreation);
    if (version >= 8 && version <= 10) {
      w.writeBool(includeClusterAuthorizedOperations);
    }
    if (version >= 8) {
      w.writeBool(includeTopicAuthorizedOperations);
    }
    w.writeEmptyTaggedFields(flex);
  }
}
