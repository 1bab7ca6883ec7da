package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiVersionRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.MemoryRecords;

/** Converts our messages into kafka-clients' generated {@code *Data} classes, the test oracle. */
final class KafkaOracle {
  private KafkaOracle() {}

  static byte[] serialize(Message data, short version) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = data.size(cache, version);
    ByteBuffer buffer = ByteBuffer.allocate(size);
    data.write(new ByteBufferAccessor(buffer), cache, version);
    return buffer.array();
  }

  /** Parses bytes with the same {@code *Data} class as {@code like}. */
  static Message parse(Message like, byte[] bytes, short version) throws Exception {
    return like.getClass()
        .getConstructor(org.apache.kafka.common.protocol.Readable.class, short.class)
        .newInstance(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), version);
  }

  static Uuid uuid(java.util.UUID id) {
    return id == null
        ? Uuid.ZERO_UUID
        : new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  static Message toKafka(Object message, short version) {
    if (message instanceof ApiVersionsRequest m) {
      return new ApiVersionsRequestData()
          .setClientSoftwareName(m.clientSoftwareName())
          .setClientSoftwareVersion(m.clientSoftwareVersion());
    }
    if (message instanceof ApiVersionsResponse m) {
      return apiVersionsResponse(m);
    }
    if (message instanceof MetadataRequest m) {
      List<MetadataRequestData.MetadataRequestTopic> topics = null;
      if (m.topics() != null) {
        topics = new ArrayList<>();
        for (MetadataRequest.Topic t : m.topics()) {
          topics.add(
              new MetadataRequestData.MetadataRequestTopic()
                  .setTopicId(uuid(t.topicId()))
                  .setName(t.name()));
        }
      }
      return new MetadataRequestData()
          .setTopics(topics)
          .setAllowAutoTopicCreation(m.allowAutoTopicCreation())
          .setIncludeClusterAuthorizedOperations(m.includeClusterAuthorizedOperations())
          .setIncludeTopicAuthorizedOperations(m.includeTopicAuthorizedOperations());
    }
    if (message instanceof MetadataResponse m) {
      return metadataResponse(m);
    }
    if (message instanceof ProduceRequest m) {
      ProduceRequestData.TopicProduceDataCollection topics =
          new ProduceRequestData.TopicProduceDataCollection();
      for (ProduceRequest.TopicData t : m.topicData()) {
        List<ProduceRequestData.PartitionProduceData> partitions = new ArrayList<>();
        for (ProduceRequest.PartitionData p : t.partitionData()) {
          partitions.add(
              new ProduceRequestData.PartitionProduceData()
                  .setIndex(p.index())
                  .setRecords(
                      p.records() == null
                          ? null
                          : MemoryRecords.readableRecords(p.records().duplicate())));
        }
        ProduceRequestData.TopicProduceData topic =
            new ProduceRequestData.TopicProduceData().setPartitionData(partitions);
        if (t.name() != null) {
          topic.setName(t.name());
        }
        topic.setTopicId(uuid(t.topicId()));
        topics.add(topic);
      }
      return new ProduceRequestData()
          .setTransactionalId(m.transactionalId())
          .setAcks(m.acks())
          .setTimeoutMs(m.timeoutMs())
          .setTopicData(topics);
    }
    if (message instanceof ProduceResponse m) {
      return produceResponse(m);
    }
    if (message instanceof InitProducerIdRequest m) {
      return new InitProducerIdRequestData()
          .setTransactionalId(m.transactionalId())
          .setTransactionTimeoutMs(m.transactionTimeoutMs())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch());
    }
    if (message instanceof InitProducerIdResponse m) {
      return new InitProducerIdResponseData()
          .setThrottleTimeMs(m.throttleTimeMs())
          .setErrorCode(m.errorCode())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch());
    }
    if (message instanceof FindCoordinatorRequest m) {
      FindCoordinatorRequestData data = new FindCoordinatorRequestData().setKeyType(m.keyType());
      if (version < 4) {
        data.setKey(m.coordinatorKeys().get(0));
      } else {
        data.setCoordinatorKeys(m.coordinatorKeys());
      }
      return data;
    }
    if (message instanceof FindCoordinatorResponse m) {
      FindCoordinatorResponseData data =
          new FindCoordinatorResponseData().setThrottleTimeMs(m.throttleTimeMs());
      if (version < 4) {
        FindCoordinatorResponse.Coordinator c = m.coordinators().get(0);
        data.setErrorCode(c.errorCode())
            .setErrorMessage(c.errorMessage())
            .setNodeId(c.nodeId())
            .setHost(c.host())
            .setPort(c.port());
      } else {
        List<FindCoordinatorResponseData.Coordinator> list = new ArrayList<>();
        for (FindCoordinatorResponse.Coordinator c : m.coordinators()) {
          list.add(
              new FindCoordinatorResponseData.Coordinator()
                  .setKey(c.key())
                  .setNodeId(c.nodeId())
                  .setHost(c.host())
                  .setPort(c.port())
                  .setErrorCode(c.errorCode())
                  .setErrorMessage(c.errorMessage()));
        }
        data.setCoordinators(list);
      }
      return data;
    }
    if (message instanceof AddPartitionsToTxnRequest m) {
      AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
          new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
      for (AddPartitionsToTxnRequest.Topic t : m.topics()) {
        topics.add(
            new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic()
                .setName(t.name())
                .setPartitions(new ArrayList<>(t.partitions())));
      }
      return new AddPartitionsToTxnRequestData()
          .setV3AndBelowTransactionalId(m.transactionalId())
          .setV3AndBelowProducerId(m.producerId())
          .setV3AndBelowProducerEpoch(m.producerEpoch())
          .setV3AndBelowTopics(topics);
    }
    if (message instanceof AddPartitionsToTxnResponse m) {
      AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection topics =
          new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection();
      for (AddPartitionsToTxnResponse.TopicResult t : m.results()) {
        AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection partitions =
            new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection();
        for (AddPartitionsToTxnResponse.PartitionResult p : t.partitions()) {
          partitions.add(
              new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                  .setPartitionIndex(p.partitionIndex())
                  .setPartitionErrorCode(p.errorCode()));
        }
        topics.add(
            new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult()
                .setName(t.name())
                .setResultsByPartition(partitions));
      }
      return new AddPartitionsToTxnResponseData()
          .setThrottleTimeMs(m.throttleTimeMs())
          .setResultsByTopicV3AndBelow(topics);
    }
    if (message instanceof AddOffsetsToTxnRequest m) {
      return new AddOffsetsToTxnRequestData()
          .setTransactionalId(m.transactionalId())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch())
          .setGroupId(m.groupId());
    }
    if (message instanceof AddOffsetsToTxnResponse m) {
      return new AddOffsetsToTxnResponseData()
          .setThrottleTimeMs(m.throttleTimeMs())
          .setErrorCode(m.errorCode());
    }
    if (message instanceof TxnOffsetCommitRequest m) {
      List<TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic> topics = new ArrayList<>();
      for (TxnOffsetCommitRequest.Topic t : m.topics()) {
        List<TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition> partitions =
            new ArrayList<>();
        for (TxnOffsetCommitRequest.Partition p : t.partitions()) {
          partitions.add(
              new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                  .setPartitionIndex(p.partitionIndex())
                  .setCommittedOffset(p.committedOffset())
                  .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                  .setCommittedMetadata(p.committedMetadata()));
        }
        topics.add(
            new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic()
                .setName(t.name())
                .setPartitions(partitions));
      }
      return new TxnOffsetCommitRequestData()
          .setTransactionalId(m.transactionalId())
          .setGroupId(m.groupId())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch())
          .setGenerationId(m.generationId())
          .setMemberId(m.memberId())
          .setGroupInstanceId(m.groupInstanceId())
          .setTopics(topics);
    }
    if (message instanceof TxnOffsetCommitResponse m) {
      List<TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic> topics = new ArrayList<>();
      for (TxnOffsetCommitResponse.Topic t : m.topics()) {
        List<TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition> partitions =
            new ArrayList<>();
        for (TxnOffsetCommitResponse.Partition p : t.partitions()) {
          partitions.add(
              new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                  .setPartitionIndex(p.partitionIndex())
                  .setErrorCode(p.errorCode()));
        }
        topics.add(
            new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic()
                .setName(t.name())
                .setPartitions(partitions));
      }
      return new TxnOffsetCommitResponseData()
          .setThrottleTimeMs(m.throttleTimeMs())
          .setTopics(topics);
    }
    if (message instanceof EndTxnRequest m) {
      return new EndTxnRequestData()
          .setTransactionalId(m.transactionalId())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch())
          .setCommitted(m.committed());
    }
    if (message instanceof EndTxnResponse m) {
      return new EndTxnResponseData()
          .setThrottleTimeMs(m.throttleTimeMs())
          .setErrorCode(m.errorCode())
          .setProducerId(m.producerId())
          .setProducerEpoch(m.producerEpoch());
    }
    if (message instanceof SaslHandshakeRequest m) {
      return new SaslHandshakeRequestData().setMechanism(m.mechanism());
    }
    if (message instanceof SaslHandshakeResponse m) {
      return new SaslHandshakeResponseData()
          .setErrorCode(m.errorCode())
          .setMechanisms(new ArrayList<>(m.mechanisms()));
    }
    if (message instanceof SaslAuthenticateRequest m) {
      return new SaslAuthenticateRequestData().setAuthBytes(m.authBytes());
    }
    if (message instanceof SaslAuthenticateResponse m) {
      return new SaslAuthenticateResponseData()
          .setErrorCode(m.errorCode())
          .setErrorMessage(m.errorMessage())
          .setAuthBytes(m.authBytes())
          .setSessionLifetimeMs(m.sessionLifetimeMs());
    }
    throw new IllegalArgumentException("no oracle for " + message.getClass());
  }

  private static ApiVersionsResponseData apiVersionsResponse(ApiVersionsResponse m) {
    ApiVersionsResponseData.ApiVersionCollection keys =
        new ApiVersionsResponseData.ApiVersionCollection();
    for (ApiVersionRange r : m.apiKeys()) {
      keys.add(
          new ApiVersionsResponseData.ApiVersion()
              .setApiKey(r.apiKey())
              .setMinVersion(r.minVersion())
              .setMaxVersion(r.maxVersion()));
    }
    ApiVersionsResponseData.SupportedFeatureKeyCollection supported =
        new ApiVersionsResponseData.SupportedFeatureKeyCollection();
    for (ApiVersionsResponse.SupportedFeature f : m.supportedFeatures()) {
      supported.add(
          new ApiVersionsResponseData.SupportedFeatureKey()
              .setName(f.name())
              .setMinVersion(f.minVersion())
              .setMaxVersion(f.maxVersion()));
    }
    ApiVersionsResponseData.FinalizedFeatureKeyCollection finalized =
        new ApiVersionsResponseData.FinalizedFeatureKeyCollection();
    for (ApiVersionsResponse.FinalizedFeature f : m.finalizedFeatures()) {
      finalized.add(
          new ApiVersionsResponseData.FinalizedFeatureKey()
              .setName(f.name())
              .setMaxVersionLevel(f.maxVersionLevel())
              .setMinVersionLevel(f.minVersionLevel()));
    }
    return new ApiVersionsResponseData()
        .setErrorCode(m.errorCode())
        .setApiKeys(keys)
        .setThrottleTimeMs(m.throttleTimeMs())
        .setSupportedFeatures(supported)
        .setFinalizedFeaturesEpoch(m.finalizedFeaturesEpoch())
        .setFinalizedFeatures(finalized)
        .setZkMigrationReady(m.zkMigrationReady());
  }

  private static MetadataResponseData metadataResponse(MetadataResponse m) {
    MetadataResponseData.MetadataResponseBrokerCollection brokers =
        new MetadataResponseData.MetadataResponseBrokerCollection();
    for (MetadataResponse.Broker b : m.brokers()) {
      brokers.add(
          new MetadataResponseData.MetadataResponseBroker()
              .setNodeId(b.nodeId())
              .setHost(b.host())
              .setPort(b.port())
              .setRack(b.rack()));
    }
    MetadataResponseData.MetadataResponseTopicCollection topics =
        new MetadataResponseData.MetadataResponseTopicCollection();
    for (MetadataResponse.Topic t : m.topics()) {
      List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
      for (MetadataResponse.Partition p : t.partitions()) {
        partitions.add(
            new MetadataResponseData.MetadataResponsePartition()
                .setErrorCode(p.errorCode())
                .setPartitionIndex(p.partitionIndex())
                .setLeaderId(p.leaderId())
                .setLeaderEpoch(p.leaderEpoch())
                .setReplicaNodes(new ArrayList<>(p.replicaNodes()))
                .setIsrNodes(new ArrayList<>(p.isrNodes()))
                .setOfflineReplicas(new ArrayList<>(p.offlineReplicas())));
      }
      topics.add(
          new MetadataResponseData.MetadataResponseTopic()
              .setErrorCode(t.errorCode())
              .setName(t.name())
              .setTopicId(uuid(t.topicId()))
              .setIsInternal(t.isInternal())
              .setPartitions(partitions)
              .setTopicAuthorizedOperations(t.topicAuthorizedOperations()));
    }
    return new MetadataResponseData()
        .setThrottleTimeMs(m.throttleTimeMs())
        .setBrokers(brokers)
        .setClusterId(m.clusterId())
        .setControllerId(m.controllerId())
        .setTopics(topics)
        .setClusterAuthorizedOperations(m.clusterAuthorizedOperations())
        .setErrorCode(m.errorCode());
  }

  private static ProduceResponseData produceResponse(ProduceResponse m) {
    ProduceResponseData.TopicProduceResponseCollection topics =
        new ProduceResponseData.TopicProduceResponseCollection();
    for (ProduceResponse.TopicResponse t : m.responses()) {
      List<ProduceResponseData.PartitionProduceResponse> partitions = new ArrayList<>();
      for (ProduceResponse.PartitionResponse p : t.partitionResponses()) {
        List<ProduceResponseData.BatchIndexAndErrorMessage> errors = new ArrayList<>();
        for (ProduceResponse.RecordError e : p.recordErrors()) {
          errors.add(
              new ProduceResponseData.BatchIndexAndErrorMessage()
                  .setBatchIndex(e.batchIndex())
                  .setBatchIndexErrorMessage(e.batchIndexErrorMessage()));
        }
        partitions.add(
            new ProduceResponseData.PartitionProduceResponse()
                .setIndex(p.index())
                .setErrorCode(p.errorCode())
                .setBaseOffset(p.baseOffset())
                .setLogAppendTimeMs(p.logAppendTimeMs())
                .setLogStartOffset(p.logStartOffset())
                .setRecordErrors(errors)
                .setErrorMessage(p.errorMessage())
                .setCurrentLeader(
                    new ProduceResponseData.LeaderIdAndEpoch()
                        .setLeaderId(p.currentLeader().leaderId())
                        .setLeaderEpoch(p.currentLeader().leaderEpoch())));
      }
      ProduceResponseData.TopicProduceResponse topic =
          new ProduceResponseData.TopicProduceResponse()
              .setTopicId(uuid(t.topicId()))
              .setPartitionResponses(partitions);
      if (t.name() != null) {
        topic.setName(t.name());
      }
      topics.add(topic);
    }
    ProduceResponseData.NodeEndpointCollection endpoints =
        new ProduceResponseData.NodeEndpointCollection();
    for (ProduceResponse.NodeEndpoint e : m.nodeEndpoints()) {
      endpoints.add(
          new ProduceResponseData.NodeEndpoint()
              .setNodeId(e.nodeId())
              .setHost(e.host())
              .setPort(e.port())
              .setRack(e.rack()));
    }
    return new ProduceResponseData()
        .setResponses(topics)
        .setThrottleTimeMs(m.throttleTimeMs())
        .setNodeEndpoints(endpoints);
  }
}
