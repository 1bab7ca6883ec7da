package dev.plume.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionLevels;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.PartitionState;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.Node;
import dev.plume.internal.record.DecodedBatch;
import dev.plume.internal.record.DecodedRecord;
import dev.plume.internal.record.RecordBatchReader;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The appending thread that fills a compressed batch compresses it; the sender does the rest. */
class EarlySealTest {

  private static final String TOPIC = "t";
  private static final Node N1 = new Node(1, "b1", 9092);
  private static final CompressionLevels LEVELS = new CompressionLevels(-1, 9, 3);

  private final AtomicInteger contextsMade = new AtomicInteger();
  private final Supplier<CompressionContext> contexts =
      () -> {
        contextsMade.incrementAndGet();
        return new CompressionContext(LEVELS);
      };
  private final CompressionContext senderContext = new CompressionContext(LEVELS);

  private static ClusterSnapshot cluster() {
    List<PartitionState> parts =
        List.of(new PartitionState(TOPIC, 0, 1, 1, List.of(1), List.of(1)));
    return ProducerMetadata.snapshotBuilder().node(N1).topic(TOPIC, null, parts).build();
  }

  private static RecordAccumulator accumulator(
      CompressionType type, Supplier<CompressionContext> contexts) {
    return new RecordAccumulator(
        new AccumulatorConfig(
            1024, 0, 10_000, new RetryBackoff(100, 1000, () -> 0.5), type, false, false, 0),
        new BufferPool(64 * 1024, 1024),
        contexts);
  }

  /** Appends "v0", "v1", ... to partition 0 until a second batch opens; returns how many. */
  private static int fillFirstBatch(RecordAccumulator acc) {
    int n = 0;
    while (true) {
      byte[] value = ("v" + n + " " + "abc".repeat(20)).getBytes(StandardCharsets.UTF_8);
      int result =
          acc.append(
              TOPIC,
              0,
              1_000,
              null,
              value,
              new Header[0],
              new CompletableFuture<>(),
              null,
              0,
              1_000,
              cluster());
      n++;
      if (n > 1 && RecordAccumulator.isSet(result, RecordAccumulator.NEW_BATCH)) {
        return n - 1;
      }
    }
  }

  private static List<String> values(ByteBuffer sealed) {
    List<String> out = new ArrayList<>();
    DecodedBatch batch = new RecordBatchReader().readAll(sealed).get(0);
    for (DecodedRecord r : batch.records()) {
      String v = new String(r.value(), StandardCharsets.UTF_8);
      out.add(v.substring(0, v.indexOf(' ')));
    }
    return out;
  }

  @Test
  void theAppendThatOpensTheNextBatchCompressesTheFullOne() {
    RecordAccumulator acc = accumulator(CompressionType.LZ4, contexts);
    int inFirst = fillFirstBatch(acc);

    List<ProducerBatch> drained = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000);
    ProducerBatch first = drained.get(0);
    assertThat(first.isSealed()).isTrue();
    assertThat(contextsMade).hasValue(1);

    // The sender stamps its producer state on the early-sealed batch; the CRC still checks out.
    ByteBuffer sent = first.sealed(senderContext, 7L, (short) 1, 0);
    DecodedBatch decoded = new RecordBatchReader().readAll(sent.duplicate()).get(0);
    assertThat(decoded.header().producerId()).isEqualTo(7L);
    assertThat(decoded.header().attributes() & 0x7).isEqualTo(CompressionType.LZ4.id());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < inFirst; i++) {
      expected.add("v" + i);
    }
    assertThat(values(sent)).containsExactlyElementsOf(expected);
    assertThat(sent.remaining()).isLessThan(first.uncompressedSizeBytes());
  }

  @Test
  void theLastOpenBatchIsLeftToTheSender() {
    RecordAccumulator acc = accumulator(CompressionType.LZ4, contexts);
    fillFirstBatch(acc);
    acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000);

    List<ProducerBatch> second = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000);
    assertThat(second.get(0).isSealed()).isFalse();
    assertThat(values(second.get(0).sealed(senderContext, -1, (short) -1, -1))).hasSize(1);
  }

  @Test
  void uncompressedBatchesAndAccumulatorsWithoutContextsNeverSealEarly() {
    RecordAccumulator none = accumulator(CompressionType.NONE, contexts);
    fillFirstBatch(none);
    assertThat(none.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0).isSealed()).isFalse();
    assertThat(contextsMade).hasValue(0);

    RecordAccumulator noContexts = accumulator(CompressionType.LZ4, null);
    fillFirstBatch(noContexts);
    assertThat(noContexts.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0).isSealed())
        .isFalse();
  }

  @Test
  void aSealClaimedByTheSenderIsNotRedone() {
    RecordAccumulator acc = accumulator(CompressionType.LZ4, null);
    fillFirstBatch(acc);
    ProducerBatch first = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0);
    ByteBuffer bySender = first.sealed(senderContext, -1, (short) -1, -1);

    CompressionContext other = new CompressionContext(LEVELS);
    assertThat(first.trySealEarly(other)).isFalse();
    assertThat(first.sealed(senderContext, -1, (short) -1, -1)).isEqualTo(bySender);
  }

  @Test
  void aBatchWhoseBufferWentBackToThePoolIsNeverSealedEarlyAfterwards() {
    RecordAccumulator acc = accumulator(CompressionType.LZ4, null);
    fillFirstBatch(acc);
    // Failed while queued (as on expiry or a forced close), its buffer back in the pool...
    ProducerBatch first = acc.abortQueued(new IllegalStateException("expired")).get(0);
    // ...so the appending thread that filled it must not compress into that buffer any more.
    assertThat(first.trySealEarly(new CompressionContext(LEVELS))).isFalse();
    assertThat(first.isSealed()).isFalse();
  }

  @Test
  void anAppendingThreadLateWithItsEarlySealLeavesTheBatchsNextUseAlone() {
    RecordAccumulator acc = accumulator(CompressionType.LZ4, null);
    fillFirstBatch(acc);
    ProducerBatch first = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0);
    int filledGeneration = first.generation(); // what the appending thread saw under the lock
    first.sealed(senderContext, -1, (short) -1, -1);
    first.complete(0, -1);
    acc.release(first, first.generation());
    // The second batch was already open behind the first: drain it, then let a new one reuse the
    // pooled object.
    acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0);
    acc.append(
        TOPIC,
        0,
        1_000,
        null,
        "next abc".getBytes(StandardCharsets.UTF_8),
        new Header[0],
        new CompletableFuture<>(),
        null,
        0,
        1_000,
        cluster());
    ProducerBatch reused = acc.drain(cluster(), N1, 1_000_000, b -> true, 1_000).get(0);
    assertThat(reused).isSameAs(first);

    // The appending thread that filled the first use only now gets a context: too late.
    assertThat(reused.trySealEarly(new CompressionContext(LEVELS), filledGeneration)).isFalse();
    assertThat(reused.isSealed()).isFalse();
    assertThat(values(reused.sealed(senderContext, -1, (short) -1, -1))).containsExactly("next");
  }

  @Test
  void contextPoolLendsAtMostItsBoundAndClosesWhatComesBackAfterClose() {
    SealContextPool pool = new SealContextPool(contexts, 2);
    CompressionContext a = pool.tryAcquire();
    CompressionContext b = pool.tryAcquire();
    assertThat(a).isNotNull();
    assertThat(b).isNotNull().isNotSameAs(a);
    assertThat(pool.tryAcquire()).isNull(); // never waits: the sender will compress instead

    pool.release(a);
    assertThat(pool.tryAcquire()).isSameAs(a);
    assertThat(pool.createdCount()).isEqualTo(2);

    pool.release(a);
    pool.close();
    assertThat(pool.tryAcquire()).isNull();
    pool.release(b); // closed on return, not pooled
    assertThat(pool.tryAcquire()).isNull();
  }
}
