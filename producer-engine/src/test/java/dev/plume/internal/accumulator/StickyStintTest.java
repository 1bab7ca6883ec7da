package dev.plume.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.PartitionState;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.Node;
import dev.plume.internal.record.RecordBatchBuilder;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * How the built-in (KIP-794) partitioner's stints line up with batches, and how long full batches
 * wait, in a scripted run of Kafka's defaults: keyless 100-byte values at 50,000 records/s (50 per
 * millisecond of the injected clock), batch.size 16384, linger.ms 5, 6 partitions led by one
 * broker.
 *
 * <p>The "I/O thread" follows the producer's wake-up rules: it runs a round (ready, then drain the
 * leader if it is ready) when an append's {@link RecordAccumulator#readyAtMs} is before the time it
 * sleeps until, when that time comes, and when the response to a request it sent arrives (1 ms
 * after sending). It sleeps until the round's next ready-check delay or the next response. Batches
 * are completed as soon as they are drained.
 *
 * <p>The partitioner's draws are scripted to take the partitions in turn, so each run of
 * consecutive records on one partition is exactly one stint.
 */
class StickyStintTest {

  private static final String TOPIC = "t";
  private static final Node LEADER = new Node(1, "b1", 9092);
  private static final int PARTITIONS = 6;
  private static final int BATCH_SIZE_BYTES = 16_384;
  private static final long LINGER_MS = 5;
  private static final long RESPONSE_AFTER_MS = 1;
  private static final int RECORDS_PER_MS = 50;
  private static final int RECORDS = 60_000;
  private static final byte[] VALUE = new byte[100];
  private static final Header[] NO_HEADERS = new Header[0];

  /** Whether a drained batch could still have taken a record like these. */
  private static final int MAX_RECORD_BYTES =
      RecordBatchBuilder.recordSizeUpperBound(-1, VALUE.length, NO_HEADERS);

  /** What a run left behind: stint lengths and why, and how late, each batch was sent. */
  private record Run(
      List<Integer> stintRecords,
      List<Integer> stintBatches,
      int fullBatches,
      int fullBatchesAgedToLinger,
      int lingeredBatches,
      int drainedAlongBatches,
      long fullBatchAgeSumMs,
      int requests,
      int records) {

    int batches() {
      return fullBatches + lingeredBatches + drainedAlongBatches;
    }

    int partialBatches() {
      return lingeredBatches + drainedAlongBatches;
    }

    @Override
    public String toString() {
      return String.format(
          "stints=%d records/stint min=%d max=%d avg=%.1f, batches/stint max=%d;"
              + " requests=%d batches=%d (full=%d of which aged to linger.ms=%d,"
              + " avg age %.2f ms; partial: lingered=%d drainedAlong=%d) records/batch=%.1f",
          stintRecords.size(),
          stintRecords.stream().mapToInt(Integer::intValue).min().orElse(0),
          stintRecords.stream().mapToInt(Integer::intValue).max().orElse(0),
          stintRecords.stream().mapToInt(Integer::intValue).average().orElse(0),
          stintBatches.stream().mapToInt(Integer::intValue).max().orElse(0),
          requests,
          batches(),
          fullBatches,
          fullBatchesAgedToLinger,
          fullBatches == 0 ? 0.0 : (double) fullBatchAgeSumMs / fullBatches,
          lingeredBatches,
          drainedAlongBatches,
          (double) records / batches());
    }
  }

  /** The I/O thread of the model and what it saw. */
  private static final class IoThread {
    final RecordAccumulator acc;
    final ClusterSnapshot cluster;
    long sleepUntilMs = Long.MAX_VALUE;
    long responseAtMs = Long.MAX_VALUE;
    int full;
    int fullAgedToLinger;
    int lingered;
    int drainedAlong;
    long fullAgeSumMs;
    int requests;
    int records;

    IoThread(RecordAccumulator acc, ClusterSnapshot cluster) {
      this.acc = acc;
      this.cluster = cluster;
    }

    void maybeRunRound(long nowMs) {
      if (nowMs >= sleepUntilMs || nowMs >= responseAtMs) {
        round(nowMs);
      }
    }

    void afterAppend(int appendResult, long nowMs) {
      if (acc.readyAtMs(appendResult, nowMs) < sleepUntilMs) {
        round(nowMs);
      }
    }

    void round(long nowMs) {
      if (nowMs >= responseAtMs) {
        responseAtMs = Long.MAX_VALUE;
      }
      ReadyCheckResult ready = acc.ready(cluster, nowMs);
      long nextDelayMs = ready.nextReadyCheckDelayMs();
      if (ready.readyNodes().contains(LEADER)) {
        List<ProducerBatch> drained = acc.drain(cluster, LEADER, 1024 * 1024, b -> true, nowMs);
        for (ProducerBatch batch : drained) {
          long ageMs = nowMs - batch.createdMs();
          if (batch.estimatedSizeBytes() + MAX_RECORD_BYTES > BATCH_SIZE_BYTES) {
            full++;
            fullAgeSumMs += ageMs;
            if (ageMs >= LINGER_MS) {
              fullAgedToLinger++;
            }
          } else if (ageMs >= LINGER_MS) {
            lingered++;
          } else {
            drainedAlong++;
          }
          records += batch.recordCount();
          batch.complete(0, -1);
          acc.deallocate(batch);
        }
        requests++;
        responseAtMs = nowMs + RESPONSE_AFTER_MS;
      }
      sleepUntilMs =
          nextDelayMs == Long.MAX_VALUE
              ? responseAtMs
              : Math.min(nowMs + nextDelayMs, responseAtMs);
    }
  }

  private static ClusterSnapshot cluster() {
    List<PartitionState> parts = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      parts.add(new PartitionState(TOPIC, p, 1, 1, List.of(1), List.of(1)));
    }
    return ProducerMetadata.snapshotBuilder().node(LEADER).topic(TOPIC, null, parts).build();
  }

  private static Run run() {
    int[] draws = {0};
    RecordAccumulator acc =
        new RecordAccumulator(
            new AccumulatorConfig(
                BATCH_SIZE_BYTES,
                LINGER_MS,
                120_000,
                new RetryBackoff(100, 1000, () -> 0.5),
                CompressionType.NONE,
                false,
                false,
                0),
            new BufferPool(32L * 1024 * 1024, BATCH_SIZE_BYTES),
            null,
            () -> draws[0]++);
    ClusterSnapshot cluster = cluster();
    IoThread io = new IoThread(acc, cluster);
    List<Integer> stintRecords = new ArrayList<>();
    List<Integer> stintBatches = new ArrayList<>();
    int previousPartition = -1;
    int records = 0;
    int batches = 0;
    for (int i = 0; i < RECORDS; i++) {
      long nowMs = 1_000 + i / RECORDS_PER_MS;
      io.maybeRunRound(nowMs);
      int result =
          acc.append(
              TOPIC,
              -1,
              nowMs,
              null,
              VALUE,
              NO_HEADERS,
              new CompletableFuture<>(),
              null,
              0,
              nowMs,
              cluster);
      int partition = RecordAccumulator.partitionOf(result);
      if (partition != previousPartition) {
        if (previousPartition >= 0) {
          stintRecords.add(records);
          stintBatches.add(batches);
        }
        previousPartition = partition;
        records = 0;
        batches = 0;
      }
      records++;
      if (RecordAccumulator.isSet(result, RecordAccumulator.NEW_BATCH)) {
        batches++;
      }
      io.afterAppend(result, nowMs);
    }
    // The last stint, cut short by the end of the run, is left out.
    return new Run(
        stintRecords,
        stintBatches,
        io.full,
        io.fullAgedToLinger,
        io.lingered,
        io.drainedAlong,
        io.fullAgeSumMs,
        io.requests,
        io.records);
  }

  /**
   * Figures of this run (records of 110 encoded bytes, 148 to a full batch of 16,341 bytes):
   *
   * <ul>
   *   <li>Before (stint counted key + value bytes; a batch filled by a record that then switched
   *       partitions was not announced): 240 stints of 202-296 records; 239 of the 240 full batches
   *       were sent only when linger.ms expired (average age 5.0 ms).
   *   <li>Only the announcement fixed: 202 stints of 296-297 records (a one-record batch drained
   *       with the previous stint's full batch, then two full batches: the count reaches batch.size
   *       only in the second, open, batch); no full batch waits.
   *   <li>Only the count fixed: as before (239 of 240 full batches wait for linger.ms).
   *   <li>Both: 401 stints of 149 records (the one-record batch, then one full batch, whose growth
   *       takes the count past batch.size); no full batch waits (average age 2.96 ms, the time to
   *       fill it at 50 records/ms), as in Kafka, which wakes its sender on every new batch.
   * </ul>
   */
  @Test
  void fullBatchesGoAtOnceAndStintsEndWithTheirFirstFullBatch() {
    Run run = run();
    System.out.println("StickyStintTest: " + run);

    assertThat(run.fullBatches()).isGreaterThan(300);
    assertThat(run.fullBatchesAgedToLinger()).isZero();
    assertThat(run.lingeredBatches()).isZero();
    // The first stint: two full batches (16,341 bytes are not batch.size: the switch waits for
    // the end of the second batch). Every later one: the record that opened its first batch
    // (drained at once, along with the previous stint's full batch), then one full batch of 148;
    // counted as batch growth, 61 + 110 bytes and 16,341 bytes pass batch.size (16,384) as that
    // batch fills. Counting 100 bytes a record, it would run through a second full batch.
    assertThat(run.stintRecords().get(0)).isEqualTo(296);
    assertThat(run.stintRecords().subList(1, run.stintRecords().size()))
        .hasSizeGreaterThan(300)
        .allMatch(records -> records == 149);
    assertThat(run.stintBatches()).allMatch(batches -> batches == 2);
  }
}
