package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Metadata request (key 3), versions 9-13 (all flexible).
 *
 * <pre>
 * Topics compact nullable array (null = all topics) of
 *     [TopicId uuid (10+), Name compact string (nullable 10+), tags]
 * AllowAutoTopicCreation bool | IncludeClusterAuthorizedOperations bool (9-10 here) |
 * IncludeTopicAuthorizedOperations bool | tags
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
    if (topics == null) {
      w.writeCompactNullableArrayLength(-1);
    } else {
      w.writeCompactArrayLength(topics.size());
      for (Topic topic : topics) {
        if (version >= 10) {
          w.writeUuid(topic.topicId());
          w.writeCompactNullableString(topic.name());
        } else {
          if (topic.name() == null) {
            throw new IllegalArgumentException("Metadata v" + version + " needs topic names");
          }
          w.writeCompactString(topic.name());
        }
        w.writeEmptyTaggedFields();
      }
    }
    w.writeBool(allowAutoTopicCreation);
    if (version <= 10) {
      w.writeBool(includeClusterAuthorizedOperations);
    }
    w.writeBool(includeTopicAuthorizedOperations);
    w.writeEmptyTaggedFields();
  }

  public static MetadataRequest read(ProtocolReader r, short version) {
    ApiKey.METADATA.requireSupported(version);
    int count = r.readCompactNullableArrayCount("MetadataRequest.Topics", 2);
    List<Topic> topics = null;
    if (count >= 0) {
      topics = new ArrayList<>(Math.min(count, 256));
      for (int i = 0; i < count; i++) {
        UUID id = version >= 10 ? r.readUuid("MetadataRequest.Topics.TopicId") : ZERO_UUID;
        String name =
            version >= 10
                ? r.readCompactNullableString("MetadataRequest.Topics.Name")
                : r.readCompactString("MetadataRequest.Topics.Name");
        r.skipTaggedFields("MetadataRequest.Topics");
        topics.add(new Topic(id, name));
      }
    }
    boolean allowAuto = r.readBool("MetadataRequest.AllowAutoTopicCreation");
    boolean includeCluster =
        version <= 10 && r.readBool("MetadataRequest.IncludeClusterAuthorizedOperations");
    boolean includeTopic = r.readBool("MetadataRequest.IncludeTopicAuthorizedOperations");
    r.skipTaggedFields("MetadataRequest");
    return new MetadataRequest(topics, allowAuto, includeCluster, includeTopic);
  }
}
