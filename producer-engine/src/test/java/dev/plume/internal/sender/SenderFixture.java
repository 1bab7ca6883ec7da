package dev.plume.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.accumulator.AccumulatorConfig;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.clock.ManualClock;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.FakeNetworkClient;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.message.InitProducerIdResponse;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.internal.protocol.message.ProduceRequest;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.record.DecodedBatch;
import dev.plume.internal.record.RecordBatchReader;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.internal.txn.ProducerIdManager;
import dev.plume.internal.txn.ProducerTransactions;
import dev.plume.producer.Callback;
import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

/**
 * A sender wired like PlumeProducer wires it, over a {@link FakeNetworkClient} and a {@link
 * ManualClock}: tests append records, call {@link #runOnce()}, and answer the Produce requests the
 * fake recorded.
 */
final class SenderFixture {

  static final String TOPIC = "t";
  static final String OTHER_TOPIC = "u";
  static final Node BOOTSTRAP = new Node(-1, "boot", 9092);
  static final Node N1 = new Node(1, "b1", 9092);
  static final Node N2 = new Node(2, "b2", 9092);
  static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
  static final long PRODUCER_ID = 1000;

  /** Settings; the defaults are Kafka's where they matter, with short times. */
  static final class Options {
    boolean idempotent = true;
    short acks = -1;
    int batchSizeBytes = 16 * 1024;
    int maxRequestSizeBytes = 1024 * 1024;
    long bufferMemoryBytes = 1024 * 1024;
    long lingerMs = 0;
    long deliveryTimeoutMs = 120_000;
    int requestTimeoutMs = 30_000;
    int retries = Integer.MAX_VALUE;
    long retryBackoffMs = 100;
    long retryBackoffMaxMs = 1000;

    /** The backoff's random draws in [0, 1): 0.5 is a factor of exactly 1, so waits are exact. */
    DoubleSupplier retryRandom01 = () -> 0.5;

    int maxInFlight = 5;
    CompressionType compression = CompressionType.NONE;
    boolean adaptiveBatching;
    boolean rebootstrap = true;
    long rebootstrapTriggerMs = 300_000;

    /** Leader of partition i is leaders[i]. */
    int[] leaders = {1, 1};
  }

  final Options options;
  final ManualClock clock = new ManualClock(10_000);
  final FakeNetworkClient client;
  final BufferPool pool;
  final RecordAccumulator accumulator;
  final ProducerMetadata metadata;
  final SenderStats stats = new SenderStats();
  final Sender sender;
  int leaderEpoch = 5;

  SenderFixture() {
    this(new Options());
  }

  SenderFixture(Options o) {
    this.options = o;
    this.client = new FakeNetworkClient(o.maxInFlight);
    this.pool = new BufferPool(o.bufferMemoryBytes, o.batchSizeBytes);
    RetryBackoff retryBackoff =
        new RetryBackoff(o.retryBackoffMs, o.retryBackoffMaxMs, o.retryRandom01);
    this.accumulator =
        new RecordAccumulator(
            new AccumulatorConfig(
                o.batchSizeBytes,
                o.lingerMs,
                o.deliveryTimeoutMs,
                retryBackoff,
                o.compression,
                false,
                false,
                0,
                o.adaptiveBatching),
            pool);
    this.metadata =
        new ProducerMetadata(
            List.of(BOOTSTRAP),
            o.retryBackoffMs,
            300_000,
            300_000,
            o.rebootstrap,
            o.rebootstrapTriggerMs);
    this.sender =
        new Sender(
            new SenderConfig(
                "test",
                o.acks,
                o.requestTimeoutMs,
                o.maxRequestSizeBytes,
                o.retries,
                o.retryBackoffMs,
                o.retryBackoffMaxMs,
                o.deliveryTimeoutMs,
                o.idempotent),
            new SenderCollaborators(
                clock,
                client,
                metadata,
                accumulator,
                new CompressionContext(new CompressionLevels(-1, 9, 3)),
                stats,
                ProducerTransactions.NONE,
                ProducerIdManager.idempotent("test", retryBackoff)));
  }

  /** Answers every Metadata request with the current leaders (and InitProducerId once). */
  SenderFixture startUp() {
    client.respondAlways(ApiKey.METADATA, r -> metadataResponse());
    if (options.idempotent) {
      client.prepareResponse(
          ApiKey.INIT_PRODUCER_ID,
          new InitProducerIdResponse(0, (short) 0, PRODUCER_ID, (short) 0));
    }
    runOnce(); // metadata (and InitProducerId) sent and answered inside poll
    runOnce();
    assertThat(metadata.snapshot().partitionCountForTopic(TOPIC)).isEqualTo(options.leaders.length);
    if (options.idempotent) {
      assertThat(sender.producerIdAndEpoch().producerId()).isEqualTo(PRODUCER_ID);
    }
    return this;
  }

  MetadataResponse metadataResponse() {
    List<MetadataResponse.Partition> partitions = new ArrayList<>();
    for (int p = 0; p < options.leaders.length; p++) {
      partitions.add(
          new MetadataResponse.Partition(
              (short) 0,
              p,
              options.leaders[p],
              leaderEpoch,
              List.of(1, 2),
              List.of(1, 2),
              List.of()));
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
                (short) 0, TOPIC, null, false, partitions, Integer.MIN_VALUE),
            // a second topic "u" with one partition led by node 1
            new MetadataResponse.Topic(
                (short) 0,
                OTHER_TOPIC,
                null,
                false,
                List.of(
                    new MetadataResponse.Partition(
                        (short) 0, 0, 1, leaderEpoch, List.of(1), List.of(1), List.of())),
                Integer.MIN_VALUE)),
        Integer.MIN_VALUE,
        (short) 0);
  }

  void runOnce() {
    sender.runOnce();
  }

  void advance(long ms) {
    clock.advanceMs(ms);
  }

  /** Appends a record with value {@code value} to {@code tp}; the future carries its outcome. */
  CompletableFuture<RecordMetadata> append(TopicPartition tp, String value) {
    return append(tp, value, null);
  }

  CompletableFuture<RecordMetadata> append(TopicPartition tp, String value, Callback callback) {
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    accumulator.append(
        tp.topic(),
        tp.partition(),
        clock.nowMs(),
        null,
        value.getBytes(StandardCharsets.UTF_8),
        new Header[0],
        future,
        callback,
        0,
        clock.nowMs(),
        metadata.snapshot());
    return future;
  }

  /**
   * Appends like PlumeProducer does: then tells the sender when the touched batch becomes sendable,
   * which may wake the I/O thread (the fake counts wake-ups).
   *
   * @return the accumulator's append result
   */
  int appendAndNotify(TopicPartition tp, String value) {
    return appendAndNotify(tp, value, metadata.snapshot());
  }

  /** As {@link #appendAndNotify(TopicPartition, String)}, with the appender's metadata given. */
  int appendAndNotify(TopicPartition tp, String value, ClusterSnapshot snapshot) {
    long nowMs = clock.nowMs();
    int result =
        accumulator.append(
            tp.topic(),
            tp.partition(),
            nowMs,
            null,
            value.getBytes(StandardCharsets.UTF_8),
            new Header[0],
            new CompletableFuture<>(),
            null,
            0,
            nowMs,
            snapshot);
    Node leader = snapshot.leaderFor(tp.topic(), tp.partition());
    sender.batchReadyAt(accumulator.readyAtMs(result, nowMs), leader == null ? -1 : leader.id());
    return result;
  }

  List<SentRequest> produceRequests() {
    return client.sentRequests(ApiKey.PRODUCE);
  }

  SentRequest lastProduce() {
    List<SentRequest> all = produceRequests();
    assertThat(all).isNotEmpty();
    return all.get(all.size() - 1);
  }

  /** One batch as sent: partition, producer state and record values. */
  record SentBatch(
      TopicPartition tp, long producerId, short epoch, int baseSequence, List<String> values) {}

  static List<SentBatch> batches(SentRequest request) {
    ProduceRequest decoded = request.decode(ProduceRequest::read);
    List<SentBatch> out = new ArrayList<>();
    for (ProduceRequest.TopicData t : decoded.topicData()) {
      for (ProduceRequest.PartitionData p : t.partitionData()) {
        for (DecodedBatch b : new RecordBatchReader().readAll(p.records().duplicate())) {
          List<String> values = new ArrayList<>();
          b.records().forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
          out.add(
              new SentBatch(
                  new TopicPartition(t.name(), p.index()),
                  b.header().producerId(),
                  b.header().producerEpoch(),
                  b.header().baseSequence(),
                  values));
        }
      }
    }
    return out;
  }

  /** Every batch of every Produce request so far, in send order. */
  List<SentBatch> allSentBatches() {
    List<SentBatch> out = new ArrayList<>();
    for (SentRequest r : produceRequests()) {
      out.addAll(batches(r));
    }
    return out;
  }

  static ProduceResponse.PartitionResponse partition(int index, short error, long baseOffset) {
    return new ProduceResponse.PartitionResponse(
        index, error, baseOffset, -1, 0, List.of(), null, null);
  }

  /** A response answering each partition of {@code request} with {@code error} / offset. */
  static ProduceResponse response(Map<TopicPartition, ProduceResponse.PartitionResponse> byTp) {
    Map<String, List<ProduceResponse.PartitionResponse>> byTopic = new java.util.TreeMap<>();
    byTp.forEach((tp, p) -> byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(p));
    List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
    byTopic.forEach((t, ps) -> topics.add(new ProduceResponse.TopicResponse(t, null, ps)));
    return new ProduceResponse(topics, 0, List.of());
  }

  static ProduceResponse response(TopicPartition tp, short error, long baseOffset) {
    return response(Map.of(tp, partition(tp.partition(), error, baseOffset)));
  }

  /** Answers the in-flight Produce {@code request} (delivered at the next poll). */
  void respond(SentRequest request, ProduceResponse body) {
    client.respond(request, body);
  }

  /** Answers every in-flight Produce request with success, offsets from {@code baseOffset}. */
  void ackAllInFlight(long baseOffset) {
    for (SentRequest r : client.inFlightRequests()) {
      if (r.apiKey() != ApiKey.PRODUCE) {
        continue;
      }
      Map<TopicPartition, ProduceResponse.PartitionResponse> parts = new java.util.HashMap<>();
      for (SentBatch b : batches(r)) {
        parts.put(b.tp(), partition(b.tp().partition(), (short) 0, baseOffset));
      }
      client.respond(r, response(parts));
    }
  }
}
