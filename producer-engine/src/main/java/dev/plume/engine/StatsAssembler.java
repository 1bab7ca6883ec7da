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
    return new ProducerStats(
        sender.recordsSent(),
        sender.recordErrors(),
        sender.recordRetries(),
        sender.batchSplits(),
        rates.sendRate(),
        rates.errorRate(),
        rates.retryRate(),
        sender.batchSizeAvgBytes(),
        sender.batchSizeMaxBytes(),
        sender.recordsPerRequestAvg(),
        sender.compressionRatioAvg(),
        pool.totalMemoryBytes(),
        pool.availableBytes(),
        pool.waitingThreads(),
        pool.exhaustedTotal(),
        (int) Math.max(0, total.requestsSent() - total.responsesReceived()),
        sender.produceRequests(),
        latency.avgMs(),
        latency.maxMs(),
        latency.percentileMs(0.50),
        latency.percentileMs(0.99),
        sender.queueTimeAvgMs(),
        sender.queueTimeMaxMs(),
        (int) network.openConnections(),
        network.connectionsCreated(),
        network.connectionsClosed(),
        total.bytesSent(),
        total.bytesReceived(),
        lastUpdate < 0 ? -1 : nowMs - lastUpdate,
        lastContact < 0 ? -1 : nowMs - lastContact,
        senderAlive,
        sender.lastError(),
        sender.lastErrorMs() < 0 ? -1 : Math.max(0, nowMs - sender.lastErrorMs()),
        nodes,
        topics,
        fatalError == null ? null : fatalError.toString(),
        sender.rounds(),
        sender.wakeups(),
        rates.roundRate(),
        rates.wakeupRate());
  }
}
