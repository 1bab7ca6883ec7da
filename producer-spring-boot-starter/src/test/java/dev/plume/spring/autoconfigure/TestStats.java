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
    return new ProducerStats(
        recordsSentTotal,
        1,
        2,
        0,
        10.0,
        0.0,
        0.0,
        512.0,
        1024,
        3.0,
        1.0,
        bufferTotalBytes,
        bufferAvailableBytes,
        waitingThreads,
        0,
        0,
        7,
        2.5,
        9.0,
        2.0,
        8.0,
        1.5,
        4.0,
        connectionCount,
        1,
        0,
        1000,
        500,
        metadataAgeMs,
        lastBrokerContactAgeMs,
        senderThreadAlive,
        lastError,
        lastErrorAgeMs,
        nodes,
        topics,
        fatalError,
        0,
        0,
        0.0,
        0.0);
  }
}
