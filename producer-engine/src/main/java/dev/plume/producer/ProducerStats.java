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
    double ioRoundRate,
    double ioWakeupRate) {

  public ProducerStats {
    nodes = Map.copyOf(nodes);
    topics = Map.copyOf(topics);
  }

  /** Without a fatal error. */
  public ProducerStats(
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
      Map<String, TopicStats> topics) {
    this(
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
        null,
        0,
        0,
        0.0,
        0.0);
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
