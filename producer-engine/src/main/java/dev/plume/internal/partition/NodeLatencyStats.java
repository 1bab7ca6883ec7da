package dev.plume.internal.partition;

import java.util.Arrays;

/**
 * Per-broker readiness bookkeeping behind {@code partitioner.availability.timeout.ms}: for each
 * leader node, the last time it had data ready to send ({@code readyTimeMs}) and the last time its
 * data could actually be drained into a request ({@code drainTimeMs}). A node whose data has been
 * ready but undrainable for longer than the timeout ({@code readyTimeMs - drainTimeMs > timeout})
 * is {@linkplain #isExcluded excluded}: the accumulator leaves its partitions out of the load stats
 * given to {@link BuiltInPartitioner#updatePartitionLoadStats}, so new sticky partitions avoid it.
 *
 * <p>Thread-safety: {@link #update} is meant for the sender thread (concurrent calls are safe but
 * last-writer-wins per field); {@link #isExcluded} and the getters may be called from any thread.
 * Lookups are a lock-free scan of a small copy-on-write array (one entry per broker), so neither
 * allocates once a node is known.
 */
public final class NodeLatencyStats {

  /** Returned by the getters for a node never seen. */
  public static final long UNKNOWN = -1L;

  private final long availabilityTimeoutMs;
  private volatile Entry[] entries = new Entry[0];

  /**
   * @param availabilityTimeoutMs {@code partitioner.availability.timeout.ms}; 0 (or less) turns the
   *     feature off: {@link #update} does nothing and no node is ever excluded
   */
  public NodeLatencyStats(long availabilityTimeoutMs) {
    this.availabilityTimeoutMs = availabilityTimeoutMs;
  }

  public boolean enabled() {
    return availabilityTimeoutMs > 0;
  }

  public long availabilityTimeoutMs() {
    return availabilityTimeoutMs;
  }

  /**
   * Records that node {@code nodeId} had data ready at {@code nowMs}, and whether it could be
   * drained (its connection was ready to take a request). A node seen for the first time starts
   * with both times at {@code nowMs}.
   */
  public void update(int nodeId, long nowMs, boolean canDrain) {
    if (!enabled()) {
      return;
    }
    Entry entry = find(nodeId);
    if (entry == null) {
      entry = addIfAbsent(nodeId, nowMs);
    }
    // drainTimeMs first: a reader that sees the new readyTimeMs then also sees the new drain time,
    // so a concurrent reader can never observe a spuriously large gap.
    if (canDrain) {
      entry.drainTimeMs = nowMs;
    }
    entry.readyTimeMs = nowMs;
  }

  /** True when the feature is on and the node's ready data has waited longer than the timeout. */
  public boolean isExcluded(int nodeId) {
    if (!enabled()) {
      return false;
    }
    Entry entry = find(nodeId);
    if (entry == null) {
      return false;
    }
    // readyTimeMs first (see update): a racing update can only make the gap look smaller.
    long readyTimeMs = entry.readyTimeMs;
    return readyTimeMs - entry.drainTimeMs > availabilityTimeoutMs;
  }

  /** The node's last ready time, or {@link #UNKNOWN}. */
  public long readyTimeMs(int nodeId) {
    Entry entry = find(nodeId);
    return entry == null ? UNKNOWN : entry.readyTimeMs;
  }

  /** The node's last drain time, or {@link #UNKNOWN}. */
  public long drainTimeMs(int nodeId) {
    Entry entry = find(nodeId);
    return entry == null ? UNKNOWN : entry.drainTimeMs;
  }

  private Entry find(int nodeId) {
    for (Entry entry : entries) {
      if (entry.nodeId == nodeId) {
        return entry;
      }
    }
    return null;
  }

  private synchronized Entry addIfAbsent(int nodeId, long nowMs) {
    Entry existing = find(nodeId);
    if (existing != null) {
      return existing;
    }
    Entry[] current = entries;
    Entry[] grown = Arrays.copyOf(current, current.length + 1);
    Entry added = new Entry(nodeId, nowMs);
    grown[current.length] = added;
    entries = grown;
    return added;
  }

  private static final class Entry {
    final int nodeId;
    volatile long readyTimeMs;
    volatile long drainTimeMs;

    Entry(int nodeId, long nowMs) {
      this.nodeId = nodeId;
      this.readyTimeMs = nowMs;
      this.drainTimeMs = nowMs;
    }
  }
}
