package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.N1;
import static dev.plume.internal.sender.SenderFixture.N2;
import static dev.plume.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static dev.plume.internal.sender.SenderFixture.batches;
import static dev.plume.internal.sender.SenderFixture.partition;
import static dev.plume.internal.sender.SenderFixture.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.sender.SenderFixture.SentBatch;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.InvalidRecordException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SenderTest {

  static final short NONE = Errors.NONE.code();
  static final short NOT_LEADER_OR_FOLLOWER = Errors.NOT_LEADER_OR_FOLLOWER.code();
  static final short MESSAGE_TOO_LARGE = Errors.MESSAGE_TOO_LARGE.code();
  static final short NOT_ENOUGH_REPLICAS = Errors.NOT_ENOUGH_REPLICAS.code();
  static final short OUT_OF_ORDER_SEQUENCE_NUMBER = Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code();
  static final short DUPLICATE_SEQUENCE_NUMBER = Errors.DUPLICATE_SEQUENCE_NUMBER.code();
  static final short UNKNOWN_PRODUCER_ID = Errors.UNKNOWN_PRODUCER_ID.code();
  static final short INVALID_RECORD = Errors.INVALID_RECORD.code();

  static Throwable failure(CompletableFuture<RecordMetadata> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void fetchesMetadataThenProducesAndCompletesFuturesWithOffsets() {
    SenderFixture f = new SenderFixture();
    CompletableFuture<RecordMetadata> early = new CompletableFuture<>();
    f.startUp();
    assertThat(f.client.sentRequests())
        .extracting(SentRequest::apiKey)
        .containsExactly(ApiKey.METADATA, ApiKey.INIT_PRODUCER_ID);
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    SentRequest produce = f.lastProduce();
    assertThat(produce.destination()).isEqualTo(N1);
    assertThat(batches(produce))
        .containsExactly(new SentBatch(TP0, PRODUCER_ID, (short) 0, 0, List.of("a", "b")));
    assertThat(a).isNotDone();
    f.respond(produce, response(TP0, NONE, 42));
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(42);
    assertThat(b.join().offset()).isEqualTo(43);
    assertThat(a.join().partition()).isZero();
    assertThat(f.stats.recordsSent()).isEqualTo(2);
    assertThat(f.accumulator.hasIncomplete()).isFalse();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
    assertThat(early).isNotDone();
  }

  @Test
  void aBatchHeldBackByIdempotenceDoesNotMakeItsLeaderReadyForTheOtherPartitionsSmallBatches() {
    // t-0's chain is fresh: its second batch (full) waits for the first one's acknowledgement.
    // That must not make node 1 ready, else every round would drain t-1's batch as it opens (one
    // record here) while it should linger.
    SenderFixture.Options options = new SenderFixture.Options();
    options.batchSizeBytes = 256;
    options.lingerMs = 1_000;
    SenderFixture f = new SenderFixture(options).startUp();
    String big = "x".repeat(300); // larger than batch.size: a full batch of its own
    f.append(TP0, "a" + big);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    f.append(TP0, "b" + big); // full, but held back until "a" is acknowledged
    f.append(TP1, "c"); // lingers for 1 s
    f.advance(1);
    f.runOnce();
    f.advance(1);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);

    f.ackAllInFlight(0);
    f.runOnce(); // the acknowledgement arrives: "b" may go now, and "c" with it
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(batches(f.lastProduce()))
        .extracting(SentBatch::tp, SentBatch::values)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TP0, List.of("b" + big)),
            org.assertj.core.groups.Tuple.tuple(TP1, List.of("c")));
  }

  @Test
  void aLeaderThatRefusesOurCredentialsFailsItsQueuedRecordsAtOnceAndOnlyThose() {
    SenderFixture.Options options = new SenderFixture.Options();
    options.leaders = new int[] {1, 2};
    SenderFixture f = new SenderFixture(options).startUp();
    f.client.failAuthentication(
        N1,
        60_000,
        new dev.plume.producer.errors.AuthenticationException(
            "SCRAM-SHA-256 authentication with node 1 failed: invalid credentials"));
    CompletableFuture<RecordMetadata> toRefused = f.append(TP0, "a");
    CompletableFuture<RecordMetadata> toOther = f.append(TP1, "b");

    f.runOnce();

    assertThat(toRefused)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(dev.plume.producer.errors.AuthenticationException.class);
    assertThat(toOther).isNotDone(); // node 2 did not refuse us: its record is sent
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
  }

  @Test
  void notLeaderRefreshesMetadataAndRetriesAfterBackoffToTheNewLeader() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    SentRequest first = f.lastProduce();
    int metadataBefore = f.client.sentRequests(ApiKey.METADATA).size();
    f.options.leaders = new int[] {2, 2}; // the next metadata response moves the leader
    f.advance(100); // the metadata refresh backoff is over by the time the error arrives
    f.respond(first, response(TP0, NOT_LEADER_OR_FOLLOWER, -1));
    f.runOnce(); // handles the error: re-queued with backoff, metadata update requested
    assertThat(a).isNotDone();
    f.runOnce(); // metadata refresh goes out (answered inside this poll)
    assertThat(f.produceRequests()).hasSize(1); // the batch is still backing off
    f.advance(100);
    f.runOnce(); // retry goes to the new leader
    assertThat(f.client.sentRequests(ApiKey.METADATA).size()).isGreaterThan(metadataBefore);
    SentRequest retry = f.lastProduce();
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(retry.destination()).isEqualTo(N2);
    assertThat(batches(retry).get(0).baseSequence()).isZero();
    f.respond(retry, response(TP0, NONE, 7));
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(7);
    assertThat(f.stats.recordRetries()).isEqualTo(1);
  }

  @Test
  void leaderHintWithNewerEpochRedirectsTheRetryWithoutWaitingForMetadata() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    SentRequest first = f.lastProduce();
    f.client.stopResponding(ApiKey.METADATA); // the refresh will hang: only the hint can help
    ProduceResponse hinted =
        new ProduceResponse(
            List.of(
                new ProduceResponse.TopicResponse(
                    TP0.topic(),
                    null,
                    List.of(
                        new ProduceResponse.PartitionResponse(
                            0,
                            NOT_LEADER_OR_FOLLOWER,
                            -1,
                            -1,
                            0,
                            List.of(),
                            null,
                            new ProduceResponse.LeaderIdAndEpoch(2, f.leaderEpoch + 1))))),
            0,
            List.of(new ProduceResponse.NodeEndpoint(2, "b2", 9092, null)));
    f.respond(first, hinted);
    f.runOnce();
    assertThat(f.metadata.snapshot().leaderFor(TP0.topic(), 0)).isEqualTo(N2);
    assertThat(f.metadata.snapshot().partition(TP0.topic(), 0).leaderEpoch())
        .isEqualTo(f.leaderEpoch + 1);
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
    f.respond(f.lastProduce(), response(TP0, NONE, 1));
    f.runOnce();
    assertThat(a).isCompleted();
  }

  @Test
  void staleLeaderHintIsIgnored() {
    SenderFixture f = new SenderFixture().startUp();
    f.append(TP0, "a");
    f.runOnce();
    f.client.stopResponding(ApiKey.METADATA);
    ProduceResponse stale =
        new ProduceResponse(
            List.of(
                new ProduceResponse.TopicResponse(
                    TP0.topic(),
                    null,
                    List.of(
                        new ProduceResponse.PartitionResponse(
                            0,
                            NOT_LEADER_OR_FOLLOWER,
                            -1,
                            -1,
                            0,
                            List.of(),
                            null,
                            new ProduceResponse.LeaderIdAndEpoch(2, f.leaderEpoch))))),
            0,
            List.of(new ProduceResponse.NodeEndpoint(2, "b2", 9092, null)));
    f.respond(f.lastProduce(), stale);
    f.runOnce();
    assertThat(f.metadata.snapshot().leaderFor(TP0.topic(), 0)).isEqualTo(N1);
  }

  @Test
  void disconnectWhileInFlightRetriesWithTheSameSequencesAndCompletesOnce() {
    SenderFixture f = new SenderFixture().startUp();
    AtomicInteger callbacks = new AtomicInteger();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a", (m, e) -> callbacks.incrementAndGet());
    CompletableFuture<RecordMetadata> b = f.append(TP1, "b", (m, e) -> callbacks.incrementAndGet());
    f.runOnce();
    List<SentBatch> firstTry = batches(f.lastProduce());
    assertThat(firstTry).hasSize(2);
    f.client.disconnect(N1);
    f.runOnce();
    assertThat(a).isNotDone();
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    List<SentBatch> secondTry = batches(f.lastProduce());
    assertThat(secondTry).containsExactlyInAnyOrderElementsOf(firstTry);
    f.ackAllInFlight(10);
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(10);
    assertThat(b.join().offset()).isEqualTo(10);
    assertThat(callbacks).hasValue(2);
    assertThat(f.sender.producerIdAndEpoch().epoch()).isZero();
  }

  @Test
  void aLostAnswerForTwoPartitionsRetriesThemInSeparateRequestsAtJitteredTimes() {
    // Random factors 0.8 and 1.1996 for the two retries (in the order the sender puts them back).
    SenderFixture.Options o = new SenderFixture.Options();
    double[] draws = {0.0, 0.999};
    int[] next = {0};
    o.retryRandom01 = () -> draws[next[0]++];
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    CompletableFuture<RecordMetadata> b = f.append(TP1, "b");
    f.runOnce();
    List<SentBatch> firstTry = batches(f.lastProduce());
    assertThat(firstTry).extracting(SentBatch::tp).containsExactlyInAnyOrder(TP0, TP1);
    f.client.disconnect(N1); // the answer is lost: both batches fail at once
    f.runOnce();
    assertThat(next[0]).as("one random draw per retried batch").isEqualTo(2);

    f.advance(79);
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    f.advance(1); // 80 ms: the first one's wait is over, not the other's
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    List<SentBatch> firstRetry = batches(f.lastProduce());
    assertThat(firstRetry).hasSize(1);
    f.advance(38); // 118 ms
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    f.advance(1); // 119 ms
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(3);
    List<SentBatch> secondRetry = batches(f.lastProduce());
    assertThat(secondRetry).hasSize(1);
    // Each partition retried exactly once, with its sequence unchanged.
    List<SentBatch> retried = new ArrayList<>(firstRetry);
    retried.addAll(secondRetry);
    assertThat(retried).containsExactlyInAnyOrderElementsOf(firstTry);
    f.ackAllInFlight(10);
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(10);
    assertThat(b.join().offset()).isEqualTo(10);
  }

  @Test
  void fiveInFlightThenTheFirstFailsTheOthersAreRetriedInOrderNeverOvertaking() {
    SenderFixture f = new SenderFixture().startUp();
    // The partition's first batch goes alone: a broker without producer state would accept any
    // sequence, so nothing is pipelined behind it until it is acknowledged.
    CompletableFuture<RecordMetadata> first = f.append(TP0, "first");
    f.runOnce();
    f.append(TP0, "held back");
    f.advance(100);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    f.respond(f.lastProduce(), response(TP0, NONE, 0));
    f.runOnce(); // handles the response
    f.runOnce(); // now the held-back batch may go
    assertThat(first).isCompleted();
    assertThat(f.produceRequests()).hasSize(2);
    f.ackAllInFlight(1);
    f.runOnce();
    int alreadySent = f.produceRequests().size();
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      futures.add(f.append(TP0, "r" + i));
      f.runOnce(); // each record its own batch and request
    }
    List<SentRequest> inFlight = f.produceRequests().subList(alreadySent, alreadySent + 5);
    assertThat(f.produceRequests()).hasSize(alreadySent + 5);
    assertThat(inFlight)
        .extracting(r -> batches(r).get(0).baseSequence())
        .containsExactly(2, 3, 4, 5, 6);
    f.respond(inFlight.get(0), response(TP0, NOT_ENOUGH_REPLICAS, -1));
    for (int i = 1; i < 5; i++) {
      f.respond(inFlight.get(i), response(TP0, OUT_OF_ORDER_SEQUENCE_NUMBER, -1));
    }
    f.runOnce();
    assertThat(futures).noneMatch(CompletableFuture::isDone);
    futures.add(f.append(TP0, "r5")); // a new record must not overtake the retries
    // Drive until everything is acknowledged, acking each request as it is sent.
    long offset = 100;
    for (int round = 0; round < 50 && futures.stream().anyMatch(x -> !x.isDone()); round++) {
      f.advance(100);
      f.runOnce();
      f.ackAllInFlight(offset++);
    }
    f.runOnce();
    assertThat(futures).allMatch(x -> x.isDone() && !x.isCompletedExceptionally());
    List<Integer> retriedSequences = new ArrayList<>();
    for (SentBatch b : f.allSentBatches().subList(alreadySent + 5, f.allSentBatches().size())) {
      retriedSequences.add(b.baseSequence());
    }
    assertThat(retriedSequences).containsExactly(2, 3, 4, 5, 6, 7);
    assertThat(f.allSentBatches().get(alreadySent + 10).values()).containsExactly("r5");
    assertThat(f.sender.producerIdAndEpoch().epoch()).isZero();
    for (int i = 1; i < 6; i++) {
      assertThat(futures.get(i).join().offset()).isGreaterThan(futures.get(i - 1).join().offset());
    }
  }

  @Test
  void adaptiveBatchingSendsToAnIdleLeaderAtOnceAndLingersOnlyWhileARequestIsOutstanding() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.lingerMs = 100;
    o.adaptiveBatching = true;
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1); // no linger: the connection was idle
    f.append(TP0, "b");
    f.append(TP0, "c");
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1); // a request is outstanding: b and c linger
    f.ackAllInFlight(0);
    f.runOnce(); // the answer arrives
    f.runOnce(); // the connection is idle again: b and c go together, still before linger.ms
    assertThat(a).isCompleted();
    assertThat(f.produceRequests()).hasSize(2);
    assertThat(batches(f.lastProduce()).get(0).values()).containsExactly("b", "c");
  }

  @Test
  void duplicateSequenceNumberCountsAsSuccess() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.respond(f.lastProduce(), response(TP0, DUPLICATE_SEQUENCE_NUMBER, -1));
    f.runOnce();
    assertThat(a).isCompleted();
    assertThat(a.join().offset()).isEqualTo(-1);
    assertThat(f.sender.producerIdAndEpoch().epoch()).isZero();
  }

  @Test
  void outOfOrderOnTheNextExpectedBatchBumpsTheEpochAndRestartsSequences() {
    SenderFixture f = new SenderFixture().startUp();
    f.append(TP0, "a");
    f.runOnce();
    f.respond(f.lastProduce(), response(TP0, NONE, 0)); // sequence 0 acknowledged
    f.runOnce();
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    CompletableFuture<RecordMetadata> c = f.append(TP1, "c");
    f.runOnce();
    assertThat(batches(f.lastProduce()))
        .extracting(SentBatch::tp, SentBatch::baseSequence)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TP0, 1),
            org.assertj.core.groups.Tuple.tuple(TP1, 0));
    f.respond(
        f.lastProduce(),
        response(
            Map.of(
                TP0, partition(0, OUT_OF_ORDER_SEQUENCE_NUMBER, -1),
                TP1, partition(1, NONE, 5))));
    f.runOnce();
    assertThat(c.join().offset()).isEqualTo(5);
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(f.sender.producerIdAndEpoch().epoch()).isEqualTo((short) 1);
    SentBatch retried = batches(f.lastProduce()).get(0);
    assertThat(retried).isEqualTo(new SentBatch(TP0, PRODUCER_ID, (short) 1, 0, List.of("b")));
    f.ackAllInFlight(9);
    f.runOnce();
    assertThat(b.join().offset()).isEqualTo(9);
    // A new batch of the other partition also restarts at 0 under the new epoch.
    f.append(TP1, "d");
    f.runOnce();
    assertThat(batches(f.lastProduce()).get(0))
        .isEqualTo(new SentBatch(TP1, PRODUCER_ID, (short) 1, 0, List.of("d")));
  }

  @Test
  void unknownProducerIdBumpsTheEpochAndRetries() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.respond(f.lastProduce(), response(TP0, UNKNOWN_PRODUCER_ID, -1));
    f.runOnce();
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(batches(f.lastProduce()).get(0))
        .isEqualTo(new SentBatch(TP0, PRODUCER_ID, (short) 1, 0, List.of("a")));
    f.ackAllInFlight(3);
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(3);
  }

  @Test
  void messageTooLargeWithManyRecordsSplitsAndCompletesEveryRecordOnce() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.batchSizeBytes = 1024;
    SenderFixture f = new SenderFixture(o).startUp();
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    AtomicInteger callbacks = new AtomicInteger();
    for (int i = 0; i < 20; i++) {
      futures.add(
          f.append(
              TP0, "record-" + i + "-" + "x".repeat(20), (m, e) -> callbacks.incrementAndGet()));
    }
    f.runOnce();
    List<SentBatch> original = batches(f.lastProduce());
    assertThat(original).hasSize(1);
    int total = original.get(0).values().size();
    assertThat(total).isGreaterThan(1);
    f.respond(f.lastProduce(), response(TP0, MESSAGE_TOO_LARGE, -1));
    f.runOnce();
    for (int round = 0; round < 20 && f.accumulator.hasIncomplete(); round++) {
      f.runOnce();
      f.ackAllInFlight(1000);
      f.runOnce();
    }
    List<SentBatch> all = f.allSentBatches();
    List<SentBatch> pieces = all.subList(1, all.size());
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(pieces).allMatch(p -> p.values().size() < total);
    List<String> resent = new ArrayList<>();
    pieces.forEach(p -> resent.addAll(p.values()));
    assertThat(resent).isEqualTo(original.get(0).values());
    // sequences of the pieces continue the original range
    int expectedSeq = 0;
    for (SentBatch p : pieces) {
      assertThat(p.baseSequence()).isEqualTo(expectedSeq);
      expectedSeq += p.values().size();
    }
    assertThat(futures.subList(0, total))
        .allMatch(x -> x.isDone() && !x.isCompletedExceptionally());
    assertThat(callbacks.get())
        .isEqualTo(futures.stream().filter(CompletableFuture::isDone).count());
    assertThat(f.stats.batchSplits()).isEqualTo(1);
  }

  @Test
  void aFlushWaitingOnABatchThatGetsSplitIsReleasedWhenThePiecesComplete() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.batchSizeBytes = 1024;
    SenderFixture f = new SenderFixture(o).startUp();
    for (int i = 0; i < 10; i++) {
      f.append(TP0, "record-" + i + "-" + "x".repeat(30));
    }
    f.runOnce();
    // what PlumeProducer.flush() waits on
    List<dev.plume.internal.accumulator.ProducerBatch> flushWaitsOn =
        f.accumulator.incompleteBatches();
    assertThat(flushWaitsOn).hasSize(1);
    f.respond(f.lastProduce(), response(TP0, MESSAGE_TOO_LARGE, -1));
    f.runOnce();
    for (int round = 0; round < 10 && f.accumulator.hasIncomplete(); round++) {
      f.runOnce();
      f.ackAllInFlight(0);
      f.runOnce();
    }
    assertThat(f.accumulator.hasIncomplete()).isFalse();
    assertThat(flushWaitsOn.get(0).doneFuture()).isDone();
  }

  @Test
  void messageTooLargeWithOneRecordFailsWithRecordTooLarge() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "only");
    f.runOnce();
    f.respond(f.lastProduce(), response(TP0, MESSAGE_TOO_LARGE, -1));
    f.runOnce();
    assertThat(failure(a)).isInstanceOf(RecordTooLargeException.class).hasMessageContaining("t-0");
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  @Test
  void invalidRecordFailsExactlyThatBatchWhileOtherPartitionsSucceed() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> bad = f.append(TP0, "bad");
    CompletableFuture<RecordMetadata> good = f.append(TP1, "good");
    f.runOnce();
    assertThat(batches(f.lastProduce())).hasSize(2);
    ProduceResponse.PartitionResponse invalid =
        new ProduceResponse.PartitionResponse(
            0,
            INVALID_RECORD,
            -1,
            -1,
            0,
            List.of(new ProduceResponse.RecordError(0, "key required for compacted topic")),
            "One or more records have been rejected",
            null);
    f.respond(f.lastProduce(), response(Map.of(TP0, invalid, TP1, partition(1, NONE, 77))));
    f.runOnce();
    assertThat(failure(bad))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("t-0")
        .hasMessageContaining("key required for compacted topic");
    assertThat(good.join().offset()).isEqualTo(77);
  }

  @Test
  void deliveryTimeoutWhileTheBrokerIsDownFailsEachRecordOnceNamingPartitionAndTime() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.deliveryTimeoutMs = 5_000;
    SenderFixture f = new SenderFixture(o).startUp();
    AtomicInteger outcomes = new AtomicInteger();
    List<Exception> errors = new ArrayList<>();
    CompletableFuture<RecordMetadata> a =
        f.append(
            TP0,
            "a",
            (m, e) -> {
              outcomes.incrementAndGet();
              errors.add(e);
            });
    f.runOnce();
    f.client.disconnect(N1);
    f.client.setNodeReady(N1, false);
    for (int i = 0; i < 60; i++) {
      f.advance(100);
      f.runOnce();
    }
    Throwable error = failure(a);
    assertThat(error)
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("t-0")
        .hasMessageContaining("5000 ms")
        .hasMessageContaining("delivery.timeout.ms=5000");
    assertThat(outcomes).hasValue(1);
    assertThat(errors.get(0)).isSameAs(error);
    assertThat(f.accumulator.hasIncomplete()).isFalse();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  /** A started sender with acks=0 (and so without idempotence). */
  private static SenderFixture acksZeroFixture() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    o.acks = 0;
    return new SenderFixture(o).startUp();
  }

  @Test
  void acksZeroCompletesOnWriteWithOffsetMinusOne() {
    SenderFixture f = acksZeroFixture();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(-1);
    assertThat(f.client.inFlightRequestCount()).isZero();
    assertThat(batches(f.lastProduce()).get(0).producerId()).isEqualTo(-1);
  }

  @Test
  void acksZeroReusesItsRequestAndHandlerAcrossRequests() {
    SenderFixture f = acksZeroFixture();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.runOnce();
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(-1);
    assertThat(b.join().offset()).isEqualTo(-1);
    List<SentRequest> produces = f.client.sentRequests(ApiKey.PRODUCE);
    assertThat(produces).hasSize(2);
    // The slot of the first request went back to the pool and carried the second one: the same
    // network request, whose handler lets the client reuse its response object.
    assertThat(produces.get(1).request()).isSameAs(produces.get(0).request());
    assertThat(produces.get(0).request().expectResponse()).isFalse();
    assertThat(produces.get(0).request().handler().keepsResponse()).isFalse();
  }

  @Test
  void requestTimeoutIsRetried() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.client.timeOutInFlight(N1);
    f.runOnce();
    assertThat(a).isNotDone();
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
    f.ackAllInFlight(4);
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(4);
  }

  @Test
  void aThrowingCallbackDoesNotBreakTheSender() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a =
        f.append(
            TP0,
            "a",
            (m, e) -> {
              throw new IllegalStateException("callback bug");
            });
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    f.ackAllInFlight(0);
    f.runOnce();
    assertThat(a).isCompleted();
    assertThat(b).isCompleted();
    CompletableFuture<RecordMetadata> c = f.append(TP0, "c");
    f.runOnce();
    f.ackAllInFlight(2);
    f.runOnce();
    assertThat(c.join().offset()).isEqualTo(2);
    assertThat(f.client.handlerErrors()).isEmpty();
  }

  @Test
  void anExceptionFromTheNetworkWhileSendingDoesNotLoseTheRecords() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.client.throwOnNextSend(new IllegalStateException("scripted client bug"));
    f.runOnce(); // the round must survive the client's exception
    // The next rounds must either resend the record or fail it: never forget it.
    for (int i = 0; i < 5 && !a.isDone(); i++) {
      f.advance(100);
      f.runOnce();
      f.ackAllInFlight(8);
      f.runOnce();
    }
    assertThat(a).isDone();
    assertThat(f.accumulator.hasIncomplete()).isFalse();
  }

  @Test
  void runKeepsGoingAfterARoundThrowsAndDrainsOnGracefulClose() throws Exception {
    SenderFixture f = new SenderFixture().startUp();
    f.client.respondAlways(
        ApiKey.PRODUCE,
        r -> {
          java.util.Map<dev.plume.producer.TopicPartition, ProduceResponse.PartitionResponse>
              parts = new java.util.HashMap<>();
          for (SentBatch b : batches(r)) {
            parts.put(b.tp(), partition(b.tp().partition(), NONE, 50));
          }
          return response(parts);
        });
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.client.throwOnNextSend(new IllegalStateException("boom in the round"));
    Thread io = new Thread(f.sender, "sender-under-test");
    io.start();
    // The round that threw fails a's batch (or resends it); either way it gets an outcome.
    a.handle((m, e) -> null).get(10, java.util.concurrent.TimeUnit.SECONDS);
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.sender.initiateClose(); // graceful: b must still be sent
    io.join(10_000);
    assertThat(io.isAlive()).isFalse();
    assertThat(b).isCompleted();
    assertThat(b.join().offset()).isEqualTo(50);
    assertThat(f.stats.lastError()).contains("boom in the round");
    assertThat(f.stats.lastErrorMs()).isEqualTo(f.clock.nowMs()); // when it was seen
    assertThat(f.client.isClosed()).isTrue();
  }

  @Test
  void forcedCloseFailsQueuedAndInFlightRecordsWithAClearError() {
    SenderFixture f = new SenderFixture().startUp();
    CompletableFuture<RecordMetadata> inFlight = f.append(TP0, "a");
    f.runOnce();
    f.client.setNodeReady(N1, false);
    CompletableFuture<RecordMetadata> queued = f.append(TP1, "b");
    f.sender.forceClose();
    f.sender.run(); // returns at once: the loop is over, only the cleanup runs
    assertThat(failure(queued))
        .isInstanceOf(ProducerClosedException.class)
        .hasMessageContaining("closed");
    assertThat(failure(inFlight))
        .isInstanceOfAny(ProducerClosedException.class, NetworkException.class);
    assertThat(f.accumulator.hasIncomplete()).isFalse();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
    assertThatThrownBy(() -> f.append(TP0, "late")).isInstanceOf(ProducerClosedException.class);
  }

  @Test
  void forcedCloseWhenTheInFlightBatchHasOutlivedItsDeliveryTimeoutReturnsItsMemoryOnce() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.deliveryTimeoutMs = 1_000;
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> inFlight = f.append(TP0, "a");
    f.runOnce();
    f.advance(5_000);
    f.client.poll(0, f.clock.nowMs()); // the network sees the time too
    f.sender.forceClose();
    f.sender.run();
    assertThat(inFlight).isCompletedExceptionally();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  @Test
  void whenRetriesRunOutTheRecordFailsWithTheBrokersErrorNotATimeout() throws Exception {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    o.retries = 1;
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.respond(f.lastProduce(), response(TP0, NOT_ENOUGH_REPLICAS, -1));
    f.runOnce();
    f.advance(100);
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2); // the one retry
    f.respond(f.lastProduce(), response(TP0, NOT_ENOUGH_REPLICAS, -1));
    f.runOnce();
    assertThat(failure(a))
        .isNotInstanceOf(TimeoutException.class)
        .isInstanceOf(dev.plume.producer.errors.BrokerErrorException.class)
        .hasMessageContaining("NOT_ENOUGH_REPLICAS")
        .hasMessageContaining("t-0");
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    f.client.disconnect(N1);
    f.runOnce();
    f.advance(100);
    f.runOnce();
    f.client.disconnect(N1);
    f.runOnce();
    assertThat(failure(b)).isInstanceOf(NetworkException.class).hasMessageContaining("node 1");
  }

  @Test
  void aBatchExpiredAfterItWasSentForcesAnEpochBumpForLaterRecords() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.deliveryTimeoutMs = 2_000;
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.client.disconnect(N1);
    f.client.setNodeReady(N1, false);
    for (int i = 0; i < 25; i++) {
      f.advance(100);
      f.runOnce();
    }
    assertThat(failure(a)).isInstanceOf(TimeoutException.class);
    f.client.setNodeReady(N1, true);
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    f.runOnce();
    // a may or may not have been written with sequence 0: b must not reuse the old epoch's chain
    assertThat(batches(f.lastProduce()).get(0))
        .isEqualTo(new SentBatch(TP0, PRODUCER_ID, (short) 1, 0, List.of("b")));
    f.ackAllInFlight(20);
    f.runOnce();
    assertThat(b.join().offset()).isEqualTo(20);
  }

  @Test
  void recordsForAPartitionWithoutLeaderWaitForMetadataThenGo() {
    SenderFixture f = new SenderFixture();
    f.options.leaders = new int[] {-1, 1};
    f.startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    int metadataBefore = f.client.sentRequests(ApiKey.METADATA).size();
    f.runOnce();
    assertThat(f.produceRequests()).isEmpty();
    assertThat(f.metadata.updateRequested()).isTrue();
    f.options.leaders = new int[] {2, 1};
    f.advance(100);
    f.runOnce(); // refresh
    f.runOnce(); // send
    assertThat(f.client.sentRequests(ApiKey.METADATA).size()).isGreaterThan(metadataBefore);
    assertThat(f.lastProduce().destination()).isEqualTo(N2);
    f.ackAllInFlight(3);
    f.runOnce();
    assertThat(a.join().offset()).isEqualTo(3);
  }

  @Test
  void initProducerIdIsRetriedAfterARetriableError() {
    SenderFixture f = new SenderFixture();
    f.client.respondAlways(ApiKey.METADATA, r -> f.metadataResponse());
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new dev.plume.internal.protocol.message.InitProducerIdResponse(
            0, (short) 15, -1, (short) -1));
    f.runOnce();
    f.runOnce();
    assertThat(f.sender.producerIdAndEpoch().isValid()).isFalse();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    assertThat(f.produceRequests()).isEmpty(); // no producer id yet
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new dev.plume.internal.protocol.message.InitProducerIdResponse(
            0, (short) 0, 55, (short) 3));
    f.advance(1_000); // past the (jittered) backoff
    f.runOnce();
    f.runOnce();
    assertThat(f.client.sentRequests(ApiKey.INIT_PRODUCER_ID)).hasSize(2);
    assertThat(batches(f.lastProduce()).get(0))
        .isEqualTo(new SentBatch(TP0, 55, (short) 3, 0, List.of("a")));
    f.ackAllInFlight(0);
    f.runOnce();
    assertThat(a).isCompleted();
  }

  @Test
  void clusterAuthorizationFailureOnInitProducerIdFailsRecordsWithAClearError() {
    SenderFixture f = new SenderFixture();
    f.client.respondAlways(ApiKey.METADATA, r -> f.metadataResponse());
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new dev.plume.internal.protocol.message.InitProducerIdResponse(
            0, (short) 31, -1, (short) -1));
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.runOnce();
    assertThat(failure(a))
        .isInstanceOf(dev.plume.producer.errors.AuthorizationException.class)
        .hasMessageContaining("enable.idempotence=false");
    assertThat(f.sender.fatalError()).isNotNull();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  @Test
  void aBrokerWithoutUsableInitProducerIdVersionsFailsRecordsAtOnceNamingTheSetting() {
    SenderFixture f = new SenderFixture();
    f.client.respondAlways(ApiKey.METADATA, r -> f.metadataResponse());
    f.client.removeApi(ApiKey.INIT_PRODUCER_ID); // a broker before 0.11
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.runOnce();
    assertThat(failure(a))
        .isInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class)
        .hasMessageContaining("InitProducerId")
        .hasMessageContaining("INIT_PRODUCER_ID")
        .hasMessageContaining("enable.idempotence=false");
    assertThat(f.client.sentRequests(ApiKey.INIT_PRODUCER_ID)).isEmpty();
    assertThat(f.sender.fatalError())
        .isInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class);
  }

  @Test
  void aBrokerWithoutUsableProduceVersionsFailsRecordsAtOnceNamingBothRanges() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    SenderFixture f = new SenderFixture(o).startUp();
    f.client.setVersionRange(ApiKey.PRODUCE, (short) 0, (short) 2); // Kafka 0.10.x
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    f.runOnce();
    assertThat(failure(a))
        .isInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class)
        .hasMessageContaining("PRODUCE")
        .hasMessageContaining("we speak 3-12")
        .hasMessageContaining("the broker speaks 0-2")
        .hasMessageContaining("upgrade the broker to Kafka 2.1 or later");
    assertThat(f.produceRequests()).isEmpty();
  }

  @Test
  void aBrokerWithoutUsableMetadataVersionsFailsWaitingRecordsAtOnce() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    SenderFixture f = new SenderFixture(o);
    f.client.setMaxVersion(ApiKey.METADATA, (short) 3);
    f.runOnce();
    f.runOnce();
    assertThat(f.stats.lastError()).contains("Metadata").contains("2.1");
    assertThatThrownBy(() -> f.metadata.awaitTopic("t", f.clock.nowMs(), 60_000))
        .isInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class)
        .hasMessageContaining("METADATA");
    // Later refreshes still run: a broker upgraded meanwhile is picked up.
    f.client.setMaxVersion(ApiKey.METADATA, ApiKey.METADATA.maxVersion());
    f.client.respondAlways(ApiKey.METADATA, r -> f.metadataResponse());
    f.advance(1_000);
    f.runOnce();
    f.runOnce();
    assertThat(f.metadata.snapshot().partitionCountForTopic("t")).isEqualTo(2);
  }

  @Test
  void aMetadataOrInitProducerIdSendThatThrowsIsTriedAgainLater() {
    SenderFixture f = new SenderFixture();
    f.client.respondAlways(ApiKey.METADATA, r -> f.metadataResponse());
    f.client.throwOnNextSend(
        ApiKey.METADATA, new IllegalStateException("scripted: metadata send fails"));
    f.client.throwOnNextSend(
        ApiKey.INIT_PRODUCER_ID, new IllegalStateException("scripted: init send fails"));
    assertThatThrownBy(f::runOnce).hasMessageContaining("metadata send fails");
    f.advance(100);
    assertThatThrownBy(f::runOnce).hasMessageContaining("init send fails");
    assertThat(f.client.sentRequests(ApiKey.METADATA)).hasSize(1); // the retry went out
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new dev.plume.internal.protocol.message.InitProducerIdResponse(0, (short) 0, 9, (short) 0));
    f.advance(100);
    f.runOnce();
    f.runOnce();
    assertThat(f.sender.producerIdAndEpoch().producerId()).isEqualTo(9);
    assertThat(f.metadata.snapshot().partitionCountForTopic("t")).isEqualTo(2);
  }

  @Test
  void oneRequestCarriesSeveralTopicsAndEachPartitionGetsItsOwnOutcome() {
    SenderFixture f = new SenderFixture().startUp();
    dev.plume.producer.TopicPartition u0 = new dev.plume.producer.TopicPartition("u", 0);
    CompletableFuture<RecordMetadata> t0 = f.append(TP0, "t0");
    CompletableFuture<RecordMetadata> other = f.append(u0, "u0");
    CompletableFuture<RecordMetadata> t1 = f.append(TP1, "t1");
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    ProduceRequestCheck.assertTopicsGrouped(f.lastProduce());
    assertThat(batches(f.lastProduce()))
        .extracting(SentBatch::tp, SentBatch::values)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TP0, List.of("t0")),
            org.assertj.core.groups.Tuple.tuple(TP1, List.of("t1")),
            org.assertj.core.groups.Tuple.tuple(u0, List.of("u0")));
    f.respond(
        f.lastProduce(),
        response(
            Map.of(
                TP0, partition(0, NONE, 10),
                TP1, partition(1, NOT_ENOUGH_REPLICAS, -1),
                u0, partition(0, NONE, 30))));
    f.runOnce();
    assertThat(t0.join().offset()).isEqualTo(10);
    assertThat(other.join().offset()).isEqualTo(30);
    assertThat(t1).isNotDone();
    f.advance(100);
    f.runOnce();
    assertThat(batches(f.lastProduce())).extracting(SentBatch::tp).containsExactly(TP1);
    f.ackAllInFlight(20);
    f.runOnce();
    assertThat(t1.join().offset()).isEqualTo(20);
  }

  /** Checks on the raw Produce request. */
  static final class ProduceRequestCheck {
    static void assertTopicsGrouped(SentRequest request) {
      List<String> names = new ArrayList<>();
      for (dev.plume.internal.protocol.message.ProduceRequest.TopicData t :
          request.decode(dev.plume.internal.protocol.message.ProduceRequest::read).topicData()) {
        names.add(t.name());
      }
      assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrder("t", "u");
    }
  }

  @Test
  void aConnectedNodeAtMaxInFlightDoesNotMakeTheSenderSpin() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.maxInFlight = 1;
    SenderFixture f = new SenderFixture(o).startUp();
    f.append(TP0, "a");
    f.runOnce();
    assertThat(f.client.inFlightRequestCount()).isEqualTo(1);
    f.append(TP1, "b"); // ready, but the connection has no free slot
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    // The poll should wait for the response (which frees a slot), not return at once.
    assertThat(f.client.lastPollTimeoutMs()).isGreaterThan(0);
    f.ackAllInFlight(0);
    f.runOnce();
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(2);
  }

  @Test
  void statsReportTheCompressionRatioOfCompressedBatches() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.compression = dev.plume.internal.compression.CompressionType.GZIP;
    SenderFixture f = new SenderFixture(o).startUp();
    for (int i = 0; i < 50; i++) {
      f.append(TP0, "the same words again and again " + i);
    }
    f.runOnce();
    f.ackAllInFlight(0);
    f.runOnce();
    assertThat(f.stats.recordsSent()).isEqualTo(50);
    assertThat(f.stats.compressionRatioAvg()).isLessThan(0.5);
    assertThat(batches(f.lastProduce()).get(0).values()).hasSize(50);
  }

  @Test
  void gracefulCloseSendsWhatIsQueued() {
    SenderFixture f = new SenderFixture().startUp();
    f.client.respondAlways(ApiKey.PRODUCE, r -> response(TP0, NONE, 11));
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.sender.initiateClose();
    f.sender.run();
    assertThat(a.join().offset()).isEqualTo(11);
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  /**
   * One request for t-0 and t-1 in flight, then t-0's batch is completed and released elsewhere (a
   * bug) and reused for record "c": the request's outcome must skip it and still reach t-1's.
   */
  private static SenderFixture oneBatchOfARequestReusedMeanwhile(
      List<CompletableFuture<RecordMetadata>> futures) {
    return oneBatchOfARequestReusedMeanwhile(futures, false);
  }

  private static SenderFixture oneBatchOfARequestReusedMeanwhile(
      List<CompletableFuture<RecordMetadata>> futures, boolean idempotent) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = idempotent;
    SenderFixture f = new SenderFixture(o).startUp();
    futures.add(f.append(TP0, "a"));
    futures.add(f.append(TP1, "b"));
    f.runOnce();
    assertThat(f.produceRequests()).hasSize(1);
    assertThat(batches(f.lastProduce())).extracting(SentBatch::tp).containsExactly(TP0, TP1);
    dev.plume.internal.accumulator.ProducerBatch stale =
        f.accumulator.incompleteBatches().stream()
            .filter(b -> b.topicPartition().equals(TP0))
            .findFirst()
            .orElseThrow();
    int sentUse = stale.generation();
    stale.complete(10, -1);
    f.accumulator.release(stale, sentUse);
    futures.add(f.append(TP0, "c"));
    assertThat(stale.generation()).as("reused for c").isEqualTo(sentUse + 1);
    assertThat(stale.topicPartition()).isEqualTo(TP0);
    return f;
  }

  @Test
  void aBatchReusedWhileItsRequestWasInFlightIsSkippedAndTheOthersStillComplete() {
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    SenderFixture f = oneBatchOfARequestReusedMeanwhile(futures);
    SentRequest first = f.produceRequests().get(0);
    f.respond(first, response(Map.of(TP0, partition(0, NONE, 100), TP1, partition(1, NONE, 200))));
    f.runOnce();

    assertThat(f.client.handlerErrors()).isEmpty();
    assertThat(futures.get(0).join().offset()).as("a: its outcome given elsewhere").isEqualTo(10);
    assertThat(futures.get(1).join().offset()).as("b: the other batch").isEqualTo(200);
    assertThat(futures.get(2)).as("c: not completed by the old request's answer").isNotDone();
    assertThat(f.stats.recordsSent()).isEqualTo(1);
    // c goes in a request of its own and completes from its own answer.
    f.runOnce();
    assertThat(batches(f.lastProduce()))
        .containsExactly(new SentBatch(TP0, -1, (short) -1, -1, List.of("c")));
    f.ackAllInFlight(300);
    f.runOnce();
    assertThat(futures.get(2).join().offset()).isEqualTo(300);
    assertThat(f.accumulator.hasIncomplete()).isFalse();
    assertThat(f.pool.availableBytes()).isEqualTo(f.pool.totalMemoryBytes());
  }

  @Test
  void aSkippedBatchsAttemptStillCountsAsReturnedForItsPartitionsSequenceChain() {
    // Idempotence restarts a partition's chain only with nothing in flight: had the skipped entry
    // kept its partition counted, the partition could never start over after a gap.
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    SenderFixture f = oneBatchOfARequestReusedMeanwhile(futures, true);
    assertThat(f.sender.requestsInFlight(TP0)).isEqualTo(1);
    assertThat(f.sender.requestsInFlight(TP1)).isEqualTo(1);
    SentRequest first = f.produceRequests().get(0);
    f.respond(first, response(Map.of(TP0, partition(0, NONE, 100), TP1, partition(1, NONE, 200))));
    f.runOnce();

    assertThat(f.client.handlerErrors()).isEmpty();
    assertThat(futures.get(1).join().offset()).isEqualTo(200);
    assertThat(f.sender.requestsInFlight(TP0)).as("the skipped entry's partition").isZero();
    assertThat(f.sender.requestsInFlight(TP1)).isZero();
  }

  @Test
  void aBatchReusedWhileItsRequestWasInFlightDoesNotStrandTheOthersWhenTheRequestFails() {
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    SenderFixture f = oneBatchOfARequestReusedMeanwhile(futures);
    f.client.disconnect(N1);
    f.runOnce(); // the failure is handled: b is retried after its backoff, c is left alone

    assertThat(f.client.handlerErrors()).isEmpty();
    assertThat(futures.get(1)).isNotDone();
    assertThat(futures.get(2)).isNotDone();
    f.advance(100);
    f.runOnce();
    f.runOnce();
    List<SentBatch> later = new ArrayList<>();
    for (SentRequest r : f.produceRequests().subList(1, f.produceRequests().size())) {
      later.addAll(batches(r));
    }
    assertThat(later)
        .extracting(SentBatch::tp, SentBatch::values)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(TP1, List.of("b")),
            org.assertj.core.groups.Tuple.tuple(TP0, List.of("c")));
    f.ackAllInFlight(500);
    f.runOnce();
    assertThat(futures.get(1).join().offset()).isEqualTo(500);
    assertThat(futures.get(2).join().offset()).isEqualTo(500);
    assertThat(f.accumulator.hasIncomplete()).isFalse();
  }
}
