package dev.plume.producer;

import java.util.Map;

/**
 * A snapshot of the producer's statistics: a fixed, typed surface (no string-keyed registry), so a
 * metrics binder can bind every value once. Rates are per second over the recent sampling window;
 * totals count since the producer started.
 *
 * @param recordsSentTotal records acknowledged by the broker (or written, with acks=0)
 * @param recordErrorsTotal records that completed with an exception
 * @param recordRetriesTotal record retries (a batch retry counts each of its records)
 * @param batchSplitsTotal batches split after MESSAGE_TOO_LARGE
 * @param batchSizeAvgBytes average sealed batch size sent
 * @param recordsPerRequestAvg average records per Produce request
 * @param compressionRatioAvg compressed size / uncompressed size of sent batches (1.0 without
 *     compression)
 * @param bufferTotalBytes buffer.memory
 * @param bufferAvailableBytes bytes free in the buffer pool, pooled and unallocated
 * @param waitingThreads threads blocked waiting for buffer memory
 * @param bufferExhaustedTotal times an append timed out waiting for memory
 * @param requestsInFlight Produce requests sent and not yet answered
 * @param requestLatencyAvgMs average Produce round trip over the window
 * @param requestLatencyP99Ms 99th percentile Produce round trip over the window
 * @param recordQueueTimeAvgMs average time a batch waited in the accumulator before being sent
 * @param connectionCount open, ready broker connections
 * @param metadataAgeMs time since the last successful metadata update, -1 if never
 * @param lastBrokerContactAgeMs time since the last response from any broker, -1 if never
 * @param senderThreadAlive false once the I/O thread has stopped
 * @param lastError the last error seen (class and message), or null
 * @param lastErrorAgeMs how long ago {@code lastError} was seen, or -1: an old error next to a live
 *     connection is history, not a problem
 * @param fatalError the error that made the producer unusable (see {@link Producer#fatalError()}),
 *     or null
 * @param ioRoundsTotal rounds of the I/O thread (each one look at the batches and one network poll)
 * @param ioWakeupsTotal times another thread woke the I/O thread (a batch that filled, or a new one
 *     due before the I/O thread's own deadline, a flush, close, metadata or transaction call)
 * @param ioWakeupsSkippedTotal batches that became sendable while their leader was at its in-flight
 *     limit, for which no wake-up was asked (the leader's next response ends the I/O thread's wait
 *     anyway); next to {@code ioWakeupsTotal}, how much waking the limit saved
 * @param ioRoundRate I/O thread rounds per second
 * @param ioWakeupRate wake-ups of the I/O thread per second
 */
public record ProducerStats(
    long recordsSentTotal,
    long recordErrorsTotal,
    long recordRetriesTotal,
    long batchSplitsTotal,
    double recordSendRate,
    double recordErrorRate,
    double recordRetryRate,
    double batchSizeAvgBytes,
    int batchSizeMaxBytes,
    double recordsPerRequestAvg,
    double compressionRatioAvg,
    long bufferTotalBytes,
    long bufferAvailableBytes,
    int waitingThreads,
    long bufferExhaustedTotal,
    int requestsInFlight,
    long requestsTotal,
    double requestLatencyAvgMs,
    double requestLatencyMaxMs,
    double requestLatencyP50Ms,
    double requestLatencyP99Ms,
    double recordQueueTimeAvgMs,
    double recordQueueTimeMaxMs,
    int connectionCount,
    long connectionCreationTotal,
    long connectionCloseTotal,
    long outgoingBytesTotal,
    long incomingBytesTotal,
    long metadataAgeMs,
    long lastBrokerContactAgeMs,
    boolean senderThreadAlive,
    String lastError,
    long lastErrorAgeMs,
    Map<Integer, NodeStats> nodes,
    Map<String, TopicStats> topics,
    String fatalError,
    long ioRoundsTotal,
    long ioWakeupsTotal,
    long ioWakeupsSkippedTotal,
    double ioRoundRate,
    double ioWakeupRate) {

  public ProducerStats {
    nodes = Map.copyOf(nodes);
    topics = Map.copyOf(topics);
  }

  /** A builder with every value at its "nothing happened yet" default (see {@link Builder}). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link ProducerStats} by name rather than by position, so that a new statistic is one
   * more setter instead of one more constructor. A value not set is zero, false, null or empty,
   * except the ages that use -1 for "never" ({@code metadataAgeMs}, {@code lastBrokerContactAgeMs},
   * {@code lastErrorAgeMs}). Not thread-safe; each {@link #build()} makes an independent snapshot.
   */
  public static final class Builder {

    private long recordsSentTotal;
    private long recordErrorsTotal;
    private long recordRetriesTotal;
    private long batchSplitsTotal;
    private double recordSendRate;
    private double recordErrorRate;
    private double recordRetryRate;
    private double batchSizeAvgBytes;
    private int batchSizeMaxBytes;
    private double recordsPerRequestAvg;
    private double compressionRatioAvg;
    private long bufferTotalBytes;
    private long bufferAvailableBytes;
    private int waitingThreads;
    private long bufferExhaustedTotal;
    private int requestsInFlight;
    private long requestsTotal;
    private double requestLatencyAvgMs;
    private double requestLatencyMaxMs;
    private double requestLatencyP50Ms;
    private double requestLatencyP99Ms;
    private double recordQueueTimeAvgMs;
    private double recordQueueTimeMaxMs;
    private int connectionCount;
    private long connectionCreationTotal;
    private long connectionCloseTotal;
    private long outgoingBytesTotal;
    private long incomingBytesTotal;
    private long metadataAgeMs = -1;
    private long lastBrokerContactAgeMs = -1;
    private boolean senderThreadAlive;
    private String lastError;
    private long lastErrorAgeMs = -1;
    private Map<Integer, NodeStats> nodes = Map.of();
    private Map<String, TopicStats> topics = Map.of();
    private String fatalError;
    private long ioRoundsTotal;
    private long ioWakeupsTotal;
    private long ioWakeupsSkippedTotal;
    private double ioRoundRate;
    private double ioWakeupRate;

    private Builder() {}

    public Builder recordsSentTotal(long recordsSentTotal) {
      this.recordsSentTotal = recordsSentTotal;
      return this;
    }

    public Builder recordErrorsTotal(long recordErrorsTotal) {
      this.recordErrorsTotal = recordErrorsTotal;
      return this;
    }

    public Builder recordRetriesTotal(long recordRetriesTotal) {
      this.recordRetriesTotal = recordRetriesTotal;
      return this;
    }

    public Builder batchSplitsTotal(long batchSplitsTotal) {
      this.batchSplitsTotal = batchSplitsTotal;
      return this;
    }

    public Builder recordSendRate(double recordSendRate) {
      this.recordSendRate = recordSendRate;
      return this;
    }

    public Builder recordErrorRate(double recordErrorRate) {
      this.recordErrorRate = recordErrorRate;
      return this;
    }

    public Builder recordRetryRate(double recordRetryRate) {
      this.recordRetryRate = recordRetryRate;
      return this;
    }

    public Builder batchSizeAvgBytes(double batchSizeAvgBytes) {
      this.batchSizeAvgBytes = batchSizeAvgBytes;
      return this;
    }

    public Builder batchSizeMaxBytes(int batchSizeMaxBytes) {
      this.batchSizeMaxBytes = batchSizeMaxBytes;
      return this;
    }

    public Builder recordsPerRequestAvg(double recordsPerRequestAvg) {
      this.recordsPerRequestAvg = recordsPerRequestAvg;
      return this;
    }

    public Builder compressionRatioAvg(double compressionRatioAvg) {
      this.compressionRatioAvg = compressionRatioAvg;
      return this;
    }

    public Builder bufferTotalBytes(long bufferTotalBytes) {
      this.bufferTotalBytes = bufferTotalBytes;
      return this;
    }

    public Builder bufferAvailableBytes(long bufferAvailableBytes) {
      this.bufferAvailableBytes = bufferAvailableBytes;
      return this;
    }

    public Builder waitingThreads(int waitingThreads) {
      this.waitingThreads = waitingThreads;
      return this;
    }

    public Builder bufferExhaustedTotal(long bufferExhaustedTotal) {
      this.bufferExhaustedTotal = bufferExhaustedTotal;
      return this;
    }

    public Builder requestsInFlight(int requestsInFlight) {
      this.requestsInFlight = requestsInFlight;
      return this;
    }

    public Builder requestsTotal(long requestsTotal) {
      this.requestsTotal = requestsTotal;
      return this;
    }

    public Builder requestLatencyAvgMs(double requestLatencyAvgMs) {
      this.requestLatencyAvgMs = requestLatencyAvgMs;
      return this;
    }

    public Builder requestLatencyMaxMs(double requestLatencyMaxMs) {
      this.requestLatencyMaxMs = requestLatencyMaxMs;
      return this;
    }

    public Builder requestLatencyP50Ms(double requestLatencyP50Ms) {
      this.requestLatencyP50Ms = requestLatencyP50Ms;
      return this;
    }

    public Builder requestLatencyP99Ms(double requestLatencyP99Ms) {
      this.requestLatencyP99Ms = requestLatencyP99Ms;
      return this;
    }

    public Builder recordQueueTimeAvgMs(double recordQueueTimeAvgMs) {
      this.recordQueueTimeAvgMs = recordQueueTimeAvgMs;
      return this;
    }

    public Builder recordQueueTimeMaxMs(double recordQueueTimeMaxMs) {
      this.recordQueueTimeMaxMs = recordQueueTimeMaxMs;
      return this;
    }

    public Builder connectionCount(int connectionCount) {
      this.connectionCount = connectionCount;
      return this;
    }

    public Builder connectionCreationTotal(long connectionCreationTotal) {
      this.connectionCreationTotal = connectionCreationTotal;
      return this;
    }

    public Builder connectionCloseTotal(long connectionCloseTotal) {
      this.connectionCloseTotal = connectionCloseTotal;
      return this;
    }

    public Builder outgoingBytesTotal(long outgoingBytesTotal) {
      this.outgoingBytesTotal = outgoingBytesTotal;
      return this;
    }

    public Builder incomingBytesTotal(long incomingBytesTotal) {
      this.incomingBytesTotal = incomingBytesTotal;
      return this;
    }

    public Builder metadataAgeMs(long metadataAgeMs) {
      this.metadataAgeMs = metadataAgeMs;
      return this;
    }

    public Builder lastBrokerContactAgeMs(long lastBrokerContactAgeMs) {
      this.lastBrokerContactAgeMs = lastBrokerContactAgeMs;
      return this;
    }

    public Builder senderThreadAlive(boolean senderThreadAlive) {
      this.senderThreadAlive = senderThreadAlive;
      return this;
    }

    public Builder lastError(String lastError) {
      this.lastError = lastError;
      return this;
    }

    public Builder lastErrorAgeMs(long lastErrorAgeMs) {
      this.lastErrorAgeMs = lastErrorAgeMs;
      return this;
    }

    public Builder nodes(Map<Integer, NodeStats> nodes) {
      this.nodes = nodes;
      return this;
    }

    public Builder topics(Map<String, TopicStats> topics) {
      this.topics = topics;
      return this;
    }

    public Builder fatalError(String fatalError) {
      this.fatalError = fatalError;
      return this;
    }

    public Builder ioRoundsTotal(long ioRoundsTotal) {
      this.ioRoundsTotal = ioRoundsTotal;
      return this;
    }

    public Builder ioWakeupsTotal(long ioWakeupsTotal) {
      this.ioWakeupsTotal = ioWakeupsTotal;
      return this;
    }

    public Builder ioWakeupsSkippedTotal(long ioWakeupsSkippedTotal) {
      this.ioWakeupsSkippedTotal = ioWakeupsSkippedTotal;
      return this;
    }

    public Builder ioRoundRate(double ioRoundRate) {
      this.ioRoundRate = ioRoundRate;
      return this;
    }

    public Builder ioWakeupRate(double ioWakeupRate) {
      this.ioWakeupRate = ioWakeupRate;
      return this;
    }

    public ProducerStats build() {
      return new ProducerStats(
          recordsSentTotal,
          recordErrorsTotal,
          recordRetriesTotal,
          batchSplitsTotal,
          recordSendRate,
          recordErrorRate,
          recordRetryRate,
          batchSizeAvgBytes,
          batchSizeMaxBytes,
          recordsPerRequestAvg,
          compressionRatioAvg,
          bufferTotalBytes,
          bufferAvailableBytes,
          waitingThreads,
          bufferExhaustedTotal,
          requestsInFlight,
          requestsTotal,
          requestLatencyAvgMs,
          requestLatencyMaxMs,
          requestLatencyP50Ms,
          requestLatencyP99Ms,
          recordQueueTimeAvgMs,
          recordQueueTimeMaxMs,
          connectionCount,
          connectionCreationTotal,
          connectionCloseTotal,
          outgoingBytesTotal,
          incomingBytesTotal,
          metadataAgeMs,
          lastBrokerContactAgeMs,
          senderThreadAlive,
          lastError,
          lastErrorAgeMs,
          nodes,
          topics,
          fatalError,
          ioRoundsTotal,
          ioWakeupsTotal,
          ioWakeupsSkippedTotal,
          ioRoundRate,
          ioWakeupRate);
    }
  }

  /** Per broker node. */
  public record NodeStats(
      int nodeId,
      boolean connected,
      long requestsTotal,
      long responsesTotal,
      long outgoingBytesTotal,
      long incomingBytesTotal,
      double requestLatencyAvgMs,
      double requestLatencyMaxMs) {}

  /** Per topic. */
  public record TopicStats(
      String topic,
      long recordsSentTotal,
      long bytesSentTotal,
      long recordErrorsTotal,
      long recordRetriesTotal,
      double compressionRatioAvg) {}
}
