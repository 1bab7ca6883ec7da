package dev.plume.internal.accumulator;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.TopicLeaders;
import dev.plume.internal.network.Node;
import dev.plume.internal.partition.BuiltInPartitioner;
import dev.plume.internal.partition.NodeLatencyStats;
import dev.plume.internal.partition.StickyPartition;
import dev.plume.internal.record.RecordBatchBuilder;
import dev.plume.internal.record.RecordBatchLayout;
import dev.plume.internal.record.RecordBatchSplitter;
import dev.plume.producer.Callback;
import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.ProducerClosedException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Per-partition queues of batches. Sending threads {@link #append} records straight into the last
 * open batch of a partition (one short critical section on that partition's queue); the sender
 * thread asks which leaders are {@link #ready}, then {@link #drain}s up to one request's worth of
 * batches per leader.
 *
 * <p>Thread-safety: each partition queue is guarded by its own monitor; topic and queue lookup use
 * concurrent maps; flush and close bookkeeping use atomics. Buffer allocation, which may block,
 * happens outside every queue lock.
 */
public final class RecordAccumulator {

  private final AccumulatorConfig config;
  private final BufferPool pool;
  private final ConcurrentHashMap<String, TopicQueues> topics = new ConcurrentHashMap<>();
  // The same topics as an array, for the sender's scans every round (iterating the map would
  // allocate an iterator each time). Topics are only ever added.
  private volatile TopicQueues[] topicArray = new TopicQueues[0];
  private final Object topicArrayLock = new Object();
  private final Function<String, TopicQueues> newTopicQueues = this::newTopicQueues;
  // The topic of the latest append that changed it: an append to the same topic skips the map's
  // hashing and table walk. Compared with equals, not identity: an application may build its
  // topic name per send, or first send with another String instance of the same name. Written
  // only when the topic changes, so appenders to one topic never write it.
  private volatile TopicQueues lastAppendTopic;
  private final IncompleteBatches incomplete = new IncompleteBatches();
  private final Map<Integer, Integer> drainIndexByNode = new HashMap<>();
  private final AtomicInteger flushesInProgress = new AtomicInteger();
  private final AtomicInteger appendsInProgress = new AtomicInteger();
  // Delivery expiry (see expiredBatches): the sender scans every partition queue only once a
  // queued batch can have expired. nextExpiryScanMs (sender thread) covers the queue heads seen by
  // the last scan; batches queued since then lower oldestQueuedSinceScanMs (the appending thread
  // that opens a batch, the sender when it puts a retry back).
  private long nextExpiryScanMs = Long.MIN_VALUE;
  private final AtomicLong oldestQueuedSinceScanMs = new AtomicLong(Long.MAX_VALUE);
  private final NodeLatencyStats nodeStats;
  private final RecordSlotsPool slotsPool;
  private final BatchPool batchPool;
  private final BatchSealing sealing;
  // The built-in partitioners' random draws; null: ThreadLocalRandom. Tests script it.
  private final IntSupplier partitionRandom;
  private volatile boolean closed;

  /** Appending threads that may compress at once; more would only compete for the cores. */
  static final int MAX_EARLY_SEAL_CONTEXTS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  public RecordAccumulator(AccumulatorConfig config, BufferPool pool) {
    this(config, pool, null);
  }

  /**
   * @param sealContexts makes compression contexts for appending threads, so that the thread that
   *     fills a compressed batch compresses it (at most {@link #MAX_EARLY_SEAL_CONTEXTS} at once);
   *     null: the sender compresses every batch
   */
  public RecordAccumulator(
      AccumulatorConfig config, BufferPool pool, Supplier<CompressionContext> sealContexts) {
    this(config, pool, sealContexts, null);
  }

  /**
   * As above; {@code partitionRandom} (may be null: {@link java.util.concurrent.ThreadLocalRandom})
   * is every topic's sticky partitioner's random source, so tests can script which partition each
   * stint takes.
   */
  RecordAccumulator(
      AccumulatorConfig config,
      BufferPool pool,
      Supplier<CompressionContext> sealContexts,
      IntSupplier partitionRandom) {
    this.config = config;
    this.pool = pool;
    this.partitionRandom = partitionRandom;
    this.sealing =
        sealContexts == null || config.compression() == CompressionType.NONE
            ? BatchSealing.ON_IO_THREAD
            : new SealContextPool(sealContexts, MAX_EARLY_SEAL_CONTEXTS);
    this.nodeStats = new NodeLatencyStats(config.partitionAvailabilityTimeoutMs());
    // As many slot sets as batches can be in memory at once, capped at 256: enough for the
    // batches open and in flight in steady state; beyond that a set is simply allocated. The pool
    // is memory outside buffer.memory, so it stays small (256 x 4,096 slots x 24 B at the worst).
    int maxPooled =
        (int) Math.min(256, pool.totalMemoryBytes() / Math.max(1, config.batchSizeBytes()));
    this.slotsPool = new RecordSlotsPool(maxPooled);
    // The batch objects themselves, with the same bound (about 170 bytes each).
    this.batchPool = new BatchPool(maxPooled);
  }

  /** {@link #append} result flag: the record's batch is full, so the sender may send it now. */
  public static final int BATCH_FULL = 1;

  /** {@link #append} result flag: the record started a new batch. */
  public static final int NEW_BATCH = 2;

  /**
   * {@link #append} result flag: this append made a queue's head batch full (or found that the
   * record did not fit it), the first append to do so for that batch: the batch can go now, so the
   * I/O thread must hear of it. The batch may be in another partition than the one the record went
   * to (the sticky partitioner switched in between). Later appends do not carry this flag (unlike
   * {@link #BATCH_FULL}).
   */
  public static final int FILLED_BATCH = 4;

  private static final int FLAG_BITS = 3;

  /**
   * {@link #append} result when {@code abortOnNewBatch} was set and the record would have opened a
   * new batch: nothing was appended (the caller's partitioner may choose again, then append).
   */
  public static final int ABORTED_FOR_NEW_BATCH = -1;

  /**
   * As {@link #ABORTED_FOR_NEW_BATCH}, and the record found its partition's head batch full: that
   * batch can go now and the I/O thread must hear of it, since the caller's partitioner may send
   * the record to another partition (see {@link #FILLED_BATCH}).
   */
  public static final int ABORTED_AFTER_FILLING_BATCH = -2;

  /**
   * Appends a record. {@code partition} may be -1 to let the topic's sticky partitioner choose
   * among {@code cluster}'s partitions. Blocks at most {@code maxBlockMs} for buffer memory.
   *
   * @return the partition and the {@link #BATCH_FULL} / {@link #NEW_BATCH} flags packed in an int
   *     (so appending allocates nothing): read them with {@link #partitionOf} and {@link #isSet}
   */
  public int append(
      String topic,
      int partition,
      long timestampMs,
      byte[] key,
      byte[] value,
      Header[] headers,
      CompletableFuture<RecordMetadata> future,
      Callback callback,
      long maxBlockMs,
      long nowMs,
      ClusterSnapshot cluster) {
    return append(
        topic,
        partition,
        timestampMs,
        key,
        value,
        headers,
        future,
        callback,
        maxBlockMs,
        nowMs,
        cluster,
        false);
  }

  /**
   * Like {@link #append}; with {@code abortOnNewBatch}, returns {@link #ABORTED_FOR_NEW_BATCH} (or
   * {@link #ABORTED_AFTER_FILLING_BATCH}) instead of opening a new batch, before any memory is
   * allocated. This is the hook of Kafka's (3.x) {@code Partitioner.onNewBatch}: a custom
   * partitioner learns that its partition's batch is full and may pick another one for the record.
   */
  public int append(
      String topic,
      int partition,
      long timestampMs,
      byte[] key,
      byte[] value,
      Header[] headers,
      CompletableFuture<RecordMetadata> future,
      Callback callback,
      long maxBlockMs,
      long nowMs,
      ClusterSnapshot cluster,
      boolean abortOnNewBatch) {
    appendsInProgress.incrementAndGet();
    ByteBuffer buffer = null;
    ProducerBatch filled = null; // a batch this append closed, to compress outside the lock
    int filledGeneration = 0; // which use of that batch object it was, read under the lock
    int filledFlag = 0; // FILLED_BATCH once this append closed a queue's head batch
    try {
      TopicQueues tq = appendTopic(topic);
      while (true) {
        // Keyless records: the topic's sticky partition (KIP-794), re-checked under the lock.
        StickyPartition sticky =
            partition >= 0 ? null : tq.partitioner.peekCurrentPartition(cluster);
        int chosen = sticky == null ? partition : sticky.partition();
        PartitionQueue queue = tq.queue(chosen);
        synchronized (queue) {
          lockedCheckOpen();
          if (tq.partitioner.partitionChangedBeforeAppend(
              sticky, lockedAllBatchesFull(queue), cluster)) {
            continue;
          }
          ProducerBatch last = queue.batches.peekLast();
          int grownBytes =
              last == null
                  ? -1
                  : last.lockedTryAppend(timestampMs, key, value, headers, future, callback);
          if (grownBytes >= 0) {
            // The stint counts what the batch grew by (see BuiltInPartitioner's class doc).
            int result = pack(chosen, lockedAppendFlags(queue, last) | filledFlag);
            tq.partitioner.updatePartitionInfo(
                sticky, grownBytes, cluster, lockedAllBatchesFull(queue));
            return result;
          }
          // The record did not fit, so `last` is full and can go now. Announced here rather than
          // when the next batch opens behind it: the sticky partitioner may switch first (a
          // deferred switch is taken as soon as the last batch is full), or the caller's
          // partitioner when aborting, and the record then opens its batch in another partition's
          // queue; unannounced, this full batch would wait for its linger.ms. Only the queue's head
          // is announced: behind a queued head the sender already has this queue in view (it is
          // waiting for the head's leader, backoff or producer id).
          if (last != null && queue.batches.size() == 1 && last.lockedAnnounceIfFull()) {
            filledFlag = FILLED_BATCH;
          }
          if (abortOnNewBatch) {
            return filledFlag != 0 ? ABORTED_AFTER_FILLING_BATCH : ABORTED_FOR_NEW_BATCH;
          }
          if (last != null && filled == null) {
            filled = last;
            filledGeneration = last.generation();
          }
          if (buffer != null) {
            ProducerBatch batch =
                newBatch(
                    queue.topicPartition,
                    buffer,
                    expectedRecords(buffer.capacity(), key, value),
                    nowMs);
            if (batch.lockedTryAppend(timestampMs, key, value, headers, future, callback) < 0) {
              throw new IllegalStateException(
                  "A record did not fit a buffer sized for it: " + buffer.capacity() + " bytes");
            }
            buffer = null;
            queue.batches.addLast(batch);
            queue.lockedCountBatches();
            incomplete.add(batch);
            noteQueued(batch.createdMs());
            // A new batch counts whole, its header included: the stint grew by that much.
            tq.partitioner.updatePartitionInfo(
                sticky, batch.estimatedSizeBytes(), cluster, lockedAllBatchesFull(queue));
            // A record as large as a batch, alone in its queue.
            boolean announce = queue.batches.size() == 1 && batch.lockedAnnounceIfFull();
            return pack(
                chosen,
                NEW_BATCH
                    | (queue.batches.size() > 1 || batch.lockedIsFull() ? BATCH_FULL : 0)
                    | (announce ? FILLED_BATCH : 0)
                    | filledFlag);
          }
        }
        // No room: allocate outside the lock (this may block), then try again.
        int needed =
            Math.max(
                config.batchSizeBytes(),
                RecordBatchBuilder.estimateSizeInBytes(
                    key == null ? -1 : key.length, value == null ? -1 : value.length, headers));
        buffer = pool.allocate(needed, maxBlockMs);
      }
    } finally {
      if (buffer != null) {
        pool.deallocate(buffer);
      }
      if (filled != null) {
        sealing.batchFilled(filled, filledGeneration);
      }
      appendsInProgress.decrementAndGet();
    }
  }

  /** A batch for new records: a pooled one when there is one, else a new one. */
  private ProducerBatch newBatch(
      TopicPartition tp, ByteBuffer buffer, int expectedRecords, long nowMs) {
    ProducerBatch batch = batchPool.poll();
    if (batch == null) {
      return new ProducerBatch(
          tp,
          buffer,
          config.compression(),
          config.transactional(),
          slotsPool,
          expectedRecords,
          nowMs);
    }
    batch.reuse(tp, buffer, config.compression(), config.transactional(), expectedRecords, nowMs);
    return batch;
  }

  /** The topic's queues (created on its first record); topics are never removed. */
  private TopicQueues appendTopic(String topic) {
    TopicQueues last = lastAppendTopic;
    if (last != null && last.topic.equals(topic)) {
      return last;
    }
    TopicQueues tq = topics.get(topic);
    if (tq == null) {
      tq = topics.computeIfAbsent(topic, newTopicQueues);
    }
    lastAppendTopic = tq;
    return tq;
  }

  private static int pack(int partition, int flags) {
    return (partition << FLAG_BITS) | flags;
  }

  /** The partition an {@link #append} result names. */
  public static int partitionOf(int appendResult) {
    return appendResult >>> FLAG_BITS;
  }

  /**
   * When the batch an {@link #append} touched becomes sendable, as far as the appending thread can
   * tell: {@code nowMs} for a batch it filled (or with linger.ms 0, or adaptive batching, where an
   * idle leader takes a new batch at once), {@code nowMs + linger.ms} for a new batch, and {@link
   * Long#MAX_VALUE} for an append to an open batch, which changes nothing the sender waits for.
   */
  public long readyAtMs(int appendResult, long nowMs) {
    if (isSet(appendResult, FILLED_BATCH)) {
      return nowMs;
    }
    if (!isSet(appendResult, NEW_BATCH)) {
      return Long.MAX_VALUE;
    }
    return config.adaptiveBatching() ? nowMs : nowMs + Math.max(0, config.lingerMs());
  }

  /**
   * Whether an {@link #append} result has {@code flag} ({@link #BATCH_FULL}, {@link #NEW_BATCH}).
   */
  public static boolean isSet(int appendResult, int flag) {
    return (appendResult & flag) != 0;
  }

  private static boolean lockedAllBatchesFull(PartitionQueue queue) {
    ProducerBatch last = queue.batches.peekLast();
    return last == null || last.lockedIsFull();
  }

  /** How many records like this one fit the batch buffer (small records: ~6 bytes overhead). */
  private static int expectedRecords(int bufferBytes, byte[] key, byte[] value) {
    return bufferBytes / (sizeOf(key, value) + 6) + 1;
  }

  private static int sizeOf(byte[] key, byte[] value) {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }

  /** The result flags of an append that went into {@code last}, the queue's last batch. */
  private static int lockedAppendFlags(PartitionQueue queue, ProducerBatch last) {
    return (queue.batches.size() > 1 || last.lockedIsFull() ? BATCH_FULL : 0)
        | (queue.batches.size() == 1 && last.lockedAnnounceIfFull() ? FILLED_BATCH : 0);
  }

  private void lockedCheckOpen() {
    if (closed) {
      throw new ProducerClosedException("Producer is closed; the record was not sent");
    }
  }

  /** Leaders that have a batch ready to send: full, lingered, retry backoff over, or flushing. */
  public ReadyCheckResult ready(ClusterSnapshot cluster, long nowMs) {
    return ready(cluster, nowMs, ALWAYS_BUSY);
  }

  private static final IntPredicate ALWAYS_BUSY = nodeId -> true;

  /** {@link #ready}'s result list, refilled by each call (only the sender thread calls it). */
  private final List<Node> readyNodesScratch = new ArrayList<>();

  /** {@link #ready}'s result, refilled by each call. */
  private final ReadyCheckResult readyResult = new ReadyCheckResult(readyNodesScratch);

  /**
   * As {@link #ready(ClusterSnapshot, long)}; with adaptive batching, a batch whose leader has no
   * request in flight ({@code leaderBusy} false) is ready before linger.ms.
   */
  public ReadyCheckResult ready(ClusterSnapshot cluster, long nowMs, IntPredicate leaderBusy) {
    return ready(cluster, nowMs, leaderBusy, ALWAYS_DRAINABLE);
  }

  private static final Predicate<ProducerBatch> ALWAYS_DRAINABLE = batch -> true;

  /**
   * As {@link #ready(ClusterSnapshot, long, IntPredicate)}; a queue head that {@code drainableNow}
   * refuses (idempotence holds it back until an earlier batch of its partition is answered) does
   * not make its leader ready. Otherwise such a head, full or lingered, would make the leader ready
   * every round while the drain can take nothing of it: each round would then drain the other
   * partitions' batches as they open, a few records each, and fill the in-flight slots with small
   * requests. The hold ends with a response, which ends the sender's poll anyway.
   */
  public ReadyCheckResult ready(
      ClusterSnapshot cluster,
      long nowMs,
      IntPredicate leaderBusy,
      Predicate<ProducerBatch> drainableNow) {
    // One caller (the sender thread): the result's node list is reused by the next call.
    // The ready leaders go into a list kept across rounds (a handful of nodes: a linear contains is
    // cheaper than hashing, and nothing is allocated per round). Unknown leaders are rare: that
    // set is allocated on first use.
    List<Node> readyNodes = readyNodesScratch;
    readyNodes.clear();
    Set<String> unknownLeaderTopics = Set.of();
    long nextDelayMs = Long.MAX_VALUE;
    boolean exhausted = pool.waitingThreads() > 0;
    boolean flushing = flushesInProgress.get() > 0 || closed;
    for (TopicQueues tq : topicArray) {
      // One lookup per topic, then an array index per partition.
      TopicLeaders leaders = cluster.leaders(tq.topic);
      PartitionQueue[] qs = tq.queues();
      // Adaptive partitioning's queue sizes are gathered in this same pass (one lock per queue
      // per round, not two).
      int loadCount = loadStatsPartitionCount(tq, leaders, qs);
      if (tq.nonEmptyQueues.get() == 0 && !nodeStats.enabled()) {
        // Nothing queued for the topic: no leader is ready through it, and its load stats would
        // be all zeros, which weigh every partition with a leader alike, as no stats do. A pass
        // over its queues would cost O(partitions) every round for an idle topic (the benchmark's
        // rate window runs beside two idle topics of 1,000 partitions). With node exclusion on,
        // the full pass below leaves excluded leaders out instead.
        if (loadCount > 0 && tq.partitioner.hasLoadStats()) {
          tq.partitioner.updatePartitionLoadStats(null, null, 0);
        }
        continue;
      }
      int loadLength = 0;
      for (PartitionQueue queue : qs) {
        ProducerBatch first = null;
        boolean full = false;
        int queued = 0;
        // Most queues are empty at any moment (a sticky partitioner fills one at a time): their
        // count says so without taking their lock.
        if (queue.batchCount != 0) {
          synchronized (queue) {
            first = queue.batches.peekFirst();
            queued = queue.batches.size();
            full = queued > 1 || (first != null && first.lockedIsFull());
          }
        }
        Node leader = leaders.leader(queue.partition);
        if (queue.partition < loadCount && leader != null && !nodeStats.isExcluded(leader.id())) {
          tq.loadSizesScratch[loadLength] = queued;
          tq.loadIdsScratch[loadLength++] = queue.partition;
        }
        if (first == null) {
          continue;
        }
        if (leader == null) {
          if (unknownLeaderTopics.isEmpty()) {
            unknownLeaderTopics = new HashSet<>();
          }
          unknownLeaderTopics.add(tq.topic);
          continue;
        }
        if (readyNodes.contains(leader)) {
          continue;
        }
        long backoffLeftMs = first.attempts() > 0 ? first.retryBackoffEndMs() - nowMs : 0;
        if (backoffLeftMs > 0) {
          nextDelayMs = Math.min(nextDelayMs, backoffLeftMs);
          continue;
        }
        // A retry goes as soon as its backoff is over: it lingered before its first attempt.
        long lingerLeftMs =
            first.attempts() > 0 ? 0 : config.lingerMs() - (nowMs - first.createdMs());
        if (full
            || lingerLeftMs <= 0
            || exhausted
            || flushing
            || (config.adaptiveBatching() && !leaderBusy.test(leader.id()))) {
          if (!mayBeHeldBack(queue, first) || drainableNow.test(first)) {
            readyNodes.add(leader);
          }
        } else {
          nextDelayMs = Math.min(nextDelayMs, lingerLeftMs);
        }
      }
      if (loadCount > 0) {
        tq.partitioner.updatePartitionLoadStats(tq.loadSizesScratch, tq.loadIdsScratch, loadLength);
      }
    }
    readyResult.set(nextDelayMs, unknownLeaderTopics);
    return readyResult;
  }

  /**
   * Whether idempotence may hold {@code head} back: it was sent before, or the partition's last
   * drained batch has no outcome yet. Otherwise its chain lets it go, and {@link #ready} skips the
   * sender's check (a lookup per partition: with a backlog over 1,000 partitions, thousands per
   * round). A wrong "maybe" only costs that check; a wrong "no" only makes the leader ready early.
   */
  private static boolean mayBeHeldBack(PartitionQueue queue, ProducerBatch head) {
    if (head.attempts() > 0 || head.hasSequence()) {
      return true;
    }
    ProducerBatch last = queue.lastDrained;
    if (last == null) {
      return false;
    }
    if (last.isDone()) {
      queue.lastDrained = null; // lets the batch go
      return false;
    }
    return true;
  }

  /**
   * Adaptive partitioning: weights the topic's next sticky choice towards shorter queues, leaving
   * out partitions whose leader has not been drainable for partitioner.availability.timeout.ms.
   * Only once the topic has a queue for every partition, as in Kafka.
   *
   * @return the topic's partition count when {@link #ready} should gather the queue sizes into the
   *     topic's scratch arrays (sized here) this round, else 0
   */
  private int loadStatsPartitionCount(TopicQueues tq, TopicLeaders leaders, PartitionQueue[] qs) {
    int count = leaders.partitionCount();
    if (!config.adaptivePartitioning() || count < 2 || qs.length < count) {
      return 0;
    }
    // Scratch arrays of exactly the partition count (the partitioner copies what it keeps);
    // only the sender thread runs this.
    if (tq.loadSizesScratch.length != count) {
      tq.loadSizesScratch = new int[count];
      tq.loadIdsScratch = new int[count];
    }
    return count;
  }

  /**
   * Tells the availability tracking whether a leader with ready data could take a request now
   * (partitioner.availability.timeout.ms).
   */
  public void updateNodeLatencyStats(int nodeId, long nowMs, boolean canDrain) {
    nodeStats.update(nodeId, nowMs, canDrain);
  }

  /**
   * Takes, for one leader, the first batch of each of its partitions (rotating the start for
   * fairness) until {@code maxRequestSizeBytes} would be exceeded; the first batch is always taken.
   * {@code mayDrain} lets idempotence hold back a partition whose ordering is at risk.
   */
  public List<ProducerBatch> drain(
      ClusterSnapshot cluster,
      Node node,
      int maxRequestSizeBytes,
      Predicate<ProducerBatch> mayDrain,
      long nowMs) {
    List<ProducerBatch> drained = new ArrayList<>();
    drainInto(cluster, node, maxRequestSizeBytes, mayDrain, nowMs, drained);
    return drained;
  }

  /** As {@link #drain}, appending to {@code drained} (the sender reuses one list every round). */
  public void drainInto(
      ClusterSnapshot cluster,
      Node node,
      int maxRequestSizeBytes,
      Predicate<ProducerBatch> mayDrain,
      long nowMs,
      List<ProducerBatch> drained) {
    List<TopicPartition> partitions = cluster.partitionsForNode(node.id());
    if (partitions.isEmpty()) {
      return;
    }
    int drainedBefore = drained.size();
    int sizeBytes = 0;
    int start = drainIndexByNode.getOrDefault(node.id(), 0) % partitions.size();
    // Where the next drain starts: the partition that did not fit this request, else the one
    // after this drain's start, so every partition gets to go first in turn.
    int nextStart = (start + 1) % partitions.size();
    int i = start;
    // The node's partitions come grouped by topic: look a topic's queues up once per run of it.
    TopicQueues tq = null;
    String tqTopic = null;
    do {
      int current = i;
      TopicPartition tp = partitions.get(i);
      i = (i + 1) % partitions.size();
      if (tqTopic == null || !tqTopic.equals(tp.topic())) {
        tqTopic = tp.topic();
        tq = topics.get(tqTopic);
      }
      if (tq == null || tq.nonEmptyQueues.get() == 0) {
        continue; // nothing queued for the topic: no need to look at its queues one by one
      }
      PartitionQueue queue = tq.existingQueue(tp.partition());
      if (queue == null || queue.batchCount == 0) {
        continue;
      }
      synchronized (queue) {
        ProducerBatch first = queue.batches.peekFirst();
        if (first == null) {
          continue;
        }
        if (first.attempts() > 0 && first.retryBackoffEndMs() > nowMs) {
          continue;
        }
        if (drained.size() > drainedBefore
            && sizeBytes + first.estimatedSizeBytes() > maxRequestSizeBytes) {
          nextStart = current;
          break;
        }
        if (!mayDrain.test(first)) {
          continue;
        }
        queue.batches.pollFirst();
        queue.lockedCountBatches();
        first.onDrained(nowMs);
        sizeBytes += first.estimatedSizeBytes();
        drained.add(first);
        queue.lastDrained = first;
      }
    } while (i != start);
    drainIndexByNode.put(node.id(), nextStart);
  }

  private TopicQueues newTopicQueues(String topic) {
    TopicQueues tq = new TopicQueues(topic);
    // Called once per topic, inside the map's computeIfAbsent; topics of other keys may be added
    // concurrently.
    synchronized (topicArrayLock) {
      TopicQueues[] grown = Arrays.copyOf(topicArray, topicArray.length + 1);
      grown[grown.length - 1] = tq;
      topicArray = grown;
    }
    return tq;
  }

  /**
   * Puts a batch back for another attempt, ahead of newer batches of its partition; batches with
   * sequence numbers are kept in sequence order.
   *
   * <p>Its backoff (KIP-580, with the random factor) is drawn here, once per retry: batches of
   * different partitions that failed in one response then become ready at different times and leave
   * in different requests, so one more lost answer does not take them all again. Within a partition
   * the random factor cannot reorder anything: only a queue's first batch is ever checked for
   * readiness or drained, and the batches behind it wait for it whatever their own backoff.
   */
  public void reenqueue(ProducerBatch batch, long nowMs) {
    batch.onRetry(nowMs, config.retryBackoff().backoffMs(batch.attempts() + 1));
    PartitionQueue queue =
        topics
            .computeIfAbsent(batch.topicPartition().topic(), newTopicQueues)
            .queue(batch.topicPartition().partition());
    noteQueued(batch.createdMs());
    synchronized (queue) {
      lockedRequeueAtHead(queue, List.of(batch)); // a retry, not the steady state
    }
  }

  /**
   * Puts {@code batches} (one partition's, in order) back at the head of {@code queue}: before
   * everything when they have no sequence numbers, else before the first queued batch with no
   * sequence or a later one, so that the queue's first batch is always its oldest sequence.
   */
  private static void lockedRequeueAtHead(PartitionQueue queue, List<ProducerBatch> batches) {
    ProducerBatch first = batches.get(0);
    if (!first.hasSequence()) {
      for (int i = batches.size() - 1; i >= 0; i--) {
        queue.batches.addFirst(batches.get(i));
      }
      queue.lockedCountBatches();
      return;
    }
    ArrayDeque<ProducerBatch> reordered = new ArrayDeque<>(queue.batches.size() + batches.size());
    boolean inserted = false;
    for (ProducerBatch b : queue.batches) {
      if (!inserted && (!b.hasSequence() || b.baseSequence() > first.baseSequence())) {
        reordered.addAll(batches);
        inserted = true;
      }
      reordered.addLast(b);
    }
    if (!inserted) {
      reordered.addAll(batches);
    }
    queue.batches.clear();
    queue.batches.addAll(reordered);
    queue.lockedCountBatches();
  }

  /**
   * Forgets the producer state of the partition's queued batches, so they are stamped afresh when
   * next drained (after their partition's sequence chain restarted under a new epoch).
   *
   * @return how many batches had a sequence
   */
  public int resetProducerState(TopicPartition tp) {
    TopicQueues tq = topics.get(tp.topic());
    PartitionQueue queue = tq == null ? null : tq.existingQueue(tp.partition());
    if (queue == null) {
      return 0;
    }
    int reset = 0;
    synchronized (queue) {
      for (ProducerBatch b : queue.batches) {
        if (b.hasSequence()) {
          b.resetProducerState();
          reset++;
        }
      }
    }
    return reset;
  }

  /**
   * Removes and returns queued batches whose delivery timeout has passed (sender thread). Called
   * every round, but scans the partition queues only once a batch can have expired: the oldest
   * queue head of the last scan, or a batch queued since, is delivery.timeout.ms old. Otherwise a
   * round would lock every partition queue for nothing (1,000 partitions: 1,000 locks per round).
   */
  public List<ProducerBatch> expiredBatches(long nowMs) {
    long timeoutMs = config.deliveryTimeoutMs();
    long oldestNewMs = oldestQueuedSinceScanMs.get();
    if (nowMs < nextExpiryScanMs
        && (oldestNewMs == Long.MAX_VALUE || nowMs - oldestNewMs < timeoutMs)) {
      return List.of();
    }
    // Reset before the scan: a batch queued during it either lowers the mark again or is seen by
    // the scan itself.
    oldestQueuedSinceScanMs.set(Long.MAX_VALUE);
    List<ProducerBatch> expired = List.of(); // allocated on the first expiry
    long oldestHeadMs = Long.MAX_VALUE;
    for (TopicQueues tq : topicArray) {
      for (PartitionQueue queue : tq.queues()) {
        synchronized (queue) {
          ProducerBatch b;
          // Oldest first: stop at the first batch still within its delivery timeout.
          while ((b = queue.batches.peekFirst()) != null && nowMs - b.createdMs() >= timeoutMs) {
            queue.batches.pollFirst();
            queue.lockedCountBatches();
            if (expired.isEmpty()) {
              expired = new ArrayList<>();
            }
            expired.add(b);
          }
          if (b != null) {
            oldestHeadMs = Math.min(oldestHeadMs, b.createdMs());
          }
        }
      }
    }
    nextExpiryScanMs =
        oldestHeadMs == Long.MAX_VALUE ? Long.MAX_VALUE : saturatedAdd(oldestHeadMs, timeoutMs);
    return expired;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * A batch created at {@code createdMs} was queued: the next expiry scan must come no later than
   * its delivery timeout. Opening a batch costs one volatile read here once the mark is older.
   */
  private void noteQueued(long createdMs) {
    long current;
    while (createdMs < (current = oldestQueuedSinceScanMs.get())
        && !oldestQueuedSinceScanMs.compareAndSet(current, createdMs)) {
      // another thread moved the mark: compare again
    }
  }

  /**
   * Returns the batch's buffer to the pool; call once the batch can no longer be read. Only the
   * first call per batch returns memory: a batch can be finished twice (e.g. failed on a forced
   * close, then its request completes as disconnected), and a buffer pooled twice would be handed
   * to two batches.
   */
  public void deallocate(ProducerBatch batch) {
    if (incomplete.remove(batch) && batch.pooled()) {
      // A batch failed while queued (expiry, abort) may be being compressed by the appending
      // thread that filled it: the buffer is pooled again only once nothing can write into it.
      batch.forbidSealing();
      pool.deallocate(batch.buffer());
    }
  }

  /**
   * The end of a done batch: its buffer goes back as in {@link #deallocate}, and the batch object
   * to the batch pool for reuse if it can be reused ({@link ProducerBatch#reusable}: drained,
   * completed, not split). This is the one place a batch is pooled: the caller must hold no
   * reference to it afterwards (a request slot, that still lists it, checks its generation).
   *
   * <p>{@code generation} names the use being released (its {@link ProducerBatch#generation} when
   * the caller got hold of the batch). Only the first call for that use does anything: a call for
   * an older use finds the object in a later generation (pooled, or serving other records) and
   * leaves it alone. The object alone cannot tell: once reused, it is incomplete again, and
   * releasing it would free the buffer its new records are in and pool it a second time.
   */
  public void release(ProducerBatch batch, int generation) {
    // Only this (the sender) thread releases, and only a release starts a new generation: the
    // check cannot race with one.
    if (batch.generation() != generation) {
      return;
    }
    if (incomplete.remove(batch)) {
      if (batch.pooled()) {
        batch.forbidSealing();
        pool.deallocate(batch.buffer());
      }
      if (batch.reusable()) {
        batchPool.release(batch);
      }
    }
  }

  /** Splits a batch that the broker found too large into batches of at most batch.size. */
  public List<ProducerBatch> split(ProducerBatch batch, CompressionContext context) {
    ByteBuffer sealed = batch.sealedOrNull();
    if (sealed == null) {
      throw new IllegalStateException("Only a sent (sealed) batch can be split: " + batch);
    }
    // The broker refused a batch of at most batch.size, so pieces of batch.size would rebuild the
    // same batch and loop forever: pieces of at most half the refused size always make progress.
    // The splitter's limit counts uncompressed bytes, so halve the uncompressed size when known
    // (else a well-compressed batch would be cut into many tiny pieces).
    int refusedBytes = Math.max(sealed.remaining(), batch.uncompressedSizeBytes());
    int limitBytes =
        Math.max(
            RecordBatchLayout.HEADER_SIZE, Math.min(config.batchSizeBytes(), refusedBytes / 2));
    List<ByteBuffer> parts =
        RecordBatchSplitter.split(sealed, limitBytes, config.compression(), context);
    List<ProducerBatch> pieces = new ArrayList<>(parts.size());
    int from = 0;
    for (ByteBuffer part : parts) {
      int count = part.getInt(part.position() + 57);
      pieces.add(new ProducerBatch(batch, part, from, count));
      from += count;
    }
    for (ProducerBatch piece : pieces) {
      incomplete.add(piece);
    }
    batch.doneWhenPiecesDone(pieces);
    return pieces;
  }

  /**
   * Re-queues split pieces at the head of their partition, in order; pieces with sequence numbers
   * go, like {@link #reenqueue}d batches, before the first queued batch with no sequence or a later
   * one. With several requests of a partition in flight, each of their batches may come back as too
   * large and be split: the pieces of a later batch must not get ahead of an earlier batch's, or
   * the partition's first batch would never be its oldest sequence and could never go again.
   */
  public void reenqueueSplit(List<ProducerBatch> pieces) {
    if (pieces.isEmpty()) {
      return;
    }
    ProducerBatch first = pieces.get(0);
    TopicPartition tp = first.topicPartition();
    PartitionQueue queue = topics.computeIfAbsent(tp.topic(), newTopicQueues).queue(tp.partition());
    synchronized (queue) {
      for (ProducerBatch piece : pieces) {
        noteQueued(piece.createdMs());
      }
      lockedRequeueAtHead(queue, pieces);
    }
  }

  public void beginFlush() {
    flushesInProgress.incrementAndGet();
  }

  public void endFlush() {
    flushesInProgress.decrementAndGet();
  }

  /**
   * The uses of batches not yet completed now; a flush waits on their {@link
   * ProducerBatch.Use#doneFuture}, which ignores later uses of the same pooled object.
   */
  public List<ProducerBatch.Use> incompleteUses() {
    return incomplete.uses();
  }

  /** The batches not yet completed now (closing fails them). */
  public List<ProducerBatch> incompleteBatches() {
    return incomplete.snapshot();
  }

  public boolean hasIncomplete() {
    return !incomplete.isEmpty();
  }

  /** Whether any batch is queued (not counting batches in flight). */
  public boolean hasQueued() {
    for (TopicQueues tq : topics.values()) {
      for (PartitionQueue queue : tq.queues()) {
        synchronized (queue) {
          if (!queue.batches.isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Appends that have entered but not left {@link #append}. */
  public boolean appendsInProgress() {
    return appendsInProgress.get() > 0;
  }

  /** Stops new appends; queued batches stay for a graceful drain. */
  public void close() {
    closed = true;
  }

  /** Frees the appending threads' compression contexts; call after the sender stopped. */
  public void releaseResources() {
    sealing.close();
  }

  /** Removes every queued batch and fails it (forced close, fatal error). */
  public List<ProducerBatch> abortQueued(RuntimeException error) {
    List<ProducerBatch> aborted = new ArrayList<>();
    for (TopicQueues tq : topics.values()) {
      for (PartitionQueue queue : tq.queues()) {
        synchronized (queue) {
          aborted.addAll(queue.batches);
          queue.batches.clear();
          queue.lockedCountBatches();
        }
      }
    }
    for (ProducerBatch b : aborted) {
      b.completeExceptionally(error);
      deallocate(b);
    }
    return aborted;
  }

  /** How many of the topic's partition queues hold a batch (for tests). */
  int nonEmptyQueues(String topic) {
    TopicQueues tq = topics.get(topic);
    return tq == null ? 0 : tq.nonEmptyQueues.get();
  }

  /** Whether the topic's sticky partitioner has adaptive load stats in effect (for tests). */
  boolean hasLoadStats(String topic) {
    TopicQueues tq = topics.get(topic);
    return tq != null && tq.partitioner.hasLoadStats();
  }

  /** Batch objects waiting for reuse (for tests). */
  int pooledBatches() {
    return batchPool.pooledCount();
  }

  /** Per-record slot sets waiting for reuse (for tests). */
  int pooledSlotSets() {
    return slotsPool.pooledCount();
  }

  /** Number of queued batches per partition of a topic (for adaptive partitioning and tests). */
  public int queuedBatches(TopicPartition tp) {
    TopicQueues tq = topics.get(tp.topic());
    PartitionQueue q = tq == null ? null : tq.existingQueue(tp.partition());
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      return q.batches.size();
    }
  }

  /** One partition's queue; its monitor guards {@link #batches}. */
  static final class PartitionQueue {
    final int partition;
    final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();

    /** The batch drained last (sender thread only): see mayBeHeldBack. */
    ProducerBatch lastDrained;

    /**
     * {@code batches.size()}, readable without the lock: the sender's scans skip empty queues on
     * it. Written under the lock after every change of {@link #batches}; a scan that reads a stale
     * 0 misses a batch just queued, as it would had it taken the lock a moment earlier (the
     * appender's wake-up or the next round finds it).
     */
    volatile int batchCount;

    /** The topic's count of queues with a batch, which this queue keeps up to date. */
    private final AtomicInteger topicNonEmptyQueues;

    void lockedCountBatches() {
      int count = batches.size();
      // Only an empty queue getting its first batch, or giving up its last, touches the topic's
      // count: once per batch at most, not per record.
      if ((count == 0) != (batchCount == 0)) {
        topicNonEmptyQueues.addAndGet(count == 0 ? -1 : 1);
      }
      batchCount = count;
    }

    /** Every batch of the queue names this one (no TopicPartition per batch). */
    final TopicPartition topicPartition;

    PartitionQueue(String topic, int partition, AtomicInteger topicNonEmptyQueues) {
      this.partition = partition;
      this.topicPartition = new TopicPartition(topic, partition);
      this.topicNonEmptyQueues = topicNonEmptyQueues;
    }
  }

  /** One topic's queues and its built-in (sticky, adaptive) partitioner. */
  final class TopicQueues {
    final String topic;
    final BuiltInPartitioner partitioner;
    private volatile PartitionQueue[] queues = new PartitionQueue[0];

    /**
     * How many of the queues hold a batch (each queue updates it under its own lock): the sender's
     * ready pass skips a topic with none without visiting its queues, one by one, every round.
     */
    final AtomicInteger nonEmptyQueues = new AtomicInteger();

    // Sender thread only: see loadStatsPartitionCount.
    int[] loadSizesScratch = new int[0];
    int[] loadIdsScratch = new int[0];

    TopicQueues(String topic) {
      this.topic = topic;
      this.partitioner =
          partitionRandom == null
              ? new BuiltInPartitioner(topic, config.batchSizeBytes())
              : new BuiltInPartitioner(topic, config.batchSizeBytes(), partitionRandom);
    }

    PartitionQueue[] queues() {
      return queues;
    }

    PartitionQueue existingQueue(int partition) {
      PartitionQueue[] qs = queues;
      return partition < qs.length ? qs[partition] : null;
    }

    PartitionQueue queue(int partition) {
      PartitionQueue q = existingQueue(partition);
      if (q != null) {
        return q;
      }
      synchronized (this) {
        PartitionQueue[] qs = queues;
        if (partition >= qs.length) {
          PartitionQueue[] grown = Arrays.copyOf(qs, partition + 1);
          for (int i = qs.length; i < grown.length; i++) {
            grown[i] = new PartitionQueue(topic, i, nonEmptyQueues);
          }
          queues = grown;
          qs = grown;
        }
        return qs[partition];
      }
    }
  }
}
