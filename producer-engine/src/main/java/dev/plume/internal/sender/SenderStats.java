package dev.plume.internal.sender;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the sender updates and any thread may read. Latency percentiles come from a small
 * log-scale histogram (no allocation per sample).
 */
public final class SenderStats {

  final LongAdder recordsSent = new LongAdder();
  final LongAdder recordErrors = new LongAdder();
  final LongAdder recordRetries = new LongAdder();
  final LongAdder batchSplits = new LongAdder();
  final LongAdder batchesSent = new LongAdder();
  final LongAdder batchBytesSent = new LongAdder();
  final LongAdder uncompressedBytesSent = new LongAdder();
  final LongAdder produceRequests = new LongAdder();
  final LongAdder queueTimeMsTotal = new LongAdder();
  final AtomicLong queueTimeMsMax = new AtomicLong();
  final AtomicLong batchSizeMax = new AtomicLong();
  final AtomicLong lastResponseMs = new AtomicLong(-1);
  final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile long lastErrorMs = -1;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final java.util.concurrent.ConcurrentHashMap<String, TopicCounters> topics =
      new java.util.concurrent.ConcurrentHashMap<>();
  final LongAdder throttleTimeMsTotal = new LongAdder();
  // The I/O thread's duty cycle: rounds run, and wake-ups asked of it by other threads.
  final LongAdder rounds = new LongAdder();
  final LongAdder wakeups = new LongAdder();
  // Batches announced for a leader at its in-flight limit: no wake-up was asked for them.
  final LongAdder wakeupsSkipped = new LongAdder();

  /** Per-topic counters, created on a topic's first batch (not per record). */
  public static final class TopicCounters {
    final LongAdder recordsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder uncompressedBytes = new LongAdder();
    final LongAdder recordErrors = new LongAdder();
    final LongAdder recordRetries = new LongAdder();

    public long recordsSent() {
      return recordsSent.sum();
    }

    public long bytesSent() {
      return bytesSent.sum();
    }

    public long recordErrors() {
      return recordErrors.sum();
    }

    public long recordRetries() {
      return recordRetries.sum();
    }

    public double compressionRatioAvg() {
      long raw = uncompressedBytes.sum();
      return raw == 0 ? 1.0 : (double) bytesSent.sum() / raw;
    }
  }

  TopicCounters topic(String topic) {
    TopicCounters c = topics.get(topic);
    return c != null ? c : topics.computeIfAbsent(topic, k -> new TopicCounters());
  }

  /** A read-only view of the per-topic counters. */
  public java.util.Map<String, TopicCounters> topics() {
    return java.util.Collections.unmodifiableMap(topics);
  }

  /** Rounds the I/O thread ran (each one scan of the accumulator and one network poll). */
  public long rounds() {
    return rounds.sum();
  }

  /** Times another thread woke the I/O thread (a new or full batch, flush, close, metadata). */
  public long wakeups() {
    return wakeups.sum();
  }

  /**
   * Batches that became sendable while their leader was at its in-flight limit, for which no
   * wake-up was asked (the leader's next response ends the I/O thread's poll anyway).
   */
  public long wakeupsSkipped() {
    return wakeupsSkipped.sum();
  }

  public long throttleTimeMsTotal() {
    return throttleTimeMsTotal.sum();
  }

  void recordLatency(long latencyMs) {
    latency.record(latencyMs);
  }

  void recordQueueTime(long queueMs) {
    queueTimeMsTotal.add(queueMs);
    queueTimeMsMax.accumulateAndGet(queueMs, Math::max);
  }

  void recordBatch(int sealedBytes, int uncompressedBytes) {
    batchesSent.increment();
    batchBytesSent.add(sealedBytes);
    uncompressedBytesSent.add(uncompressedBytes);
    batchSizeMax.accumulateAndGet(sealedBytes, Math::max);
  }

  void error(String description, long nowMs) {
    lastError.set(description);
    lastErrorMs = nowMs;
  }

  /** When {@link #lastError()} was seen (the sender's clock), or -1. */
  public long lastErrorMs() {
    return lastErrorMs;
  }

  public long recordsSent() {
    return recordsSent.sum();
  }

  public long recordErrors() {
    return recordErrors.sum();
  }

  public long recordRetries() {
    return recordRetries.sum();
  }

  public long batchSplits() {
    return batchSplits.sum();
  }

  public long batchesSent() {
    return batchesSent.sum();
  }

  public long produceRequests() {
    return produceRequests.sum();
  }

  public double batchSizeAvgBytes() {
    long n = batchesSent.sum();
    return n == 0 ? 0 : (double) batchBytesSent.sum() / n;
  }

  public int batchSizeMaxBytes() {
    return (int) batchSizeMax.get();
  }

  public long bytesSent() {
    return batchBytesSent.sum();
  }

  public double compressionRatioAvg() {
    long raw = uncompressedBytesSent.sum();
    return raw == 0 ? 1.0 : (double) batchBytesSent.sum() / raw;
  }

  public double recordsPerRequestAvg() {
    long n = produceRequests.sum();
    return n == 0 ? 0 : (double) recordsSent.sum() / n;
  }

  public double queueTimeAvgMs() {
    long n = batchesSent.sum();
    return n == 0 ? 0 : (double) queueTimeMsTotal.sum() / n;
  }

  public long queueTimeMaxMs() {
    return queueTimeMsMax.get();
  }

  public long lastResponseMs() {
    return lastResponseMs.get();
  }

  public String lastError() {
    return lastError.get();
  }

  public LatencyHistogram latency() {
    return latency;
  }
}
