package dev.plume.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.plume.internal.clock.ManualClock;
import dev.plume.internal.network.FakeNetworkClient;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.message.InitProducerIdResponse;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.internal.protocol.message.ProduceRequest;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.logging.LogCapture;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.SerializationException;
import dev.plume.producer.serialization.Serializer;
import dev.plume.producer.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole producer over a {@link FakeNetworkClient} that answers Metadata, InitProducerId and
 * Produce requests by itself. The I/O thread runs for real; the clock is manual, so nothing lingers
 * out or expires unless a test says so.
 */
class PlumeProducerTest {

  private final ManualClock clock = new ManualClock(1_000);
  private final FakeNetworkClient client = new FakeNetworkClient().blockInPoll(true);
  private final AtomicLong nextOffset = new AtomicLong();
  private PlumeProducer<String, String> producer;

  private static MetadataResponse metadata() {
    List<MetadataResponse.Partition> parts = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      parts.add(
          new MetadataResponse.Partition((short) 0, p, 1, 1, List.of(1), List.of(1), List.of()));
    }
    return new MetadataResponse(
        0,
        List.of(new MetadataResponse.Broker(1, "b1", 9092, null)),
        "c",
        1,
        List.of(new MetadataResponse.Topic((short) 0, "t", null, false, parts, 0)),
        0,
        (short) 0);
  }

  private ProduceResponse ackAll(SentRequest request) {
    List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
    for (ProduceRequest.TopicData t : request.decode(ProduceRequest::read).topicData()) {
      List<ProduceResponse.PartitionResponse> parts = new ArrayList<>();
      for (ProduceRequest.PartitionData p : t.partitionData()) {
        parts.add(
            new ProduceResponse.PartitionResponse(
                p.index(), (short) 0, nextOffset.getAndAdd(100), -1, 0, List.of(), null, null));
      }
      topics.add(new ProduceResponse.TopicResponse(t.name(), null, parts));
    }
    return new ProduceResponse(topics, 0, List.of());
  }

  private PlumeProducer.Builder<String, String> builder(ProducerConfig.Builder config) {
    client.respondAlways(ApiKey.METADATA, r -> metadata());
    client.respondAlways(
        ApiKey.INIT_PRODUCER_ID, r -> new InitProducerIdResponse(0, (short) 0, 77, (short) 0));
    client.respondAlways(ApiKey.PRODUCE, this::ackAll);
    return PlumeProducer.<String, String>builder(
            config.bootstrapServers("boot:9092").clientId("unit").maxBlockMs(10_000).build())
        .keySerializer(new StringSerializer())
        .valueSerializer(new StringSerializer())
        .clock(clock)
        .networkClientFactory(networkConfig -> client);
  }

  /** linger.ms=0: the manual clock never moves, so a lingering batch would wait forever. */
  private static ProducerConfig.Builder config() {
    return ProducerConfig.builder().lingerMs(0);
  }

  private PlumeProducer<String, String> start() {
    producer = builder(config()).build();
    return producer;
  }

  @AfterEach
  void closeProducer() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(10));
    }
  }

  private static Throwable failure(CompletableFuture<RecordMetadata> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void sendCompletesTheFutureWithTheBrokersOffset() throws Exception {
    start();
    RecordMetadata m =
        producer.send(new ProducerRecord<>("t", 1, "k", "v")).get(10, TimeUnit.SECONDS);
    assertThat(m.topic()).isEqualTo("t");
    assertThat(m.partition()).isEqualTo(1);
    assertThat(m.offset()).isZero();
    List<SentRequest> produces = client.sentRequests(ApiKey.PRODUCE);
    assertThat(produces).hasSize(1);
    assertThat(produces.get(0).decode(ProduceRequest::read).topicData().get(0).name())
        .isEqualTo("t");
  }

  @Test
  void flushWaitsForLingeringRecords() {
    producer = builder(config().lingerMs(60_000)).build();
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      futures.add(producer.send(new ProducerRecord<>("t", 0, null, "v" + i)));
    }
    // The manual clock never reaches linger.ms: only flush can make them go.
    assertThat(futures).noneMatch(CompletableFuture::isDone);
    producer.flush();
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(futures.get(2).join().offset()).isEqualTo(2);
  }

  @Test
  void flushFromACallbackFailsFastInsteadOfDeadlocking() throws Exception {
    start();
    AtomicReference<Exception> fromCallback = new AtomicReference<>();
    producer
        .send(
            new ProducerRecord<>("t", 0, null, "v"),
            (m, e) -> {
              try {
                producer.flush();
              } catch (Exception ex) {
                fromCallback.set(ex);
              }
            })
        .get(10, TimeUnit.SECONDS);
    assertThat(fromCallback.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("flush()");
  }

  @Test
  void sendAfterCloseThrowsProducerClosedException() {
    start();
    producer.close();
    assertThatThrownBy(() -> producer.send(new ProducerRecord<>("t", "v")))
        .isInstanceOf(ProducerClosedException.class)
        .hasMessageContaining("t");
  }

  @Test
  void aRecordOverMaxRequestSizeFailsThroughItsFuture() throws Exception {
    producer = builder(config().maxRequestSizeBytes(1000)).build();
    AtomicReference<Exception> callbackError = new AtomicReference<>();
    CompletableFuture<RecordMetadata> f =
        producer.send(
            new ProducerRecord<>("t", 0, null, "x".repeat(2000)), (m, e) -> callbackError.set(e));
    assertThat(failure(f))
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("max.request.size=1000");
    assertThat(callbackError.get()).isInstanceOf(RecordTooLargeException.class);
    assertThat(producer.send(new ProducerRecord<>("t", 0, null, "small")).get(10, TimeUnit.SECONDS))
        .isNotNull();
  }

  @Test
  void aThrowingInterceptorDoesNotBreakSends() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    producer =
        builder(config())
            .interceptor(
                new ProducerInterceptor<>() {
                  @Override
                  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> r) {
                    throw new IllegalStateException("interceptor bug");
                  }

                  @Override
                  public void onAcknowledgement(RecordMetadata m, Exception e) {
                    synchronized (acknowledged) {
                      acknowledged.add(m.topic());
                    }
                    throw new IllegalStateException("interceptor bug on ack");
                  }
                })
            .build();
    RecordMetadata m =
        producer.send(new ProducerRecord<>("t", 0, null, "v")).get(10, TimeUnit.SECONDS);
    assertThat(m.offset()).isZero();
    synchronized (acknowledged) {
      assertThat(acknowledged).containsExactly("t");
    }
  }

  @Test
  void aSerializerFailureThrowsSerializationException() {
    Serializer<String> broken =
        (topic, data) -> {
          throw new IllegalArgumentException("cannot encode " + data);
        };
    producer = builder(config()).valueSerializer(broken).build();
    assertThatThrownBy(() -> producer.send(new ProducerRecord<>("t", 0, null, "bad")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("value")
        .hasMessageContaining("cannot encode bad");
  }

  @Test
  void interceptorsSeeEveryFailedSendOnceAsErrorAndOnceAsAcknowledgement() throws Exception {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Serializer<String> picky =
        (topic, data) -> {
          if (data.startsWith("bad")) {
            throw new IllegalArgumentException("cannot encode " + data);
          }
          return data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
    producer =
        builder(config().maxRequestSizeBytes(1000))
            .valueSerializer(picky)
            .interceptor(
                new ProducerInterceptor<>() {
                  @Override
                  public void onAcknowledgement(RecordMetadata m, Exception e) {
                    events.add("ack:" + (e == null ? "ok" : e.getClass().getSimpleName()));
                  }

                  @Override
                  public void onSendError(ProducerRecord<String, String> r, Exception e) {
                    events.add("error:" + e.getClass().getSimpleName());
                  }
                })
            .build();
    assertThatThrownBy(() -> producer.send(new ProducerRecord<>("t", 0, null, "bad")))
        .isInstanceOf(SerializationException.class);
    assertThat(events)
        .containsExactly("error:SerializationException", "ack:SerializationException");
    events.clear();
    failure(producer.send(new ProducerRecord<>("t", 0, null, "x".repeat(2000))));
    assertThat(events)
        .containsExactly("error:RecordTooLargeException", "ack:RecordTooLargeException");
    events.clear();
    producer.send(new ProducerRecord<>("t", 0, null, "fine")).get(10, TimeUnit.SECONDS);
    assertThat(events).containsExactly("ack:ok");
  }

  @Test
  void metricsCountTheRecordsSent() throws Exception {
    start();
    for (int i = 0; i < 4; i++) {
      producer.send(new ProducerRecord<>("t", i % 2, null, "v" + i));
    }
    producer.flush();
    dev.plume.producer.ProducerStats stats = producer.metrics();
    assertThat(stats.recordsSentTotal()).isEqualTo(4);
    assertThat(stats.recordErrorsTotal()).isZero();
    assertThat(stats.bufferAvailableBytes()).isEqualTo(stats.bufferTotalBytes());
    assertThat(stats.requestsTotal()).isGreaterThanOrEqualTo(1);
    assertThat(stats.senderThreadAlive()).isTrue();
    assertThat(stats.metadataAgeMs()).isZero(); // manual clock: no time has passed
    // rates over the manual clock: the first window starts with the producer, so 4 + 6 records
    // within its first second give 10/s; the next window counts only what follows
    clock.advanceMs(1_000);
    for (int i = 0; i < 6; i++) {
      producer.send(new ProducerRecord<>("t", 0, null, "w" + i));
    }
    producer.flush();
    assertThat(producer.metrics().recordSendRate()).isEqualTo(10.0);
    clock.advanceMs(2_000);
    for (int i = 0; i < 3; i++) {
      producer.send(new ProducerRecord<>("t", 0, null, "x" + i));
    }
    producer.flush();
    assertThat(producer.metrics().recordSendRate()).isEqualTo(1.5);
    producer.close();
    assertThat(producer.metrics().senderThreadAlive()).isFalse();
  }

  @Test
  void aTopicThatNeverAppearsFailsTheSendAfterMaxBlockMsNamingIt() throws Exception {
    PlumeProducer<String, String> shortBlock =
        PlumeProducer.<String, String>builder(
                config().bootstrapServers("boot:9092").clientId("short").maxBlockMs(50).build())
            .keySerializer(new StringSerializer())
            .valueSerializer(new StringSerializer())
            .clock(clock)
            .networkClientFactory(
                networkConfig ->
                    new FakeNetworkClient()
                        .blockInPoll(true)
                        .respondAlways(ApiKey.METADATA, r -> metadata())
                        .respondAlways(
                            ApiKey.INIT_PRODUCER_ID,
                            r -> new InitProducerIdResponse(0, (short) 0, 1, (short) 0)))
            .build();
    try {
      assertThat(failure(shortBlock.send(new ProducerRecord<>("no-such-topic", "v"))))
          .isInstanceOf(dev.plume.producer.errors.TimeoutException.class)
          .hasMessageContaining("no-such-topic")
          .hasMessageContaining("max.block.ms=50");
    } finally {
      shortBlock.close(java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void keylessRecordsAreSpreadAndAllAcknowledged() throws Exception {
    start();
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(producer.send(new ProducerRecord<>("t", "value-" + i)));
    }
    producer.flush();
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(futures).allMatch(f -> f.join().partition() >= 0 && f.join().partition() < 2);
  }

  @Test
  void anInvalidPartitionFailsThroughTheFuture() throws Exception {
    start();
    assertThat(failure(producer.send(new ProducerRecord<>("t", 5, null, "v"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
  }

  @Test
  void closeWithPendingRecordsDrainsThemGracefully() throws Exception {
    producer = builder(config().lingerMs(60_000)).build();
    CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>("t", 0, null, "v"));
    producer.close();
    assertThat(f.get(10, TimeUnit.SECONDS).offset()).isZero();
    assertThat(client.isClosed()).isTrue();
  }

  @Test
  void forcedCloseFailsPendingRecordsClearly() throws Exception {
    client.setNodeReady(new dev.plume.internal.network.Node(1, "b1", 9092), false);
    producer = builder(config()).build();
    CompletableFuture<RecordMetadata> f = producer.send(new ProducerRecord<>("t", 0, null, "v"));
    producer.close(java.time.Duration.ZERO);
    assertThat(failure(f))
        .isInstanceOf(ProducerClosedException.class)
        .hasMessageContaining("closed");
  }

  // ------------------------------------------------------------ pre-serialized records

  @Test
  void appendSerializedKeepsTheBytesAndReportsThroughTheCompletionOnly() throws Exception {
    producer = builder(config().lingerMs(60_000)).build();
    dev.plume.producer.ClusterMetadata cluster = producer.awaitSendableTopic("t", 10_000);
    byte[] key = "k".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] value = "v".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    CompletableFuture<RecordMetadata> outcome = new CompletableFuture<>();
    int partition =
        producer.appendSerialized(
            "t",
            1,
            42L,
            key,
            value,
            new dev.plume.producer.Header[] {dev.plume.producer.Header.of("h", "x")},
            (m, e) -> {
              if (e == null) {
                outcome.complete(m);
              } else {
                outcome.completeExceptionally(e);
              }
            },
            1_000,
            cluster,
            false);
    assertThat(partition).isEqualTo(1);
    producer.flush();
    RecordMetadata m = outcome.get(10, TimeUnit.SECONDS);
    assertThat(m.partition()).isEqualTo(1);
    assertThat(m.timestampMs()).isEqualTo(42L);
    assertThat(m.serializedKeySizeBytes()).isEqualTo(1);
    ProduceRequest sent = client.sentRequests(ApiKey.PRODUCE).get(0).decode(ProduceRequest::read);
    assertThat(sent.topicData().get(0).partitionData().get(0).index()).isEqualTo(1);
  }

  @Test
  void appendSerializedWithoutPartitionLetsTheStickyPartitionerChoose() throws Exception {
    start();
    dev.plume.producer.ClusterMetadata cluster = producer.awaitSendableTopic("t", 10_000);
    assertThat(producer.builtInPartition("t", null, cluster)).isEqualTo(-1);
    int keyed = producer.builtInPartition("t", new byte[] {1, 2, 3}, cluster);
    assertThat(keyed)
        .isEqualTo(
            dev.plume.internal.partition.KeyPartitioning.partitionForKey(new byte[] {1, 2, 3}, 2));
    CompletableFuture<RecordMetadata> outcome = new CompletableFuture<>();
    int partition =
        producer.appendSerialized(
            "t",
            -1,
            -1,
            null,
            new byte[] {9},
            null,
            (m, e) -> outcome.complete(m),
            1_000,
            cluster,
            false);
    assertThat(partition).isBetween(0, 1);
    assertThat(outcome.get(10, TimeUnit.SECONDS).partition()).isEqualTo(partition);
  }

  @Test
  void appendSerializedAbortsInsteadOfOpeningANewBatchWhenAsked() throws Exception {
    producer = builder(config().lingerMs(60_000)).build();
    dev.plume.producer.ClusterMetadata cluster = producer.awaitSendableTopic("t", 10_000);
    List<RecordMetadata> acked = new ArrayList<>();
    dev.plume.producer.Callback done = (m, e) -> acked.add(m);
    // No batch is open yet for partition 0: opening one is refused, nothing is appended.
    assertThat(
            producer.appendSerialized(
                "t", 0, -1, null, new byte[] {1}, null, done, 1_000, cluster, true))
        .isEqualTo(PlumeProducer.APPEND_ABORTED_FOR_NEW_BATCH);
    assertThat(
            producer.appendSerialized(
                "t", 0, -1, null, new byte[] {1}, null, done, 1_000, cluster, false))
        .isZero();
    // The open batch has room: the same flag appends to it.
    assertThat(
            producer.appendSerialized(
                "t", 0, -1, null, new byte[] {2}, null, done, 1_000, cluster, true))
        .isZero();
    producer.flush();
    assertThat(acked).hasSize(2);
    assertThat(acked.get(1).offset()).isEqualTo(acked.get(0).offset() + 1);
  }

  @Test
  void appendSerializedRefusesARecordOverMaxRequestSize() {
    producer = builder(config().maxRequestSizeBytes(1_000)).build();
    dev.plume.producer.ClusterMetadata cluster = producer.awaitSendableTopic("t", 10_000);
    assertThatThrownBy(
            () ->
                producer.appendSerialized(
                    "t", 0, -1, null, new byte[2_000], null, (m, e) -> {}, 1_000, cluster, false))
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("max.request.size=1000");
  }

  @Test
  void awaitSendableTopicRefusesAClosedProducer() {
    start();
    producer.close();
    assertThatThrownBy(() -> producer.awaitSendableTopic("t", 10))
        .isInstanceOf(ProducerClosedException.class);
  }

  @Test
  void aRecordOutcomeCallbackGetsTheOutcomeAsValues() throws Exception {
    producer = builder(config().lingerMs(60_000)).build();
    dev.plume.producer.ClusterMetadata cluster = producer.awaitSendableTopic("t", 10_000);
    List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.plume.producer.RecordOutcome outcome =
        (topic, partition, offset, timestampMs, keySize, valueSize, e) ->
            outcomes.add(
                topic
                    + "/"
                    + partition
                    + "@"
                    + offset
                    + " t="
                    + timestampMs
                    + " k="
                    + keySize
                    + " v="
                    + valueSize
                    + " e="
                    + e);
    producer.appendSerialized(
        "t", 1, 7L, null, new byte[] {1, 2}, null, outcome, 1_000, cluster, false);
    producer.appendSerialized(
        "t", 1, 8L, new byte[] {3}, null, null, outcome, 1_000, cluster, false);
    producer.flush();
    assertThat(outcomes).containsExactly("t/1@0 t=7 k=-1 v=2 e=null", "t/1@1 t=8 k=1 v=-1 e=null");

    // Failed records too: a forced close fails what cannot go out.
    client.setNodeReady(new dev.plume.internal.network.Node(1, "b1", 9092), false);
    producer.appendSerialized(
        "t", 0, 9L, null, new byte[] {1}, null, outcome, 1_000, cluster, false);
    producer.close(java.time.Duration.ZERO);
    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(2)).startsWith("t/0@-1 t=9 k=-1 v=1 e=dev.plume.producer.errors.");
  }

  /** Collects outcomes as text, for the allocation-free send's tests. */
  private static dev.plume.producer.RecordOutcome collecting(List<String> outcomes) {
    return (topic, partition, offset, timestampMs, keySize, valueSize, e) ->
        outcomes.add(
            topic
                + "/"
                + partition
                + "@"
                + offset
                + " t="
                + timestampMs
                + " k="
                + keySize
                + " v="
                + valueSize
                + " e="
                + (e == null ? null : e.getClass().getSimpleName()));
  }

  @Test
  void theSendWithoutFutureReportsThroughTheOutcomeOnly() throws Exception {
    start();
    List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.plume.producer.RecordOutcome outcome = collecting(outcomes);
    producer.send("t", 1, 7L, "key", "value", null, outcome);
    producer.send(
        "t",
        0,
        8L,
        null,
        "v",
        new dev.plume.producer.Header[] {new dev.plume.producer.Header("h", new byte[] {1})},
        outcome);
    producer.flush();
    // One or two Produce requests, depending on timing: the offsets are the fake broker's.
    assertThat(outcomes.stream().map(o -> o.replaceAll("@\\d+ ", "@n ")))
        .containsExactlyInAnyOrder("t/1@n t=7 k=3 v=5 e=null", "t/0@n t=8 k=-1 v=1 e=null");
    List<ProduceRequest.PartitionData> sent =
        client.sentRequests(ApiKey.PRODUCE).stream()
            .flatMap(r -> r.decode(ProduceRequest::read).topicData().stream())
            .flatMap(t -> t.partitionData().stream())
            .toList();
    assertThat(sent)
        .extracting(ProduceRequest.PartitionData::index)
        .containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void theSendWithoutFutureChoosesThePartitionByKeyAndTimesRecordsNow() throws Exception {
    start();
    List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    byte[] keyBytes = "k1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int expected = dev.plume.internal.partition.KeyPartitioning.partitionForKey(keyBytes, 2);
    producer.send("t", "k1", "v", collecting(outcomes));
    producer.flush();
    assertThat(outcomes).containsExactly("t/" + expected + "@0 t=1000 k=2 v=1 e=null");
  }

  @Test
  void theSendWithoutFutureReportsFailuresBeforeQueueingToTheOutcome() throws Exception {
    producer = builder(config().maxRequestSizeBytes(1_000)).build();
    List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.plume.producer.RecordOutcome outcome = collecting(outcomes);
    producer.send("t", 0, -1L, null, "x".repeat(2_000), null, outcome);
    producer.send("t", 5, -1L, null, "v", null, outcome);
    assertThat(outcomes)
        .containsExactly(
            "t/0@-1 t=-1 k=-1 v=-1 e=RecordTooLargeException",
            "t/5@-1 t=-1 k=-1 v=-1 e=IllegalArgumentException");
    assertThatThrownBy(() -> producer.send("t", -2, -1L, null, "v", null, outcome))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
    producer.close();
    assertThatThrownBy(() -> producer.send("t", "k", "v", outcome))
        .isInstanceOf(ProducerClosedException.class);
  }

  @Test
  void theSendWithoutFutureThrowsSerializationFailures() {
    Serializer<String> broken =
        (topic, data) -> {
          throw new IllegalArgumentException("cannot encode " + data);
        };
    producer = builder(config()).valueSerializer(broken).build();
    List<String> outcomes = new ArrayList<>();
    assertThatThrownBy(() -> producer.send("t", null, "bad", collecting(outcomes)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot encode bad");
    assertThat(outcomes).isEmpty();
  }

  @Test
  void theSendWithoutFutureGoesThroughInterceptorsWhenThereAreAny() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    producer =
        builder(config())
            .interceptor(
                new ProducerInterceptor<>() {
                  @Override
                  public ProducerRecord<String, String> onSend(ProducerRecord<String, String> r) {
                    seen.add("send " + r.partition() + " " + r.timestampMs() + " " + r.value());
                    return new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value() + "!");
                  }

                  @Override
                  public void onAcknowledgement(RecordMetadata m, Exception e) {
                    seen.add("ack " + m.partition());
                  }
                })
            .build();
    List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    producer.send("t", 1, 5L, null, "v", null, collecting(outcomes));
    producer.flush();
    assertThat(seen).containsExactly("send 1 5 v", "ack 1");
    // The interceptor's record replaced the timestamp with now, and appended "!".
    assertThat(outcomes).containsExactly("t/1@0 t=1000 k=-1 v=2 e=null");
  }

  @Test
  void startupLogsTheMaskedConfigAndOneWarnForUnusedKeys() {
    try (LogCapture logs = LogCapture.plume()) {
      producer =
          builder(
                  config()
                      .set("lingr.ms", "5")
                      .set("sasl.login.refresh.window.factor", "0.8")
                      .set("ssl.truststore.password", "hunter2"))
              .build();
      producer.close(java.time.Duration.ofSeconds(10));

      List<String> infos = logs.messages(Level.INFO);
      assertThat(infos)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("Plume producer unit started with")
                      .contains("enable.idempotence=true")
                      .contains("ssl.truststore.password=[hidden]")
                      .doesNotContain("hunter2"))
          .anySatisfy(m -> assertThat(m).contains("Plume producer unit closed"));
      assertThat(logs.messages(Level.WARN))
          .singleElement()
          .asString()
          .contains("[lingr.ms, sasl.login.refresh.window.factor]", "not used");
    }
  }

  @Test
  void aCleanRunOf100000RecordsLogsNothingPerRecord() throws Exception {
    try (LogCapture logs = LogCapture.plume()) {
      start();
      CompletableFuture<RecordMetadata> last = null;
      for (int i = 0; i < 100_000; i++) {
        last = producer.send(new ProducerRecord<>("t", "k" + (i % 100), "v"));
      }
      producer.flush();
      last.get(10, TimeUnit.SECONDS);
      assertThat(producer.metrics().recordsSentTotal()).isEqualTo(100_000);
      producer.close(java.time.Duration.ofSeconds(10));

      // Start (config), producer id, close: nothing that grows with the records sent.
      assertThat(logs.atInfoOrAbove()).hasSizeLessThanOrEqualTo(3);
      assertThat(logs.messages(Level.WARN)).isEmpty();
      assertThat(logs.messages(Level.ERROR)).isEmpty();
    }
  }
}
