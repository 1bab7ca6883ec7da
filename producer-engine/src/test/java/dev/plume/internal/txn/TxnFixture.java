package dev.plume.internal.txn;

import dev.plume.internal.accumulator.AccumulatorConfig;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.clock.ManualClock;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.FakeNetworkClient;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.message.FindCoordinatorResponse;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.internal.protocol.message.ProduceRequest;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.record.DecodedBatch;
import dev.plume.internal.record.RecordBatchReader;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.internal.sender.Sender;
import dev.plume.internal.sender.SenderCollaborators;
import dev.plume.internal.sender.SenderConfig;
import dev.plume.internal.sender.SenderStats;
import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A sender with a {@link TransactionManager}, wired as PlumeProducer wires them, over a scripted
 * {@link FakeNetworkClient} and a manual clock. Tests call the manager's application-side methods
 * (which return futures instead of blocking) and drive the sender thread with {@link #runOnce()}.
 */
final class TxnFixture {

  static final String TXN_ID = "txn-1";
  static final String TOPIC = "t";
  static final Node BOOTSTRAP = new Node(-1, "boot", 9092);
  static final Node N1 = new Node(1, "b1", 9092);
  static final Node N2 = new Node(2, "b2", 9092);
  static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
  static final long PID = 4000;
  static final int TIMEOUT_MS = 40_000;

  /** retry.backoff.ms 100, max 1000, with a random factor of exactly 1 so waits are exact. */
  static final RetryBackoff RETRY_BACKOFF = new RetryBackoff(100, 1000, () -> 0.5);

  final ManualClock clock = new ManualClock(10_000);
  final FakeNetworkClient client = new FakeNetworkClient(5);
  final RecordAccumulator accumulator;
  final ProducerMetadata metadata;
  final TransactionManager txn;
  final Sender sender;

  TxnFixture(boolean transactionsV2) {
    if (transactionsV2) {
      client.setFinalizedFeature("transaction.version", (short) 2);
    }
    BufferPool pool = new BufferPool(1024 * 1024, 16 * 1024);
    accumulator =
        new RecordAccumulator(
            new AccumulatorConfig(
                16 * 1024, 0, 120_000, RETRY_BACKOFF, CompressionType.NONE, true, false, 0),
            pool);
    metadata = new ProducerMetadata(List.of(BOOTSTRAP), 100, 300_000, 300_000);
    ProducerIdManager producerIds =
        ProducerIdManager.transactional(new TransactionConfig(TXN_ID, TIMEOUT_MS, RETRY_BACKOFF));
    txn = new TransactionManager(producerIds, client, metadata);
    sender =
        new Sender(
            new SenderConfig(
                "test",
                (short) -1,
                30_000,
                1024 * 1024,
                Integer.MAX_VALUE,
                100,
                1000,
                120_000,
                true),
            new SenderCollaborators(
                clock,
                client,
                metadata,
                accumulator,
                new CompressionContext(new CompressionLevels(-1, 9, 3)),
                new SenderStats(),
                txn,
                producerIds));
    client.respondAlways(ApiKey.METADATA, r -> metadataResponse());
  }

  /** Runs rounds until the scripted responses are used up and nothing is in flight (max 20). */
  void runUntilQuiet() {
    for (int i = 0; i < 20; i++) {
      runOnce();
      if (!client.hasPreparedResponses() && client.inFlightRequests().isEmpty()) {
        runOnce();
        return;
      }
    }
  }

  void runOnce() {
    sender.runOnce();
  }

  /** Moves time past any retry backoff. */
  void advancePastBackoff() {
    clock.advanceMs(2_000);
  }

  static FindCoordinatorResponse coordinator(String key, Node node) {
    return new FindCoordinatorResponse(
        0,
        List.of(
            new FindCoordinatorResponse.Coordinator(
                key, node.id(), node.host(), node.port(), (short) 0, null)));
  }

  static FindCoordinatorResponse coordinatorError(String key, short code) {
    return new FindCoordinatorResponse(
        0, List.of(new FindCoordinatorResponse.Coordinator(key, -1, "", -1, code, null)));
  }

  MetadataResponse metadataResponse() {
    List<MetadataResponse.Partition> partitions = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      partitions.add(
          new MetadataResponse.Partition(
              (short) 0, p, 1 + p, 5, List.of(1, 2), List.of(1, 2), List.of()));
    }
    return new MetadataResponse(
        0,
        List.of(
            new MetadataResponse.Broker(1, "b1", 9092, null),
            new MetadataResponse.Broker(2, "b2", 9092, null)),
        "cluster",
        1,
        List.of(
            new MetadataResponse.Topic(
                (short) 0, TOPIC, null, false, partitions, Integer.MIN_VALUE)),
        Integer.MIN_VALUE,
        (short) 0);
  }

  CompletableFuture<RecordMetadata> append(TopicPartition tp, String value) {
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    accumulator.append(
        tp.topic(),
        tp.partition(),
        clock.nowMs(),
        null,
        value.getBytes(StandardCharsets.UTF_8),
        new Header[0],
        future,
        null,
        0,
        clock.nowMs(),
        metadata.snapshot());
    return future;
  }

  List<ApiKey> sentKeys() {
    return client.sentRequests().stream()
        .map(SentRequest::apiKey)
        .filter(k -> k != ApiKey.METADATA)
        .toList();
  }

  /** Answers every Produce in flight with success. */
  void ackProduces() {
    for (SentRequest r : client.inFlightRequests()) {
      if (r.apiKey() != ApiKey.PRODUCE) {
        continue;
      }
      ProduceRequest decoded = r.decode(ProduceRequest::read);
      List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
      for (ProduceRequest.TopicData t : decoded.topicData()) {
        List<ProduceResponse.PartitionResponse> parts = new ArrayList<>();
        for (ProduceRequest.PartitionData p : t.partitionData()) {
          parts.add(
              new ProduceResponse.PartitionResponse(
                  p.index(), (short) 0, 0, -1, 0, List.of(), null, null));
        }
        topics.add(new ProduceResponse.TopicResponse(t.name(), null, parts));
      }
      client.respond(r, new ProduceResponse(topics, 0, List.of()));
    }
  }

  /** Fails every Produce in flight with {@code error} on each partition. */
  void failProduces(short error) {
    for (SentRequest r : client.inFlightRequests()) {
      if (r.apiKey() != ApiKey.PRODUCE) {
        continue;
      }
      ProduceRequest decoded = r.decode(ProduceRequest::read);
      List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
      for (ProduceRequest.TopicData t : decoded.topicData()) {
        List<ProduceResponse.PartitionResponse> parts = new ArrayList<>();
        for (ProduceRequest.PartitionData p : t.partitionData()) {
          parts.add(
              new ProduceResponse.PartitionResponse(
                  p.index(), error, -1, -1, 0, List.of(), null, null));
        }
        topics.add(new ProduceResponse.TopicResponse(t.name(), null, parts));
      }
      client.respond(r, new ProduceResponse(topics, 0, List.of()));
    }
  }

  static List<DecodedBatch> batches(SentRequest produce) {
    ProduceRequest decoded = produce.decode(ProduceRequest::read);
    List<DecodedBatch> out = new ArrayList<>();
    for (ProduceRequest.TopicData t : decoded.topicData()) {
      for (ProduceRequest.PartitionData p : t.partitionData()) {
        out.addAll(new RecordBatchReader().readAll(p.records().duplicate()));
      }
    }
    return out;
  }
}
