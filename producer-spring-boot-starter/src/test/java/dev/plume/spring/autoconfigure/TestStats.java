package dev.plume.spring.autoconfigure;

import dev.plume.producer.ProducerStats;
import java.util.Map;

/** Crafts {@link ProducerStats} for tests; starts from a healthy, connected producer. */
public final class TestStats {

  public long recordsSentTotal = 42;
  public long bufferTotalBytes = 33554432;
  public long bufferAvailableBytes = 33554432;
  public int waitingThreads;
  public int connectionCount = 1;
  public long metadataAgeMs = 100;
  public long lastBrokerContactAgeMs = 10;
  public boolean senderThreadAlive = true;
  public String lastError;
  public long lastErrorAgeMs = -1;
  public String fatalError;
  public Map<Integer, ProducerStats.NodeStats> nodes =
      Map.of(1, new ProducerStats.NodeStats(1, true, 5, 5, 100, 100, 2.0, 3.0));

  public Map<String, ProducerStats.TopicStats> topics = Map.of();

  private TestStats() {}

  public static TestStats healthy() {
    return new TestStats();
  }

  public ProducerStats build() {
    return ProducerStats.builder()
        .recordsSentTotal(recordsSentTotal)
        .recordErrorsTotal(1)
        .recordRetriesTotal(2)
        .recordSendRate(10.0)
        .batchSizeAvgBytes(512.0)
        .batchSizeMaxBytes(1024)
        .recordsPerRequestAvg(3.0)
        .compressionRatioAvg(1.0)
        .bufferTotalBytes(bufferTotalBytes)
        .bufferAvailableBytes(bufferAvailableBytes)
        .waitingThreads(waitingThreads)
        .requestsTotal(7)
        .requestLatencyAvgMs(2.5)
        .requestLatencyMaxMs(9.0)
        .requestLatencyP50Ms(2.0)
        .requestLatencyP99Ms(8.0)
        .recordQueueTimeAvgMs(1.5)
        .recordQueueTimeMaxMs(4.0)
        .connectionCount(connectionCount)
        .connectionCreationTotal(1)
        .outgoingBytesTotal(1000)
        .incomingBytesTotal(500)
        .metadataAgeMs(metadataAgeMs)
        .lastBrokerContactAgeMs(lastBrokerContactAgeMs)
        .senderThreadAlive(senderThreadAlive)
        .lastError(lastError)
        .lastErrorAgeMs(lastErrorAgeMs)
        .nodes(nodes)
        .topics(topics)
        .fatalError(fatalError)
        .ioRoundsTotal(20)
        .ioWakeupsTotal(6)
        .ioWakeupsSkippedTotal(3)
        .build();
  }
}
