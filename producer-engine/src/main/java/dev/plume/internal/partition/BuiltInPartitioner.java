package dev.plume.internal.partition;

import dev.plume.producer.Cluster;
import dev.plume.producer.PartitionInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The built-in partitioning of keyless records for one topic (KIP-794 "uniform sticky"): every
 * keyless record goes to the current sticky partition until about one batch worth of bytes has been
 * appended to it, then a new partition is drawn, uniformly among partitions with a leader or, when
 * {@linkplain #updatePartitionLoadStats load stats} are set, weighted towards partitions with
 * shorter queues.
 *
 * <h2>Protocol for the accumulator</h2>
 *
 * <pre>{@code
 * StickyPartition sticky = partitioner.peekCurrentPartition(cluster);   // lock-free
 * Deque queue = queueFor(sticky.partition());
 * synchronized (queue) {
 *   // Switched by another thread meanwhile, or a deferred switch is now possible: start over.
 *   if (partitioner.partitionChangedBeforeAppend(sticky, allBatchesFull(queue), cluster)) continue;
 *   appendedBytes = append(queue, record);   // how much the queue's batches grew, see below
 *   partitioner.updatePartitionInfo(sticky, appendedBytes, cluster, allBatchesFull(queue));
 * }
 * // allBatchesFull(queue): queue.peekLast() == null || queue.peekLast().isFull()
 * }</pre>
 *
 * <h2>What a stint counts</h2>
 *
 * The bytes passed as {@code appendedBytes} are what the batches grew by, measured the way the
 * batch measures itself to decide it is full, as in Kafka: for a record appended to an open batch,
 * the batch's size after minus before (the encoded record: length, attributes, timestamp and offset
 * deltas, key, value and headers); for the first record of a new batch, the new batch's whole size,
 * its 61-byte header included. Plume's batches fill on uncompressed bytes (compression happens when
 * the batch is sealed), so with compression the count is uncompressed too. Counting key and value
 * bytes only would count about 10% less than a batch holds for 100-byte records, so a stint would
 * reach {@code batch.size} only well into its second batch and, that batch being open, run on to
 * the end of it.
 *
 * <p>A switch happens once the stint has {@code >= batch.size} bytes and the caller allows it (its
 * partition's last batch is full, so the switch lands on a batch boundary), or unconditionally at
 * {@code >= 2 x batch.size}. A switch the caller did not allow is completed at the start of a later
 * append of the same stint, once the last batch is full ({@link #partitionChangedBeforeAppend}).
 *
 * <h2>Thread-safety</h2>
 *
 * Every method may be called from any thread at any time.
 *
 * <ul>
 *   <li>{@link #peekCurrentPartition} and {@link #isPartitionChanged} are one volatile read on the
 *       fast path (the very first call initialises the stint with a compare-and-set).
 *   <li>{@link #updatePartitionInfo} adds bytes atomically and switches with a compare-and-set from
 *       the caller's stint to a new one, so concurrent callers switch a stint at most once, and a
 *       caller holding a stale stint never switches the new one. Callers that want switches aligned
 *       with batch boundaries (the {@code enableSwitch} decision consistent with the queue) call
 *       it, as above, under the lock of the stint's partition queue, after checking {@link
 *       #partitionChangedBeforeAppend} under that same lock; then every retired stint holds the
 *       bytes of whole batches only.
 *   <li>{@link #updatePartitionLoadStats} (normally the sender thread) publishes an immutable
 *       snapshot through a volatile field; it neither modifies nor keeps the caller's arrays, and
 *       it allocates nothing when the weights did not change.
 * </ul>
 *
 * The only allocations are one {@link StickyPartition} per switch and a new load-stats snapshot
 * when the weights change; {@link #nextPartition} asks the {@link Cluster} for the available
 * partitions when no load stats are set.
 */
public final class BuiltInPartitioner {

  private final String topic;
  private final int stickyBatchSizeBytes;
  private final IntSupplier randomSource;
  private final AtomicReference<StickyPartition> current = new AtomicReference<>();
  private volatile LoadStats loadStats;

  /** A partitioner drawing from {@link ThreadLocalRandom}. */
  public BuiltInPartitioner(String topic, int batchSizeBytes) {
    this(topic, batchSizeBytes, () -> ThreadLocalRandom.current().nextInt());
  }

  /**
   * @param batchSizeBytes {@code batch.size}; values below 1 are treated as 1, as in Kafka
   * @param randomSource any int; it is made non-negative with {@link Murmur2#toPositive}. Must be
   *     thread-safe when appends run concurrently. Tests inject a scripted sequence.
   */
  public BuiltInPartitioner(String topic, int batchSizeBytes, IntSupplier randomSource) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.stickyBatchSizeBytes = Math.max(1, batchSizeBytes);
    this.randomSource = Objects.requireNonNull(randomSource, "randomSource");
  }

  public String topic() {
    return topic;
  }

  /** {@code max(1, batch.size)}: the bytes after which a switch is allowed. */
  public int stickyBatchSizeBytes() {
    return stickyBatchSizeBytes;
  }

  /**
   * The current stint, choosing the first one if there is none yet.
   *
   * @throws IllegalStateException when the cluster knows no partition of the topic (callers wait
   *     for metadata first)
   */
  public StickyPartition peekCurrentPartition(Cluster cluster) {
    StickyPartition sticky = current.get();
    if (sticky != null) {
      return sticky;
    }
    StickyPartition first = new StickyPartition(nextPartition(cluster));
    // Several threads may race to initialise; the first one wins and all use its stint.
    return current.compareAndSet(null, first) ? first : current.get();
  }

  /** True when {@code observed} is no longer the current stint (another append switched). */
  public boolean isPartitionChanged(StickyPartition observed) {
    return observed != null && current.get() != observed;
  }

  /**
   * The check to make under the queue lock before appending to {@code observed}'s partition: true
   * when another thread switched meanwhile, or when a switch deferred earlier (the stint reached
   * {@code batch.size} while its last batch was incomplete) is taken now because {@code
   * allBatchesFull}. On true, the caller starts over with {@link #peekCurrentPartition}.
   *
   * @param observed the stint returned by {@link #peekCurrentPartition}, or null when the record's
   *     partition was not chosen by this partitioner (then the result is false)
   */
  public boolean partitionChangedBeforeAppend(
      StickyPartition observed, boolean allBatchesFull, Cluster cluster) {
    if (observed == null) {
      return false;
    }
    if (isPartitionChanged(observed)) {
      return true;
    }
    if (allBatchesFull) {
      updatePartitionInfo(observed, 0, cluster, true);
    }
    return isPartitionChanged(observed);
  }

  /**
   * Records {@code appendedBytes} appended to {@code observed}'s partition (the batch growth, see
   * the class doc) and switches to a new stint when the thresholds are reached.
   *
   * @param observed the stint returned by {@link #peekCurrentPartition}, or null when the record's
   *     partition was not chosen by this partitioner (then nothing happens)
   * @param enableSwitch whether the partition's last batch is full (no incomplete batch), i.e.
   *     whether switching now lands on a batch boundary
   * @return true when this call switched to a new stint
   */
  public boolean updatePartitionInfo(
      StickyPartition observed, int appendedBytes, Cluster cluster, boolean enableSwitch) {
    if (observed == null) {
      return false;
    }
    long producedBytes = observed.addProducedBytes(appendedBytes);
    boolean due =
        producedBytes >= 2L * stickyBatchSizeBytes
            || (enableSwitch && producedBytes >= stickyBatchSizeBytes);
    if (!due || current.get() != observed) {
      return false;
    }
    StickyPartition next = new StickyPartition(nextPartition(cluster));
    return current.compareAndSet(observed, next);
  }

  /**
   * Sets the weights for adaptive partitioning, or clears them.
   *
   * <p>Both arrays are sized to the topic's partition count; the first {@code length} entries
   * describe the partitions that have a leader and were not excluded by the availability timeout
   * ({@link NodeLatencyStats#isExcluded}), {@code queueSizes[i]} being the number of queued batches
   * of partition {@code partitionIds[i]}. Adaptive weighting is turned off (uniform choice) when
   * {@code queueSizes} is null, when {@code length < 1}, when the topic has fewer than 2
   * partitions, or when no partition was left out and all queue sizes are equal. Otherwise each
   * partition's weight is {@code maxQueueSize + 1 - queueSize}, so shorter queues are more likely.
   *
   * <p>The arrays are read, not modified or retained; the caller may reuse them.
   *
   * @throws IllegalArgumentException when the arrays differ in length or {@code length} exceeds
   *     them
   */
  public void updatePartitionLoadStats(int[] queueSizes, int[] partitionIds, int length) {
    if (queueSizes == null) {
      loadStats = null;
      return;
    }
    if (partitionIds == null
        || partitionIds.length != queueSizes.length
        || length < 0
        || length > queueSizes.length) {
      throw new IllegalArgumentException(
          "load stats of topic "
              + topic
              + ": queueSizes and partitionIds must have the same length (the partition count)"
              + " and length must be in [0, that], got queueSizes.length="
              + queueSizes.length
              + ", partitionIds.length="
              + (partitionIds == null ? "null" : String.valueOf(partitionIds.length))
              + ", length="
              + length);
    }
    if (length < 1 || queueSizes.length < 2) {
      loadStats = null;
      return;
    }
    int maxQueueSize = queueSizes[0];
    boolean allEqual = true;
    for (int i = 1; i < length; i++) {
      allEqual &= queueSizes[i] == queueSizes[0];
      maxQueueSize = Math.max(maxQueueSize, queueSizes[i]);
    }
    if (allEqual && length == queueSizes.length) {
      loadStats = null;
      return;
    }
    int weightBase = maxQueueSize + 1;
    LoadStats previous = loadStats;
    if (previous != null && previous.matches(queueSizes, partitionIds, length, weightBase)) {
      return;
    }
    int[] cumulativeWeights = new int[length];
    int sum = 0;
    for (int i = 0; i < length; i++) {
      sum += weightBase - queueSizes[i];
      cumulativeWeights[i] = sum;
    }
    // The partitions with a leader rarely change while the queue sizes change nearly every round:
    // the previous snapshot's ids (immutable, never written after publication) are shared then,
    // so a new snapshot allocates one array, not two (4 KB less per round at 1,000 partitions).
    int[] ids =
        previous != null && previous.hasIds(partitionIds, length)
            ? previous.partitionIds
            : Arrays.copyOf(partitionIds, length);
    loadStats = new LoadStats(cumulativeWeights, ids);
  }

  /** True while adaptive weights are in effect. */
  public boolean hasLoadStats() {
    return loadStats != null;
  }

  /**
   * Draws the partition of a new stint: weighted by the load stats when set, otherwise uniformly
   * among the partitions with a leader, or among all partitions when none has one.
   *
   * @throws IllegalStateException when the cluster knows no partition of the topic
   */
  public int nextPartition(Cluster cluster) {
    int random = Murmur2.toPositive(randomSource.getAsInt());
    LoadStats stats = loadStats;
    if (stats != null) {
      return stats.pick(random);
    }
    List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
    if (!available.isEmpty()) {
      return available.get(random % available.size()).partition();
    }
    int partitionCount = cluster.partitionCountForTopic(topic);
    if (partitionCount <= 0) {
      throw new IllegalStateException(
          "cannot choose a partition for topic "
              + topic
              + ": the metadata knows no partition of it (partition count "
              + partitionCount
              + ")");
    }
    return random % partitionCount;
  }

  @Override
  public String toString() {
    return "BuiltInPartitioner{topic=" + topic + ", current=" + current.get() + "}";
  }

  /**
   * An immutable cumulative weight table: entry i is the sum of the weights of partitions 0..i, so
   * a uniform draw in {@code [0, total)} maps to the first entry strictly greater than it.
   */
  private static final class LoadStats {

    private final int[] cumulativeWeights;
    private final int[] partitionIds;

    LoadStats(int[] cumulativeWeights, int[] partitionIds) {
      this.cumulativeWeights = cumulativeWeights;
      this.partitionIds = partitionIds;
    }

    int pick(int nonNegativeRandom) {
      int total = cumulativeWeights[cumulativeWeights.length - 1];
      int target = nonNegativeRandom % total;
      // Binary search for the first entry > target; entries strictly increase (weights >= 1).
      int low = 0;
      int high = cumulativeWeights.length - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulativeWeights[mid] > target) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return partitionIds[low];
    }

    boolean hasIds(int[] ids, int length) {
      return Arrays.equals(partitionIds, 0, partitionIds.length, ids, 0, length);
    }

    boolean matches(int[] queueSizes, int[] ids, int length, int weightBase) {
      if (length != cumulativeWeights.length) {
        return false;
      }
      int sum = 0;
      for (int i = 0; i < length; i++) {
        sum += weightBase - queueSizes[i];
        if (cumulativeWeights[i] != sum || partitionIds[i] != ids[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
