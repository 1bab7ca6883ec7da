package dev.plume.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.PartitionState;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.Node;
import dev.plume.internal.record.DecodedRecord;
import dev.plume.internal.record.RecordBatchReader;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.ProducerClosedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordAccumulatorTest {

  private static final String TOPIC = "t";
  private static final Node N1 = new Node(1, "b1", 9092);
  private static final Node N2 = new Node(2, "b2", 9092);
  private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition TP2 = new TopicPartition(TOPIC, 2);
  private static final CompressionContext CONTEXT =
      new CompressionContext(new CompressionLevels(-1, 9, 3));

  /** retry.backoff.ms 100, max 1000, random factor exactly 1: retry times are exact. */
  private static final RetryBackoff BACKOFF = new RetryBackoff(100, 1000, () -> 0.5);

  private final BufferPool pool = new BufferPool(64 * 1024, 1024);
  private long nowMs = 1_000;

  /** t-0 and t-1 led by node 1, t-2 by node 2. */
  private static ClusterSnapshot cluster() {
    List<PartitionState> parts = new ArrayList<>();
    int[] leaders = {1, 1, 2};
    for (int p = 0; p < leaders.length; p++) {
      parts.add(new PartitionState(TOPIC, p, leaders[p], 1, List.of(1, 2), List.of(1, 2)));
    }
    return ProducerMetadata.snapshotBuilder().node(N1).node(N2).topic(TOPIC, null, parts).build();
  }

  private RecordAccumulator accumulator(long lingerMs) {
    return accumulator(lingerMs, BACKOFF);
  }

  private RecordAccumulator accumulator(long lingerMs, RetryBackoff backoff) {
    return new RecordAccumulator(
        new AccumulatorConfig(
            1024, lingerMs, 10_000, backoff, CompressionType.NONE, false, false, 0),
        pool);
  }

  /** retry.backoff.ms 100, max 1000, whose random draws are {@code draws} in turn. */
  private static RetryBackoff backoffDrawing(double... draws) {
    int[] next = {0};
    return new RetryBackoff(100, 1000, () -> draws[next[0]++]);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The packed result of {@link RecordAccumulator#append}, unpacked for assertions. */
  private record AppendResult(int partition, boolean batchIsFull, boolean newBatchCreated) {}

  private AppendResult append(
      RecordAccumulator acc, int partition, String value, CompletableFuture<RecordMetadata> f) {
    int result =
        acc.append(
            TOPIC,
            partition,
            nowMs,
            null,
            bytes(value),
            new Header[0],
            f,
            null,
            0,
            nowMs,
            cluster());
    return new AppendResult(
        RecordAccumulator.partitionOf(result),
        RecordAccumulator.isSet(result, RecordAccumulator.BATCH_FULL),
        RecordAccumulator.isSet(result, RecordAccumulator.NEW_BATCH));
  }

  private AppendResult append(RecordAccumulator acc, int partition, String value) {
    return append(acc, partition, value, new CompletableFuture<>());
  }

  private static List<String> values(ProducerBatch batch) {
    ByteBuffer sealed = batch.sealed(CONTEXT, -1, (short) -1, -1);
    List<String> out = new ArrayList<>();
    for (DecodedRecord r : new RecordBatchReader().readAll(sealed).get(0).records()) {
      out.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void finish(RecordAccumulator acc, List<ProducerBatch> batches) {
    for (ProducerBatch b : batches) {
      b.complete(0, -1);
      acc.deallocate(b);
    }
  }

  @Test
  void aCompletedBatchHandsItsPerRecordSlotsToTheNextBatchWithoutMixingOutcomes() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    CompletableFuture<RecordMetadata> b = new CompletableFuture<>();
    append(acc, 0, "a", a);
    append(acc, 0, "b", b);
    List<ProducerBatch> first = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs);
    first.get(0).complete(40, -1);
    acc.deallocate(first.get(0));
    assertThat(acc.pooledSlotSets()).isEqualTo(1);

    CompletableFuture<RecordMetadata> c = new CompletableFuture<>();
    append(acc, 0, "c", c);
    assertThat(acc.pooledSlotSets()).isZero(); // the new batch took the recycled set
    List<ProducerBatch> second = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs);
    assertThat(second.get(0).recordCount()).isEqualTo(1);
    second.get(0).complete(90, -1);

    assertThat(a.join().offset()).isEqualTo(40);
    assertThat(b.join().offset()).isEqualTo(41);
    assertThat(c.join().offset()).isEqualTo(90);
  }

  @Test
  void aReleasedBatchServesTheNextBatchAsANewGenerationWithoutMixingRecords() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    append(acc, 0, "a", a);
    ProducerBatch first = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(values(first)).containsExactly("a");
    int generation = first.generation();
    first.complete(40, -1);
    acc.release(first, first.generation());
    assertThat(acc.pooledBatches()).isEqualTo(1);
    assertThat(acc.hasIncomplete()).isFalse();
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());

    // Another partition's records: the same object, one generation on, nothing of the old use.
    CompletableFuture<RecordMetadata> b = new CompletableFuture<>();
    append(acc, 1, "b", b);
    assertThat(acc.pooledBatches()).isZero();
    ProducerBatch second = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(second).isSameAs(first);
    assertThat(second.generation()).isEqualTo(generation + 1);
    assertThat(second.topicPartition()).isEqualTo(TP1);
    assertThat(second.recordCount()).isEqualTo(1);
    assertThat(second.attempts()).isZero();
    assertThat(second.hasSequence()).isFalse();
    assertThat(second.isDone()).isFalse();
    assertThat(second.doneFuture()).isNotDone();
    assertThat(values(second)).containsExactly("b");
    second.complete(7, -1);

    assertThat(a.join().offset()).isEqualTo(40);
    assertThat(b.join().partition()).isEqualTo(1);
    assertThat(b.join().offset()).isEqualTo(7);
  }

  @Test
  void aBatchInThePoolRejectsEveryUse() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a");
    ProducerBatch batch = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    batch.sealed(CONTEXT, -1, (short) -1, -1);
    batch.complete(0, -1);
    int use = batch.generation();
    acc.release(batch, use);
    assertThat(acc.pooledBatches()).isEqualTo(1);

    assertThatThrownBy(() -> batch.complete(1, -1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> batch.completeExceptionally(new IllegalStateException("late")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> batch.sealed(CONTEXT, -1, (short) -1, -1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> acc.reenqueue(batch, nowMs)).isInstanceOf(IllegalStateException.class);
    // A second release of the same use neither frees memory nor pools it twice.
    acc.release(batch, use);
    assertThat(acc.pooledBatches()).isEqualTo(1);
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
  }

  @Test
  void aLateReleaseOfAnOldUseLeavesTheBatchsNextUseAlone() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    append(acc, 0, "a", a);
    ProducerBatch batch = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    int oldUse = batch.generation();
    batch.complete(40, -1);
    acc.release(batch, oldUse);
    // The pooled object serves the next records: incomplete again, with a buffer of its own.
    CompletableFuture<RecordMetadata> b = new CompletableFuture<>();
    append(acc, 1, "b", b);
    assertThat(acc.pooledBatches()).isZero();
    assertThat(acc.incompleteBatches()).containsExactly(batch);
    long freeWhileInUse = pool.availableBytes();
    assertThat(freeWhileInUse).isLessThan(pool.totalMemoryBytes());

    // Someone still holding the old use releases it again: the new use is left alone.
    acc.release(batch, oldUse);
    assertThat(acc.incompleteBatches()).containsExactly(batch);
    assertThat(acc.pooledBatches()).isZero();
    assertThat(pool.availableBytes()).isEqualTo(freeWhileInUse);
    assertThat(batch.reusable()).isFalse();

    // The new use still ends normally, once.
    ProducerBatch second = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(second).isSameAs(batch);
    assertThat(values(second)).containsExactly("b");
    second.complete(7, -1);
    acc.release(second, oldUse + 1);
    assertThat(b.join().offset()).isEqualTo(7);
    assertThat(acc.hasIncomplete()).isFalse();
    assertThat(acc.pooledBatches()).isEqualTo(1);
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
  }

  @Test
  void onlyDrainedCompletedBatchesGoBackToThePool() {
    RecordAccumulator acc = accumulator(0);
    // Failed while queued: not drained (the appending thread that filled it may still hold it).
    append(acc, 0, "queued");
    for (ProducerBatch b : acc.abortQueued(new IllegalStateException("aborted"))) {
      acc.release(b, b.generation());
    }
    assertThat(acc.pooledBatches()).isZero();

    // Drained but not done: released early by mistake, it must not be pooled.
    append(acc, 0, "in flight");
    ProducerBatch inFlight = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(inFlight.reusable()).isFalse();

    // Split: a flush may still wait on it until its pieces are done.
    for (int i = 0; i < 12; i++) {
      append(acc, 1, "v" + i + "-" + "p".repeat(40));
    }
    ProducerBatch big =
        acc.drain(cluster(), N1, 1_000_000, x -> x.topicPartition().equals(TP1), nowMs).get(0);
    big.sealed(CONTEXT, -1, (short) -1, -1);
    List<ProducerBatch> pieces = acc.split(big, CONTEXT);
    acc.release(big, big.generation());
    assertThat(acc.pooledBatches()).isZero();
    assertThat(big.doneFuture()).isNotDone();
    // Split pieces own buffers of their own: never pooled either.
    for (ProducerBatch piece : pieces) {
      piece.onDrained(nowMs);
      piece.complete(0, -1);
      acc.release(piece, piece.generation());
    }
    assertThat(big.doneFuture()).isDone();
    assertThat(acc.pooledBatches()).isZero();
  }

  @Test
  void aFlushWaiterOfABatchIsReleasedWhenItCompletesAndAFinishedBatchNeedsNoFuture() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a");
    ProducerBatch batch = acc.incompleteBatches().get(0);
    CompletableFuture<Void> waiter = batch.doneFuture();
    assertThat(batch.doneFuture()).isSameAs(waiter);
    assertThat(waiter).isNotDone();
    acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs);
    batch.complete(0, -1);
    assertThat(waiter).isDone();
    acc.release(batch, batch.generation());
    assertThat(batch.doneFuture()).isDone();
  }

  @Test
  void aFlushDoesNotWaitForRecordsThatReuseABatchItFound() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    append(acc, 0, "a", a);
    // A flushing thread finds one incomplete use, holding record "a".
    List<ProducerBatch.Use> found = acc.incompleteUses();
    assertThat(found).hasSize(1);
    ProducerBatch first = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(found.get(0).doneFuture()).isNotDone();
    first.complete(40, -1);
    acc.release(first, first.generation());
    assertThat(a).isDone();
    // A record sent after the flush began reuses the pooled object.
    append(acc, 1, "later");
    assertThat(found.get(0).batch()).isSameAs(first);
    assertThat(first.doneFuture()).as("the new use").isNotDone();
    assertThat(found.get(0).doneFuture()).as("the use the flush found").isDone();
  }

  @Test
  void aBatchFailedWhileStillQueuedKeepsItsSlots() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    append(acc, 0, "a", a);

    acc.abortQueued(new IllegalStateException("forced close"));

    assertThat(a).isCompletedExceptionally();
    // An appending thread could still have reached the batch, so its slots are not recycled.
    assertThat(acc.pooledSlotSets()).isZero();
  }

  @Test
  void appendsGoIntoTheOpenBatchAndANewBatchStartsWhenFull() {
    RecordAccumulator acc = accumulator(0);
    AppendResult first = append(acc, 0, "a");
    AppendResult second = append(acc, 0, "b");
    assertThat(first.newBatchCreated()).isTrue();
    assertThat(second.newBatchCreated()).isFalse();
    assertThat(second.batchIsFull()).isFalse();
    assertThat(acc.queuedBatches(TP0)).isEqualTo(1);
    AppendResult last = second;
    int appended = 2;
    while (!last.newBatchCreated()) {
      last = append(acc, 0, "x".repeat(100));
      appended++;
    }
    assertThat(last.batchIsFull()).isTrue(); // a second batch means the first is ready
    assertThat(acc.queuedBatches(TP0)).isEqualTo(2);
    List<ProducerBatch> drained = acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs);
    assertThat(drained).hasSize(1);
    assertThat(drained.get(0).recordCount()).isEqualTo(appended - 1);
    assertThat(values(drained.get(0)).subList(0, 2)).containsExactly("a", "b");
  }

  @Test
  void aRecordLargerThanBatchSizeGetsItsOwnBatchAndItsMemoryComesBack() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "small");
    AppendResult big = append(acc, 0, "y".repeat(5000));
    assertThat(big.newBatchCreated()).isTrue();
    assertThat(acc.queuedBatches(TP0)).isEqualTo(2);
    assertThat(pool.availableBytes()).isLessThan(pool.totalMemoryBytes() - 5000);
    List<ProducerBatch> all = new ArrayList<>();
    all.addAll(acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs));
    all.addAll(acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs));
    assertThat(all).extracting(ProducerBatch::recordCount).containsExactly(1, 1);
    assertThat(values(all.get(1))).containsExactly("y".repeat(5000));
    finish(acc, all);
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
    assertThat(acc.hasIncomplete()).isFalse();
  }

  @Test
  void aBatchIsReadyOnlyAfterLingerOrWhenFull() {
    RecordAccumulator acc = accumulator(100);
    append(acc, 0, "a");
    ReadyCheckResult r = acc.ready(cluster(), nowMs);
    assertThat(r.readyNodes()).isEmpty();
    assertThat(r.nextReadyCheckDelayMs()).isEqualTo(100);
    assertThat(acc.ready(cluster(), nowMs + 99).readyNodes()).isEmpty();
    assertThat(acc.ready(cluster(), nowMs + 99).nextReadyCheckDelayMs()).isEqualTo(1);
    assertThat(acc.ready(cluster(), nowMs + 100).readyNodes()).containsExactly(N1);
    // A full batch is ready at once, without lingering.
    while (!append(acc, 2, "z".repeat(100)).batchIsFull()) {}
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).containsExactly(N2);
  }

  @Test
  void adaptiveBatchingSendsAtOnceToAnIdleLeaderAndLingersBehindABusyOne() {
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(
                1024, 100, 10_000, BACKOFF, CompressionType.NONE, false, false, 0, true),
            pool);
    append(acc, 0, "a"); // leader N1
    append(acc, 2, "b"); // leader N2
    // N1 idle, N2 with a request in flight: only N1's batch goes before linger.ms.
    ReadyCheckResult r = acc.ready(cluster(), nowMs, nodeId -> nodeId == N2.id());
    assertThat(r.readyNodes()).containsExactly(N1);
    assertThat(r.nextReadyCheckDelayMs()).isEqualTo(100);
    // Busy leaders everywhere: Kafka's rule (linger.ms) again.
    assertThat(acc.ready(cluster(), nowMs, nodeId -> true).readyNodes()).isEmpty();
    assertThat(acc.ready(cluster(), nowMs + 100, nodeId -> true).readyNodes())
        .containsExactlyInAnyOrder(N1, N2);
    // Off by default: an idle leader does not shorten linger.ms.
    RecordAccumulator kafkaRules = accumulator(100);
    append(kafkaRules, 0, "c");
    assertThat(kafkaRules.ready(cluster(), nowMs, nodeId -> false).readyNodes()).isEmpty();
  }

  @Test
  void aTopicWithNothingQueuedIsSkippedByTheReadyPassAndLosesItsLoadStats() {
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(
                1024, 10_000, 10_000, BACKOFF, CompressionType.NONE, false, true, 0),
            pool);
    append(acc, 0, "a".repeat(600));
    append(acc, 0, "b".repeat(600)); // a second batch of the same queue
    append(acc, 2, "c");
    assertThat(acc.nonEmptyQueues(TOPIC)).isEqualTo(2);
    // Queue sizes 2, 0, 1: uneven, so the pass sets weights; t-0 has a full batch.
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).containsExactly(N1);
    assertThat(acc.hasLoadStats(TOPIC)).isTrue();

    List<ProducerBatch> drained = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      drained.addAll(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs));
      drained.addAll(acc.drain(cluster(), N2, 1_000_000, x -> true, nowMs));
    }
    assertThat(drained).hasSize(3);
    assertThat(acc.nonEmptyQueues(TOPIC)).isZero();
    ReadyCheckResult r = acc.ready(cluster(), nowMs);
    assertThat(r.readyNodes()).isEmpty();
    assertThat(r.nextReadyCheckDelayMs()).isEqualTo(Long.MAX_VALUE);
    // All queues empty weigh every partition alike: no stats, as a full pass would have set.
    assertThat(acc.hasLoadStats(TOPIC)).isFalse();

    append(acc, 1, "d");
    assertThat(acc.nonEmptyQueues(TOPIC)).isEqualTo(1);
    assertThat(acc.ready(cluster(), nowMs + 10_000).readyNodes()).containsExactly(N1);
    finish(acc, drained);
  }

  @Test
  void flushMakesLingeringBatchesReady() {
    RecordAccumulator acc = accumulator(10_000);
    append(acc, 0, "a");
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).isEmpty();
    acc.beginFlush();
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).containsExactly(N1);
    acc.endFlush();
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).isEmpty();
  }

  @Test
  void unknownLeaderTopicsAreReported() {
    RecordAccumulator acc = accumulator(0);
    acc.append("other", 0, nowMs, null, bytes("a"), new Header[0], null, null, 0, nowMs, cluster());
    ReadyCheckResult r = acc.ready(cluster(), nowMs);
    assertThat(r.readyNodes()).isEmpty();
    assertThat(r.unknownLeaderTopics()).containsExactly("other");
  }

  @Test
  void drainIsBoundedByTheMaxRequestSizeButAlwaysTakesTheFirstBatch() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a".repeat(300));
    append(acc, 1, "b".repeat(300));
    List<ProducerBatch> tiny = acc.drain(cluster(), N1, 10, b -> true, nowMs);
    assertThat(tiny).hasSize(1); // larger than the limit, but the first batch always goes
    List<ProducerBatch> rest = acc.drain(cluster(), N1, 10, b -> true, nowMs);
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).topicPartition()).isNotEqualTo(tiny.get(0).topicPartition());
    append(acc, 0, "a".repeat(300));
    append(acc, 1, "b".repeat(300));
    assertThat(acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs)).hasSize(2);
  }

  @Test
  void drainRotatesFairlyAcrossThePartitionsOfANode() {
    RecordAccumulator acc = accumulator(0);
    for (int i = 0; i < 4; i++) {
      // each record fills its own batch, so one batch fits a request
      append(acc, 0, "a".repeat(900));
      append(acc, 1, "b".repeat(900));
    }
    List<TopicPartition> order = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      List<ProducerBatch> drained = acc.drain(cluster(), N1, 1000, b -> true, nowMs);
      assertThat(drained).hasSize(1);
      order.add(drained.get(0).topicPartition());
    }
    assertThat(order).containsExactly(TP0, TP1, TP0, TP1, TP0, TP1, TP0, TP1);
  }

  @Test
  void reenqueuedBatchesAreOrderedBySequenceAheadOfNewBatches() {
    RecordAccumulator acc = accumulator(0);
    List<ProducerBatch> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      append(acc, 0, "r" + i);
      ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
      b.sealed(CONTEXT, 7, (short) 0, i * 5);
      sent.add(b);
    }
    append(acc, 0, "new");
    acc.reenqueue(sent.get(2), nowMs);
    acc.reenqueue(sent.get(0), nowMs);
    acc.reenqueue(sent.get(1), nowMs);
    List<Integer> sequences = new ArrayList<>();
    long t = nowMs + 1000;
    for (int i = 0; i < 4; i++) {
      List<ProducerBatch> drained = acc.drain(cluster(), N1, 1_000_000, x -> true, t);
      assertThat(drained).hasSize(1);
      sequences.add(drained.get(0).baseSequence());
    }
    assertThat(sequences).containsExactly(0, 5, 10, -1);
  }

  @Test
  void recordsAppendedAfterARetryStartANewBatchInsteadOfFailing() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a");
    ProducerBatch sent = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    sent.sealed(CONTEXT, -1, (short) -1, -1);
    acc.reenqueue(sent, nowMs); // now the last (and only) batch of the queue, and sealed
    CompletableFuture<RecordMetadata> later = new CompletableFuture<>();
    AppendResult r = append(acc, 0, "b", later);
    assertThat(r.newBatchCreated()).isTrue();
    assertThat(acc.queuedBatches(TP0)).isEqualTo(2);
    List<ProducerBatch> order = new ArrayList<>();
    order.addAll(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 1_000));
    order.addAll(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 1_000));
    assertThat(order).hasSize(2);
    assertThat(order.get(0)).isSameAs(sent);
    assertThat(values(order.get(1))).containsExactly("b");
  }

  @Test
  void retriedBatchesWaitForTheirBackoff() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a");
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    acc.reenqueue(b, nowMs);
    ReadyCheckResult r = acc.ready(cluster(), nowMs + 50);
    assertThat(r.readyNodes()).isEmpty();
    assertThat(r.nextReadyCheckDelayMs()).isEqualTo(50);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 50)).isEmpty();
    assertThat(acc.ready(cluster(), nowMs + 100).readyNodes()).containsExactly(N1);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 100)).containsExactly(b);
  }

  @Test
  void aRetriedBatchIsReadyWhenItsBackoffEndsWithoutLingeringAgain() {
    RecordAccumulator acc = accumulator(1_000);
    append(acc, 0, "a");
    long t = nowMs + 1_000;
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, t).get(0);
    acc.reenqueue(b, t + 5);
    assertThat(acc.ready(cluster(), t + 104).readyNodes()).isEmpty();
    assertThat(acc.ready(cluster(), t + 104).nextReadyCheckDelayMs()).isEqualTo(1);
    assertThat(acc.ready(cluster(), t + 105).readyNodes()).containsExactly(N1);
  }

  @Test
  void eachRetryWaitsTwiceAsLongUpToTheCapWithItsOwnRandomFactor() {
    // Draws 0.5 (factor 1), 0.0 (0.8), 0.999 (1.1996), then 0.5 twice.
    RecordAccumulator acc = accumulator(0, backoffDrawing(0.5, 0.0, 0.999, 0.5, 0.5));
    append(acc, 0, "a");
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    List<Long> waits = new ArrayList<>();
    long t = nowMs;
    for (int attempt = 1; attempt <= 5; attempt++) {
      acc.reenqueue(b, t);
      waits.add(acc.ready(cluster(), t).nextReadyCheckDelayMs());
      assertThat(b.retryBackoffEndMs() - t).isEqualTo(waits.get(waits.size() - 1));
      t = b.retryBackoffEndMs();
      assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, t - 1)).isEmpty();
      assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, t)).containsExactly(b);
    }
    // 100 x 1, 200 x 0.8, 400 x 1.1996, 800 x 1, then the cap (1,000).
    assertThat(waits).containsExactly(100L, 160L, 479L, 800L, 1_000L);
    assertThat(b.attempts()).isEqualTo(5);
  }

  @Test
  void batchesOfTwoPartitionsThatFailedTogetherAreRetriedAtDifferentTimes() {
    // The lost answer of one request carrying both partitions: both come back at the same time,
    // and their random factors (0.8 and 1.1996) spread their retries over 80 to 119 ms.
    RecordAccumulator acc = accumulator(0, backoffDrawing(0.0, 0.999));
    append(acc, 0, "a");
    append(acc, 1, "b");
    List<ProducerBatch> request = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs);
    assertThat(request).extracting(ProducerBatch::topicPartition).containsExactly(TP0, TP1);
    acc.reenqueue(request.get(0), nowMs);
    acc.reenqueue(request.get(1), nowMs);

    ReadyCheckResult before = acc.ready(cluster(), nowMs + 79);
    assertThat(before.readyNodes()).isEmpty();
    assertThat(before.nextReadyCheckDelayMs()).isEqualTo(1);
    assertThat(acc.ready(cluster(), nowMs + 80).readyNodes()).containsExactly(N1);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 80))
        .containsExactly(request.get(0));
    // t-1 still waits, and the sender is told for how long.
    ReadyCheckResult between = acc.ready(cluster(), nowMs + 80);
    assertThat(between.readyNodes()).isEmpty();
    assertThat(between.nextReadyCheckDelayMs()).isEqualTo(39);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 118)).isEmpty();
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 119))
        .containsExactly(request.get(1));
  }

  @Test
  void aShorterRandomWaitNeverLetsALaterBatchOvertakeAnEarlierOneOfItsPartition() {
    // Two batches of t-0 (sequences 0 and 5) fail together; the earlier draws the longest wait
    // (1.1996 x 100 ms), the later the shortest (0.8 x 100 ms).
    RecordAccumulator acc = accumulator(0, backoffDrawing(0.999, 0.0));
    List<ProducerBatch> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      append(acc, 0, "r" + i);
      ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
      b.sealed(CONTEXT, 7, (short) 0, i * 5);
      sent.add(b);
    }
    acc.reenqueue(sent.get(0), nowMs);
    acc.reenqueue(sent.get(1), nowMs);
    assertThat(sent.get(1).retryBackoffEndMs()).isLessThan(sent.get(0).retryBackoffEndMs());

    // The later batch's wait is over, but it is behind the earlier one, which still waits.
    ReadyCheckResult r = acc.ready(cluster(), nowMs + 80);
    assertThat(r.readyNodes()).isEmpty();
    assertThat(r.nextReadyCheckDelayMs()).isEqualTo(39);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 80)).isEmpty();
    List<Integer> sequences = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      List<ProducerBatch> drained = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 119);
      assertThat(drained).hasSize(1);
      sequences.add(drained.get(0).baseSequence());
    }
    assertThat(sequences).containsExactly(0, 5);
  }

  @Test
  void splitPiecesKeepTheBackoffTheirBatchDrew() {
    RecordAccumulator acc = accumulator(0, backoffDrawing(0.999));
    for (int i = 0; i < 20; i++) {
      append(acc, 0, "record-" + i);
    }
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    b.sealed(CONTEXT, -1, (short) -1, -1);
    acc.reenqueue(b, nowMs); // waits 119 ms
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 119)).containsExactly(b);
    List<ProducerBatch> pieces = acc.split(b, CONTEXT);
    assertThat(pieces).hasSizeGreaterThan(1);
    acc.reenqueueSplit(pieces);
    assertThat(pieces).allMatch(p -> p.retryBackoffEndMs() == nowMs + 119);
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 118)).isEmpty();
    assertThat(acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs + 119)).hasSize(1);
  }

  @Test
  void batchesExpireAfterTheDeliveryTimeout() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 1, "a");
    nowMs += 5_000;
    append(acc, 1, "x".repeat(1000)); // a second, younger batch
    assertThat(acc.expiredBatches(nowMs + 4_999)).isEmpty();
    List<ProducerBatch> expired = acc.expiredBatches(nowMs + 5_000);
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).topicPartition()).isEqualTo(TP1);
    assertThat(acc.queuedBatches(TP1)).isEqualTo(1);
    assertThat(acc.expiredBatches(nowMs + 10_000)).hasSize(1);
  }

  @Test
  void theReadyScanFeedsAdaptivePartitioningLeavingOutALeaderThatCouldNotBeDrained() {
    // Adaptive partitioning, partitioner.availability.timeout.ms 100: node 2 (leader of t-2) had
    // data ready but could not take a request for 200 ms, so the queue sizes gathered by ready()
    // leave t-2 out and no keyless record goes there.
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(1024, 0, 10_000, BACKOFF, CompressionType.NONE, false, true, 100),
            pool);
    for (int p = 0; p < 3; p++) {
      append(acc, p, "seed"); // a queue for every partition, as load stats need
    }
    acc.updateNodeLatencyStats(2, nowMs, true);
    acc.updateNodeLatencyStats(2, nowMs + 200, false);
    acc.ready(cluster(), nowMs + 200);
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      chosen.add(append(acc, -1, "x".repeat(1000)).partition()); // about a batch each
    }
    assertThat(chosen).isNotEmpty().doesNotContain(2);
  }

  @Test
  void aBatchOpenedAfterAnExpiryScanOfEmptyQueuesStillExpiresOnTime() {
    // The scans are skipped until a batch can have expired; a scan that found nothing queued must
    // not postpone the next one past a batch opened after it.
    RecordAccumulator acc = accumulator(0);
    assertThat(acc.expiredBatches(nowMs)).isEmpty();
    nowMs += 1;
    append(acc, 0, "a");
    assertThat(acc.expiredBatches(nowMs + 9_999)).isEmpty();
    assertThat(acc.expiredBatches(nowMs + 10_000))
        .extracting(ProducerBatch::topicPartition)
        .containsExactly(TP0);
  }

  @Test
  void aRetryPutBackAfterAScanExpiresAtItsOwnDeadlineNotTheNewestBatchs() {
    RecordAccumulator acc = accumulator(0);
    long createdMs = nowMs;
    append(acc, 0, "a");
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    nowMs += 5_000;
    append(acc, 1, "b"); // the only queued batch: the next scan is due at its deadline
    assertThat(acc.expiredBatches(nowMs)).isEmpty();
    acc.reenqueue(b, nowMs); // created 5 s before the batch the scan saw
    List<ProducerBatch> expired = acc.expiredBatches(createdMs + 10_000);
    assertThat(expired).containsExactly(b);
    assertThat(acc.expiredBatches(createdMs + 14_999)).isEmpty();
    assertThat(acc.expiredBatches(createdMs + 15_000))
        .extracting(ProducerBatch::topicPartition)
        .containsExactly(TP1);
  }

  @Test
  void splitKeepsRecordOrderAndEachRecordsFutureAndCallback() {
    RecordAccumulator acc = accumulator(0);
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    List<Integer> callbackOrder = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
      futures.add(f);
      int index = i;
      acc.append(
          TOPIC,
          0,
          nowMs,
          null,
          bytes("v" + i + "-" + "p".repeat(40)),
          new Header[0],
          f,
          (m, e) -> callbackOrder.add(index),
          0,
          nowMs,
          cluster());
    }
    ProducerBatch batch = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(batch.recordCount()).isEqualTo(12);
    batch.sealed(CONTEXT, 7, (short) 2, 100);
    List<ProducerBatch> pieces = acc.split(batch, CONTEXT);
    assertThat(pieces).hasSizeGreaterThan(1);
    acc.deallocate(batch);
    acc.reenqueueSplit(pieces);
    int seq = 100;
    List<String> all = new ArrayList<>();
    long offset = 0;
    List<Long> baseOffsets = new ArrayList<>();
    for (ProducerBatch piece : pieces) {
      assertThat(piece.baseSequence()).isEqualTo(seq);
      assertThat(piece.producerId()).isEqualTo(7);
      assertThat(piece.producerEpoch()).isEqualTo((short) 2);
      seq += piece.recordCount();
      all.addAll(values(piece));
      baseOffsets.add(offset);
      offset += piece.recordCount();
    }
    for (int i = 0; i < 12; i++) {
      assertThat(all.get(i)).startsWith("v" + i + "-");
    }
    // the pieces are queued in order at the head
    for (ProducerBatch piece : pieces) {
      assertThat(acc.drain(cluster(), N1, 1, x -> true, nowMs)).containsExactly(piece);
    }
    for (int i = 0; i < pieces.size(); i++) {
      pieces.get(i).complete(1000 + baseOffsets.get(i), -1);
      acc.deallocate(pieces.get(i));
    }
    for (int i = 0; i < 12; i++) {
      assertThat(futures.get(i).join().offset()).isEqualTo(1000 + i);
    }
    assertThat(callbackOrder).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(acc.hasIncomplete()).isFalse();
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
  }

  @Test
  void piecesOfALaterSplitBatchQueueBehindThePiecesOfAnEarlierOne() {
    RecordAccumulator acc = accumulator(0);
    List<ProducerBatch> sent = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 12; i++) {
        append(acc, 0, "b" + b + "-v" + i + "-" + "p".repeat(40));
      }
      ProducerBatch batch = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
      batch.sealed(CONTEXT, 7, (short) 2, 12 * b); // sequences 0-11, then 12-23
      sent.add(batch);
    }
    append(acc, 0, "new"); // a batch without a sequence yet, queued meanwhile
    // Both requests come back as too large, the earlier one first: each batch is split in turn.
    List<ProducerBatch> expectedOrder = new ArrayList<>();
    for (ProducerBatch batch : sent) {
      List<ProducerBatch> pieces = acc.split(batch, CONTEXT);
      acc.deallocate(batch);
      acc.reenqueueSplit(pieces);
      expectedOrder.addAll(pieces);
    }
    List<ProducerBatch> drainedOrder = new ArrayList<>();
    for (int i = 0; i < expectedOrder.size() + 1; i++) {
      drainedOrder.addAll(acc.drain(cluster(), N1, 1, x -> true, nowMs));
    }
    assertThat(drainedOrder.subList(0, expectedOrder.size()))
        .containsExactlyElementsOf(expectedOrder);
    assertThat(drainedOrder.get(expectedOrder.size()).hasSequence()).isFalse();
    assertThat(drainedOrder)
        .extracting(ProducerBatch::baseSequence)
        .isSortedAccordingTo((x, y) -> x < 0 ? 1 : y < 0 ? -1 : Integer.compare(x, y));
  }

  @Test
  void aCompressedBatchSplitsIntoAFewPiecesNotOnePerRecord() {
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(4096, 0, 10_000, BACKOFF, CompressionType.GZIP, false, false, 0),
            pool);
    int appended = 0;
    while (acc.queuedBatches(TP0) < 2) {
      acc.append(
          TOPIC,
          0,
          nowMs,
          null,
          bytes("same-text-" + "a".repeat(50)),
          new Header[0],
          null,
          null,
          0,
          nowMs,
          cluster());
      appended++;
    }
    ProducerBatch batch = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    ByteBuffer sealed = batch.sealed(CONTEXT, -1, (short) -1, -1);
    assertThat(sealed.remaining()).isLessThan(batch.uncompressedSizeBytes() / 4); // compresses well
    List<ProducerBatch> pieces = acc.split(batch, CONTEXT);
    assertThat(pieces).hasSizeBetween(2, 4);
    assertThat(pieces.stream().mapToInt(ProducerBatch::recordCount).sum())
        .isEqualTo(batch.recordCount());
    assertThat(appended).isGreaterThan(batch.recordCount());
  }

  @Test
  void keylessRecordsStickToAPartitionThenSwitch() {
    RecordAccumulator acc = accumulator(0);
    List<Integer> partitions = new ArrayList<>();
    // ~10 records fill a batch, then the partitioner picks again at random (possibly the same
    // partition): 600 records make ~60 picks, so "always the same partition" cannot happen.
    for (int i = 0; i < 600; i++) {
      partitions.add(append(acc, -1, "k".repeat(100)).partition());
      if (i % 20 == 19) { // keep the pool from filling up
        finish(acc, acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs));
        finish(acc, acc.drain(cluster(), N2, 1_000_000, b -> true, nowMs));
      }
    }
    assertThat(partitions).allMatch(p -> p >= 0 && p < 3);
    assertThat(partitions.stream().distinct().count()).isGreaterThan(1);
    // runs: consecutive records on one partition; every run but the last fills about a batch
    List<Integer> runs = new ArrayList<>();
    int run = 1;
    for (int i = 1; i < partitions.size(); i++) {
      if (partitions.get(i).equals(partitions.get(i - 1))) {
        run++;
      } else {
        runs.add(run);
        run = 1;
      }
    }
    assertThat(runs).isNotEmpty().allMatch(r -> r >= 5);
  }

  @Test
  void aBatchFilledByARecordThatThenSwitchesPartitionIsAnnounced() {
    int[] draws = {0}; // stints take partitions 0, 1, 2, ... in turn
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(1024, 5, 10_000, BACKOFF, CompressionType.NONE, false, false, 0),
            pool,
            null,
            () -> draws[0]++);
    // 100-byte values encode to 109 bytes: 8 fill a 1024-byte batch. The stint passes batch.size
    // in its second batch, so it switches when the 17th record does not fit that batch.
    List<Integer> results = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      if (i == 9) { // the sender took the first batch: the second is partition 0's head
        finish(acc, acc.drain(cluster(), N1, 1_000_000, b -> true, nowMs));
      }
      results.add(
          acc.append(
              TOPIC,
              -1,
              nowMs,
              null,
              new byte[100],
              new Header[0],
              new CompletableFuture<>(),
              null,
              0,
              nowMs,
              cluster()));
    }
    int switched = results.get(16);
    assertThat(RecordAccumulator.partitionOf(results.get(15))).isZero();
    assertThat(RecordAccumulator.partitionOf(switched)).isEqualTo(1);
    assertThat(RecordAccumulator.isSet(switched, RecordAccumulator.NEW_BATCH)).isTrue();
    // Partition 0's second batch is full and nothing else will be appended to it: the I/O thread
    // must hear of it now, not at the new batch's linger.ms.
    assertThat(RecordAccumulator.isSet(switched, RecordAccumulator.FILLED_BATCH)).isTrue();
    assertThat(acc.readyAtMs(switched, nowMs)).isEqualTo(nowMs);
    assertThat(acc.readyAtMs(results.get(17), nowMs)).isEqualTo(Long.MAX_VALUE);
    assertThat(acc.queuedBatches(TP0)).isEqualTo(1);
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).containsExactly(N1);
  }

  @Test
  void anAppendAbortedForANewBatchAnnouncesTheFullBatchItLeft() {
    RecordAccumulator acc = accumulator(5);
    assertThat(appendAborting(acc)).isEqualTo(RecordAccumulator.ABORTED_FOR_NEW_BATCH);
    for (int i = 0; i < 8; i++) { // 8 records of 109 bytes: the 1024-byte batch has no room left
      append(acc, 0, "v".repeat(100));
    }
    // The caller's partitioner may now send the record elsewhere: the batch must go without
    // waiting for linger.ms, so the first abort says so; the next one has nothing new to tell.
    assertThat(appendAborting(acc)).isEqualTo(RecordAccumulator.ABORTED_AFTER_FILLING_BATCH);
    assertThat(appendAborting(acc)).isEqualTo(RecordAccumulator.ABORTED_FOR_NEW_BATCH);
    assertThat(acc.queuedBatches(TP0)).isEqualTo(1);
    assertThat(acc.ready(cluster(), nowMs).readyNodes()).containsExactly(N1);
  }

  private int appendAborting(RecordAccumulator acc) {
    return acc.append(
        TOPIC,
        0,
        nowMs,
        null,
        bytes("v".repeat(100)),
        new Header[0],
        new CompletableFuture<>(),
        null,
        0,
        nowMs,
        cluster(),
        true);
  }

  @Test
  void abortQueuedFailsEveryFutureAndReturnsTheMemory() {
    RecordAccumulator acc = accumulator(0);
    CompletableFuture<RecordMetadata> a = new CompletableFuture<>();
    CompletableFuture<RecordMetadata> b = new CompletableFuture<>();
    append(acc, 0, "a", a);
    append(acc, 2, "b", b);
    acc.close();
    assertThatThrownBy(() -> append(acc, 0, "late")).isInstanceOf(ProducerClosedException.class);
    RuntimeException error = new ProducerClosedException("forced close");
    assertThat(acc.abortQueued(error)).hasSize(2);
    assertThat(a).isCompletedExceptionally();
    assertThat(b).isCompletedExceptionally();
    assertThatThrownBy(a::join).cause().isSameAs(error);
    assertThat(acc.hasIncomplete()).isFalse();
    assertThat(acc.hasQueued()).isFalse();
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
  }

  @Test
  void deallocatingTwiceReturnsTheMemoryOnce() {
    RecordAccumulator acc = accumulator(0);
    append(acc, 0, "a");
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    b.completeExceptionally(new IllegalStateException("x"));
    acc.deallocate(b);
    acc.deallocate(b);
    assertThat(pool.availableBytes()).isEqualTo(pool.totalMemoryBytes());
  }

  @Test
  void callbacksRunOncePerRecordEvenIfCompletedTwice() {
    RecordAccumulator acc = accumulator(0);
    AtomicInteger calls = new AtomicInteger();
    acc.append(
        TOPIC,
        0,
        nowMs,
        null,
        bytes("a"),
        new Header[0],
        null,
        (m, e) -> calls.incrementAndGet(),
        0,
        nowMs,
        cluster());
    ProducerBatch b = acc.drain(cluster(), N1, 1_000_000, x -> true, nowMs).get(0);
    assertThat(b.complete(5, -1)).isTrue();
    assertThat(b.completeExceptionally(new IllegalStateException())).isFalse();
    assertThat(calls).hasValue(1);
  }
}
