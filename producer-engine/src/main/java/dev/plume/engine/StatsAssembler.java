package dev.plume.engine;

import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.memory.BufferPool;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.NetworkStats;
import dev.plume.internal.network.TrafficStats;
import dev.plume.internal.sender.LatencyHistogram;
import dev.plume.internal.sender.SenderStats;
import dev.plume.producer.ProducerStats;
import java.util.HashMap;
import java.util.Map;

/** Builds the typed {@link ProducerStats} snapshot from each stage's counters. */
final class StatsAssembler {

  private StatsAssembler() {}

  static ProducerStats assemble(
      long nowMs,
      RateWindow rates,
      SenderStats sender,
      BufferPool pool,
      NetworkStats network,
      ProducerMetadata metadata,
      boolean senderAlive,
      RecordAccumulator accumulator,
      RuntimeException fatalError) {
    rates.update(sender, nowMs);
    LatencyHistogram latency = sender.latency();
    Map<Integer, ProducerStats.NodeStats> nodes = new HashMap<>();
    java.util.Set<Integer> connected = network.connectedNodes();
    for (Map.Entry<Integer, TrafficStats> e : network.perNode().entrySet()) {
      TrafficStats t = e.getValue();
      nodes.put(
          e.getKey(),
          new ProducerStats.NodeStats(
              e.getKey(),
              connected.contains(e.getKey()),
              t.requestsSent(),
              t.responsesReceived(),
              t.bytesSent(),
              t.bytesReceived(),
              t.requestLatencyAvgMs(),
              t.requestLatencyMaxMs()));
    }
    Map<String, ProducerStats.TopicStats> topics = new HashMap<>();
    sender
        .topics()
        .forEach(
            (name, c) ->
                topics.put(
                    name,
                    new ProducerStats.TopicStats(
                        name,
                        c.recordsSent(),
                        c.bytesSent(),
                        c.recordErrors(),
                        c.recordRetries(),
                        c.compressionRatioAvg())));
    long lastUpdate = metadata.lastSuccessfulUpdateMs();
    long lastResponse = sender.lastResponseMs();
    long lastContact = Math.max(lastUpdate, lastResponse);
    TrafficStats total = network.total();
    return ProducerStats.builder()
        .recordsSentTotal(sender.recordsSent())
        .recordErrorsTotal(sender.recordErrors())
        .recordRetriesTotal(sender.recordRetries())
        .batchSplitsTotal(sender.batchSplits())
        .recordSendRate(rates.sendRate())
        .recordErrorRate(rates.errorRate())
        .recordRetryRate(rates.retryRate())
        .batchSizeAvgBytes(sender.batchSizeAvgBytes())
        .batchSizeMaxBytes(sender.batchSizeMaxBytes())
        .recordsPerRequestAvg(sender.recordsPerRequestAvg())
        .compressionRatioAvg(sender.compressionRatioAvg())
        .bufferTotalBytes(pool.totalMemoryBytes())
        .bufferAvailableBytes(pool.availableBytes())
        .waitingThreads(pool.waitingThreads())
        .bufferExhaustedTotal(pool.exhaustedTotal())
        .requestsInFlight((int) Math.max(0, total.requestsSent() - total.responsesReceived()))
        .requestsTotal(sender.produceRequests())
        .requestLatencyAvgMs(latency.avgMs())
        .requestLatencyMaxMs(latency.maxMs())
        .requestLatencyP50Ms(latency.percentileMs(0.50))
        .requestLatencyP99Ms(latency.percentileMs(0.99))
        .recordQueueTimeAvgMs(sender.queueTimeAvgMs())
        .recordQueueTimeMaxMs(sender.queueTimeMaxMs())
        .connectionCount((int) network.openConnections())
        .connectionCreationTotal(network.connectionsCreated())
        .connectionCloseTotal(network.connectionsClosed())
        .outgoingBytesTotal(total.bytesSent())
        .incomingBytesTotal(total.bytesReceived())
        .metadataAgeMs(lastUpdate < 0 ? -1 : nowMs - lastUpdate)
        .lastBrokerContactAgeMs(lastContact < 0 ? -1 : nowMs - lastContact)
        .senderThreadAlive(senderAlive)
        .lastError(sender.lastError())
        .lastErrorAgeMs(sender.lastErrorMs() < 0 ? -1 : Math.max(0, nowMs - sender.lastErrorMs()))
        .nodes(nodes)
        .topics(topics)
        .fatalError(fatalError == null ? null : fatalError.toString())
        .ioRoundsTotal(sender.rounds())
        .ioWakeupsTotal(sender.wakeups())
        .ioWakeupsSkippedTotal(sender.wakeupsSkipped())
        .ioRoundRate(rates.roundRate())
        .ioWakeupRate(rates.wakeupRate())
        .build();
  }
}
