package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * Broker-side response encoders, for fake brokers and round-trip tests. The client only reads
 * responses, so these live in test sources rather than in the shipped engine.
 */
public final class FakeBrokerEncoders {
  private FakeBrokerEncoders() {}

  /** Writes {@code message} (body only, no header) at {@code version}. */
  public static void write(ResponseMessage message, ProtocolWriter w, short version) {
    if (message instanceof AddOffsetsToTxnResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof AddPartitionsToTxnResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof ApiVersionsResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof EndTxnResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof FindCoordinatorResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof InitProducerIdResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof MetadataResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof ProduceResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof SaslAuthenticateResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof SaslHandshakeResponse m) {
      write(m, w, version);
      return;
    }
    if (message instanceof TxnOffsetCommitResponse m) {
      write(m, w, version);
      return;
    }
    throw new IllegalArgumentException("no encoder for " + message.getClass().getName());
  }

  public static void write(AddOffsetsToTxnResponse m, ProtocolWriter w, short version) {
    ApiKey.ADD_OFFSETS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_OFFSETS_TO_TXN.isFlexible(version);
    w.writeInt32(m.throttleTimeMs()).writeInt16(m.errorCode()).writeEmptyTaggedFields(flex);
  }

  public static void write(AddPartitionsToTxnResponse m, ProtocolWriter w, short version) {
    ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
    w.writeInt32(m.throttleTimeMs());
    w.writeArrayLength(m.results().size(), flex);
    for (AddPartitionsToTxnResponse.TopicResult topic : m.results()) {
      w.writeString(topic.name(), flex);
      w.writeArrayLength(topic.partitions().size(), flex);
      for (AddPartitionsToTxnResponse.PartitionResult p : topic.partitions()) {
        w.writeInt32(p.partitionIndex()).writeInt16(p.errorCode()).writeEmptyTaggedFields(flex);
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeEmptyTaggedFields(flex);
  }

  public static void write(ApiVersionsResponse m, ProtocolWriter w, short version) {
    ApiVersionsResponse.checkVersion(version);
    w.writeInt16(m.errorCode());
    if (!ApiKey.API_VERSIONS.isFlexible(version)) {
      w.writeArrayLength(m.apiKeys().size());
      for (ApiVersionRange range : m.apiKeys()) {
        w.writeInt16(range.apiKey()).writeInt16(range.minVersion()).writeInt16(range.maxVersion());
      }
      if (version >= 1) {
        w.writeInt32(m.throttleTimeMs());
      }
      return;
    }
    w.writeCompactArrayLength(m.apiKeys().size());
    for (ApiVersionRange range : m.apiKeys()) {
      w.writeInt16(range.apiKey()).writeInt16(range.minVersion()).writeInt16(range.maxVersion());
      w.writeEmptyTaggedFields();
    }
    w.writeInt32(m.throttleTimeMs());
    // Tagged fields are written only when they differ from their defaults, in tag order.
    int count =
        (m.supportedFeatures().isEmpty() ? 0 : 1)
            + (m.finalizedFeaturesEpoch() == -1L ? 0 : 1)
            + (m.finalizedFeatures().isEmpty() ? 0 : 1)
            + (m.zkMigrationReady() ? 1 : 0);
    w.writeTaggedFieldCount(count);
    if (!m.supportedFeatures().isEmpty()) {
      w.writeTaggedField(0, f -> writeSupported(m, f));
    }
    if (m.finalizedFeaturesEpoch() != -1L) {
      w.writeTaggedField(1, f -> f.writeInt64(m.finalizedFeaturesEpoch()));
    }
    if (!m.finalizedFeatures().isEmpty()) {
      w.writeTaggedField(2, f -> writeFinalized(m, f));
    }
    if (m.zkMigrationReady()) {
      w.writeTaggedField(3, f -> f.writeBool(true));
    }
  }

  private static void writeSupported(ApiVersionsResponse m, ProtocolWriter w) {
    w.writeCompactArrayLength(m.supportedFeatures().size());
    for (ApiVersionsResponse.SupportedFeature feature : m.supportedFeatures()) {
      w.writeCompactString(feature.name());
      w.writeInt16(feature.minVersion()).writeInt16(feature.maxVersion());
      w.writeEmptyTaggedFields();
    }
  }

  private static void writeFinalized(ApiVersionsResponse m, ProtocolWriter w) {
    w.writeCompactArrayLength(m.finalizedFeatures().size());
    for (ApiVersionsResponse.FinalizedFeature feature : m.finalizedFeatures()) {
      w.writeCompactString(feature.name());
      w.writeInt16(feature.maxVersionLevel()).writeInt16(feature.minVersionLevel());
      w.writeEmptyTaggedFields();
    }
  }

  public static void write(EndTxnResponse m, ProtocolWriter w, short version) {
    ApiKey.END_TXN.requireSupported(version);
    boolean flex = ApiKey.END_TXN.isFlexible(version);
    w.writeInt32(m.throttleTimeMs()).writeInt16(m.errorCode());
    if (version >= 5) {
      w.writeInt64(m.producerId()).writeInt16(m.producerEpoch());
    }
    w.writeEmptyTaggedFields(flex);
  }

  public static void write(FindCoordinatorResponse m, ProtocolWriter w, short version) {
    ApiKey.FIND_COORDINATOR.requireSupported(version);
    w.writeInt32(m.throttleTimeMs());
    if (version < 4) {
      if (m.coordinators().size() != 1) {
        throw new IllegalArgumentException(
            "FindCoordinator v" + version + " answers exactly one key");
      }
      FindCoordinatorResponse.Coordinator c = m.coordinators().get(0);
      boolean flex = version >= 3;
      w.writeInt16(c.errorCode()).writeNullableString(c.errorMessage(), flex);
      w.writeInt32(c.nodeId()).writeString(c.host(), flex).writeInt32(c.port());
      w.writeEmptyTaggedFields(flex);
      return;
    } else {
      w.writeCompactArrayLength(m.coordinators().size());
      for (FindCoordinatorResponse.Coordinator c : m.coordinators()) {
        w.writeCompactString(c.key()).writeInt32(c.nodeId()).writeCompactString(c.host());
        w.writeInt32(c.port()).writeInt16(c.errorCode());
        w.writeCompactNullableString(c.errorMessage()).writeEmptyTaggedFields();
      }
    }
    w.writeEmptyTaggedFields();
  }

  public static void write(InitProducerIdResponse m, ProtocolWriter w, short version) {
    ApiKey.INIT_PRODUCER_ID.requireSupported(version);
    boolean flex = ApiKey.INIT_PRODUCER_ID.isFlexible(version);
    w.writeInt32(m.throttleTimeMs()).writeInt16(m.errorCode()).writeInt64(m.producerId());
    w.writeInt16(m.producerEpoch()).writeEmptyTaggedFields(flex);
  }

  public static void write(MetadataResponse m, ProtocolWriter w, short version) {
    ApiKey.METADATA.requireSupported(version);
    boolean flex = ApiKey.METADATA.isFlexible(version);
    w.writeInt32(m.throttleTimeMs());
    w.writeArrayLength(m.brokers().size(), flex);
    for (MetadataResponse.Broker b : m.brokers()) {
      w.writeInt32(b.nodeId()).writeString(b.host(), flex).writeInt32(b.port());
      w.writeNullableString(b.rack(), flex).writeEmptyTaggedFields(flex);
    }
    w.writeNullableString(m.clusterId(), flex);
    w.writeInt32(m.controllerId());
    w.writeArrayLength(m.topics().size(), flex);
    for (MetadataResponse.Topic t : m.topics()) {
      w.writeInt16(t.errorCode());
      if (version >= 12) {
        w.writeNullableString(t.name(), flex);
      } else {
        w.writeString(t.name(), flex);
      }
      if (version >= 10) {
        w.writeUuid(t.topicId());
      }
      w.writeBool(t.isInternal());
      w.writeArrayLength(t.partitions().size(), flex);
      for (MetadataResponse.Partition p : t.partitions()) {
        w.writeInt16(p.errorCode()).writeInt32(p.partitionIndex());
        w.writeInt32(p.leaderId());
        if (version >= 7) {
          w.writeInt32(p.leaderEpoch());
        }
        writeInt32s(w, p.replicaNodes(), flex);
        writeInt32s(w, p.isrNodes(), flex);
        if (version >= 5) {
          writeInt32s(w, p.offlineReplicas(), flex);
        }
        w.writeEmptyTaggedFields(flex);
      }
      if (version >= 8) {
        w.writeInt32(t.topicAuthorizedOperations());
      }
      w.writeEmptyTaggedFields(flex);
    }
    if (version >= 8 && version <= 10) {
      w.writeInt32(m.clusterAuthorizedOperations());
    }
    if (version >= 13) {
      w.writeInt16(m.errorCode());
    }
    w.writeEmptyTaggedFields(flex);
  }

  private static void writeInt32s(ProtocolWriter w, List<Integer> values, boolean flex) {
    w.writeArrayLength(values.size(), flex);
    for (int value : values) {
      w.writeInt32(value);
    }
  }

  public static void write(ProduceResponse m, ProtocolWriter w, short version) {
    ApiKey.PRODUCE.requireSupported(version);
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    w.writeArrayLength(m.responses().size(), flex);
    for (ProduceResponse.TopicResponse topic : m.responses()) {
      if (version >= 13) {
        w.writeUuid(topic.topicId());
      } else {
        w.writeString(topic.name(), flex);
      }
      w.writeArrayLength(topic.partitionResponses().size(), flex);
      for (ProduceResponse.PartitionResponse p : topic.partitionResponses()) {
        w.writeInt32(p.index()).writeInt16(p.errorCode()).writeInt64(p.baseOffset());
        w.writeInt64(p.logAppendTimeMs());
        if (version >= 5) {
          w.writeInt64(p.logStartOffset());
        }
        if (version >= 8) {
          w.writeArrayLength(p.recordErrors().size(), flex);
          for (ProduceResponse.RecordError e : p.recordErrors()) {
            w.writeInt32(e.batchIndex()).writeNullableString(e.batchIndexErrorMessage(), flex);
            w.writeEmptyTaggedFields(flex);
          }
          w.writeNullableString(p.errorMessage(), flex);
        }
        if (!flex) {
          continue;
        }
        // A tagged field is written only when it differs from its default.
        if (version >= 10 && !p.currentLeader().equals(ProduceResponse.LeaderIdAndEpoch.UNKNOWN)) {
          w.writeTaggedFieldCount(1);
          ProduceResponse.LeaderIdAndEpoch leader = p.currentLeader();
          w.writeTaggedField(
              0,
              f ->
                  f.writeInt32(leader.leaderId())
                      .writeInt32(leader.leaderEpoch())
                      .writeEmptyTaggedFields());
        } else {
          w.writeEmptyTaggedFields();
        }
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeInt32(m.throttleTimeMs());
    if (!flex) {
      return;
    }
    if (version >= 10 && !m.nodeEndpoints().isEmpty()) {
      w.writeTaggedFieldCount(1);
      w.writeTaggedField(0, f -> writeNodeEndpoints(m, f));
    } else {
      w.writeEmptyTaggedFields();
    }
  }

  private static void writeNodeEndpoints(ProduceResponse m, ProtocolWriter w) {
    w.writeCompactArrayLength(m.nodeEndpoints().size());
    for (ProduceResponse.NodeEndpoint e : m.nodeEndpoints()) {
      w.writeInt32(e.nodeId()).writeCompactString(e.host()).writeInt32(e.port());
      w.writeCompactNullableString(e.rack()).writeEmptyTaggedFields();
    }
  }

  public static void write(SaslAuthenticateResponse m, ProtocolWriter w, short version) {
    ApiKey.SASL_AUTHENTICATE.requireSupported(version);
    boolean flex = ApiKey.SASL_AUTHENTICATE.isFlexible(version);
    w.writeInt16(m.errorCode()).writeNullableString(m.errorMessage(), flex);
    w.writeBytes(m.authBytes(), flex);
    if (version >= 1) {
      w.writeInt64(m.sessionLifetimeMs());
    }
    w.writeEmptyTaggedFields(flex);
  }

  public static void write(SaslHandshakeResponse m, ProtocolWriter w, short version) {
    ApiKey.SASL_HANDSHAKE.requireSupported(version);
    w.writeInt16(m.errorCode());
    w.writeArrayLength(m.mechanisms().size());
    for (String mechanism : m.mechanisms()) {
      w.writeString(mechanism);
    }
  }

  public static void write(TxnOffsetCommitResponse m, ProtocolWriter w, short version) {
    ApiKey.TXN_OFFSET_COMMIT.requireSupported(version);
    boolean flex = ApiKey.TXN_OFFSET_COMMIT.isFlexible(version);
    w.writeInt32(m.throttleTimeMs());
    w.writeArrayLength(m.topics().size(), flex);
    for (TxnOffsetCommitResponse.Topic topic : m.topics()) {
      w.writeString(topic.name(), flex);
      w.writeArrayLength(topic.partitions().size(), flex);
      for (TxnOffsetCommitResponse.Partition p : topic.partitions()) {
        w.writeInt32(p.partitionIndex()).writeInt16(p.errorCode()).writeEmptyTaggedFields(flex);
      }
      w.writeEmptyTaggedFields(flex);
    }
    w.writeEmptyTaggedFields(flex);
  }
}
