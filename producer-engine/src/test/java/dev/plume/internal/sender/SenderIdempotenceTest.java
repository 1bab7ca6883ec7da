package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.N1;
import static dev.plume.internal.sender.SenderFixture.N2;
import static dev.plume.internal.sender.SenderFixture.OTHER_TOPIC;
import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static dev.plume.internal.sender.SenderTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.sender.SenderFixture.SentBatch;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.TimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotence when responses are lost after the broker wrote the batches: the sender runs against
 * {@link BrokerLogModel}, which deduplicates as a Kafka broker does, and the tests check what ends
 * up in the logs. A batch whose outcome is unknown must keep its producer id, epoch and sequence
 * until it completes, whatever happens to other batches or partitions.
 */
class SenderIdempotenceTest {

  private static final TopicPartition U0 = new TopicPartition(OTHER_TOPIC, 0);

  private final BrokerLogModel broker = new BrokerLogModel();

  private static SenderFixture.Options twoLeaders(int retries) {
    SenderFixture.Options o = new SenderFixture.Options();
    o.retries = retries;
    o.leaders = new int[] {1, 2}; // t-0 on node 1, t-1 on node 2 (and u-0 on node 1)
    return o;
  }

  private static List<SentRequest> inFlightProduce(SenderFixture f, Node node) {
    List<SentRequest> out = new ArrayList<>();
    for (SentRequest r : f.client.inFlightRequests()) {
      if (r.apiKey() == ApiKey.PRODUCE && r.destination().id() == node.id()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The broker writes what is in flight to {@code node}, then the connection drops. */
  private void writeThenLoseResponses(SenderFixture f, Node node) {
    for (SentRequest r : inFlightProduce(f, node)) {
      broker.handle(r);
    }
    f.client.disconnect(node);
  }

  /** The broker handles what is in flight to {@code node} and its answers arrive. */
  private void answer(SenderFixture f, Node node) {
    for (SentRequest r : inFlightProduce(f, node)) {
      f.respond(r, broker.handle(r));
    }
  }

  private void driveUntilDone(SenderFixture f, List<CompletableFuture<RecordMetadata>> futures) {
    for (int round = 0; round < 200 && !futures.stream().allMatch(CompletableFuture::isDone); ) {
      round++;
      f.advance(100);
      f.runOnce();
      answer(f, N1);
      answer(f, N2);
      f.runOnce();
    }
    assertThat(futures).allMatch(CompletableFuture::isDone);
  }

  /** Every record value is sent under one (producer id, epoch, sequence) only, however often. */
  private static void assertNoBatchWasReSequenced(SenderFixture f) {
    Map<String, Set<List<Long>>> stateByValue = new HashMap<>();
    for (SentBatch b : f.allSentBatches()) {
      for (int i = 0; i < b.values().size(); i++) {
        stateByValue
            .computeIfAbsent(b.tp() + "/" + b.values().get(i), k -> new HashSet<>())
            .add(List.of(b.producerId(), (long) b.epoch(), (long) b.baseSequence() + i));
      }
    }
    stateByValue.forEach(
        (value, states) -> assertThat(states).as("producer states of %s", value).hasSize(1));
  }

  @Test
  void aBatchOutOfRetriesAfterLostResponsesLeavesOtherPartitionsOnTheirEpochAndSequence() {
    SenderFixture f = new SenderFixture(twoLeaders(2)).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    CompletableFuture<RecordMetadata> u = f.append(U0, "u");
    CompletableFuture<RecordMetadata> b = f.append(TP1, "b");
    f.runOnce(); // one request to node 1 (t-0 and u-0), one to node 2 (t-1)
    writeThenLoseResponses(f, N1);
    writeThenLoseResponses(f, N2);
    f.runOnce();
    // Node 2 stays away while node 1 keeps writing and losing its answers until t-0 and u-0
    // have used their two retries.
    f.client.setNodeReady(N2, false);
    for (int retry = 0; retry < 2; retry++) {
      f.advance(1_000);
      f.runOnce();
      assertThat(inFlightProduce(f, N1)).hasSize(1);
      writeThenLoseResponses(f, N1);
      f.runOnce();
    }
    assertThat(failure(a)).isInstanceOf(NetworkException.class);
    assertThat(failure(u)).isInstanceOf(NetworkException.class);
    assertThat(b).isNotDone();
    for (int i = 0; i < 5; i++) { // rounds with nothing in flight: the old epoch bump's moment
      f.advance(100);
      f.runOnce();
    }
    f.client.setNodeReady(N2, true);
    driveUntilDone(f, List.of(b));
    // t-1's batch went again as epoch 0, sequence 0: the broker knew it and gave its offset.
    assertThat(b.join().offset()).isZero();
    assertThat(broker.values(TP1)).containsExactly("b");
    assertThat(broker.values(TP0)).containsExactly("a"); // written once; its outcome was unknown

    // New records: t-0 ended on an unknown outcome, so it restarts under a new epoch; t-1 moves
    // to the producer's new epoch too, but only now that nothing of it is pending.
    CompletableFuture<RecordMetadata> c = f.append(TP0, "c");
    CompletableFuture<RecordMetadata> d = f.append(TP1, "d");
    driveUntilDone(f, List.of(c, d));
    assertThat(broker.values(TP0)).containsExactly("a", "c");
    assertThat(broker.values(TP1)).containsExactly("b", "d");
    assertThat(broker.log(TP0).get(1).epoch()).isEqualTo((short) 1);
    assertThat(broker.log(TP0).get(1).baseSequence()).isZero();
    assertThat(broker.log(TP1).get(1).epoch()).isEqualTo((short) 1);
    assertThat(broker.log(TP1).get(1).baseSequence()).isZero();
    assertNoBatchWasReSequenced(f);
  }

  @Test
  void aBatchExpiredWithAnUnknownOutcomeLeavesOtherPartitionsOnTheirEpochAndSequence() {
    SenderFixture.Options o = twoLeaders(Integer.MAX_VALUE);
    o.deliveryTimeoutMs = 2_000;
    SenderFixture f = new SenderFixture(o).startUp();
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    writeThenLoseResponses(f, N1);
    f.client.setNodeReady(N1, false);
    f.advance(1_500);
    f.runOnce();
    CompletableFuture<RecordMetadata> b = f.append(TP1, "b");
    f.runOnce();
    writeThenLoseResponses(f, N2);
    f.client.setNodeReady(N2, false);
    for (int i = 0; i < 8; i++) {
      f.advance(100);
      f.runOnce();
    }
    assertThat(failure(a)).isInstanceOf(TimeoutException.class);
    assertThat(b).isNotDone();
    f.client.setNodeReady(N1, true);
    f.client.setNodeReady(N2, true);
    driveUntilDone(f, List.of(b));
    assertThat(b.join().offset()).isZero();
    assertThat(broker.values(TP1)).containsExactly("b");
    CompletableFuture<RecordMetadata> c = f.append(TP0, "c");
    driveUntilDone(f, List.of(c));
    assertThat(broker.values(TP0)).containsExactly("a", "c");
    assertNoBatchWasReSequenced(f);
  }

  @Test
  void aLaterAcknowledgementSettlesAnUnknownOutcomeWithoutANewEpoch() {
    SenderFixture f = new SenderFixture(twoLeaders(1)).startUp();
    CompletableFuture<RecordMetadata> first = f.append(TP0, "first");
    driveUntilDone(f, List.of(first)); // pipelining starts once the broker knows us
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    assertThat(inFlightProduce(f, N1)).hasSize(2);
    writeThenLoseResponses(f, N1); // both written, both answers lost
    f.runOnce();
    f.advance(1_000);
    f.runOnce(); // a's only retry goes alone (b waits behind it)
    assertThat(inFlightProduce(f, N1)).hasSize(1);
    writeThenLoseResponses(f, N1);
    f.runOnce();
    assertThat(failure(a)).isInstanceOf(NetworkException.class);
    CompletableFuture<RecordMetadata> c = f.append(TP0, "c");
    driveUntilDone(f, List.of(b, c));
    assertThat(b.join().offset()).isEqualTo(2); // the copy written by the first attempt
    assertThat(broker.values(TP0)).containsExactly("first", "a", "b", "c");
    assertThat(broker.log(TP0)).allMatch(s -> s.epoch() == 0);
    assertNoBatchWasReSequenced(f);
  }

  @Test
  void aBatchTheBrokerRefusedRestartsOnlyItsPartitionAndTheBatchesBehindItAreStampedAfresh() {
    SenderFixture f = new SenderFixture(twoLeaders(Integer.MAX_VALUE)).startUp();
    List<CompletableFuture<RecordMetadata>> warmUp =
        List.of(f.append(TP0, "w0"), f.append(TP1, "w1"));
    driveUntilDone(f, warmUp);
    CompletableFuture<RecordMetadata> a = f.append(TP0, "a");
    f.runOnce();
    CompletableFuture<RecordMetadata> b = f.append(TP0, "b");
    f.runOnce();
    List<SentRequest> requests = inFlightProduce(f, N1);
    assertThat(requests).hasSize(2);
    // a is refused outright (nothing written); b then finds a gap before it.
    f.respond(requests.get(0), SenderFixture.response(TP0, Errors.INVALID_RECORD.code(), -1));
    f.respond(requests.get(1), broker.handle(requests.get(1)));
    f.runOnce();
    assertThat(failure(a)).hasMessageContaining("refused");
    CompletableFuture<RecordMetadata> c = f.append(TP1, "c");
    driveUntilDone(f, List.of(b, c));
    assertThat(broker.values(TP0)).containsExactly("w0", "b");
    assertThat(broker.log(TP0).get(1).epoch()).isEqualTo((short) 1);
    assertThat(broker.log(TP0).get(1).baseSequence()).isZero();
    // t-1 never had a problem: w1 stayed on epoch 0; c, sent once t-1 was idle, starts afresh.
    assertThat(broker.log(TP1))
        .extracting(BrokerLogModel.Stored::epoch, BrokerLogModel.Stored::baseSequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple((short) 0, 0),
            org.assertj.core.groups.Tuple.tuple((short) 1, 0));
  }

  /**
   * Random faults on both connections: answers arrive, are lost after the broker wrote the request,
   * or the request is lost before the broker saw it; with few retries many batches end with an
   * unknown outcome; retries wait with the random factor. Whatever happens, nothing is written
   * twice, order holds per partition, and every acknowledged record is in the log once, at the
   * offset it was given.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void underRandomLostResponsesNothingIsWrittenTwiceAndOrderHolds(long seed) {
    Random random = new Random(seed);
    SenderFixture.Options o = twoLeaders(2);
    // Retry waits with the random factor, as in production, from a seeded source of their own:
    // batches of one partition must keep their order whatever waits they draw.
    o.retryRandom01 = new Random(-seed)::nextDouble;
    SenderFixture f = new SenderFixture(o).startUp();
    List<TopicPartition> partitions = List.of(TP0, TP1, U0);
    Map<String, CompletableFuture<RecordMetadata>> futures = new LinkedHashMap<>();
    Map<TopicPartition, List<String>> appended = new HashMap<>();
    int next = 0;
    for (int step = 0; step < 400; step++) {
      if (next < 600) {
        for (int n = random.nextInt(4); n > 0; n--) {
          TopicPartition tp = partitions.get(random.nextInt(partitions.size()));
          String value = tp + "#" + next++;
          appended.computeIfAbsent(tp, k -> new ArrayList<>()).add(value);
          futures.put(value, f.append(tp, value));
        }
      }
      f.runOnce();
      for (Node node : List.of(N1, N2)) {
        List<SentRequest> inFlight = inFlightProduce(f, node);
        if (inFlight.isEmpty()) {
          continue;
        }
        int roll = random.nextInt(10);
        if (roll < 5) {
          answer(f, node);
        } else if (roll < 8) {
          writeThenLoseResponses(f, node);
        } else if (roll < 9) {
          f.client.disconnect(node); // lost before the broker saw it
        } else {
          // The first answer arrives, then the connection drops after the rest were written.
          f.respond(inFlight.get(0), broker.handle(inFlight.get(0)));
          f.runOnce();
          writeThenLoseResponses(f, node);
        }
      }
      f.runOnce();
      f.advance(random.nextInt(300));
    }
    driveUntilDone(f, new ArrayList<>(futures.values()));

    int acked = 0;
    for (TopicPartition tp : partitions) {
      List<String> log = broker.values(tp);
      assertThat(new HashSet<>(log)).as("duplicates in %s", tp).hasSameSizeAs(log);
      List<String> order = new ArrayList<>(appended.getOrDefault(tp, List.of()));
      order.retainAll(log);
      assertThat(log).as("order in %s", tp).containsExactlyElementsOf(order);
    }
    for (Map.Entry<String, CompletableFuture<RecordMetadata>> e : futures.entrySet()) {
      if (!e.getValue().isCompletedExceptionally()) {
        acked++;
        RecordMetadata md = e.getValue().join();
        TopicPartition tp = new TopicPartition(md.topic(), md.partition());
        assertThat(broker.values(tp).indexOf(e.getKey()))
            .as("offset of %s", e.getKey())
            .isEqualTo((int) md.offset());
      }
    }
    assertThat(acked).isGreaterThan(futures.size() / 4);
    assertNoBatchWasReSequenced(f);
  }
}
