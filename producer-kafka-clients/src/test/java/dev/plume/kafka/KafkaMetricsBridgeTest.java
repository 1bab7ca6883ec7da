package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.ProducerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Kafka-named metrics over scripted engine statistics; counters are Kafka's cumulative sums. */
class KafkaMetricsBridgeTest {

  private final AtomicReference<ProducerStats> stats = new AtomicReference<>(stats(0, 0));

  private KafkaMetricsBridge bridge(String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", "127.0.0.1:1");
    c.put("key.serializer", StringSerializer.class);
    c.put("value.serializer", StringSerializer.class);
    c.put("client.id", clientId);
    return new KafkaMetricsBridge(new ProducerConfig(c), clientId, stats::get, 0);
  }

  @Test
  void totalsAreCumulativeSumsThatFollowTheEngineAndTheRestAreNot() {
    try (KafkaMetricsBridge bridge = bridge("bridge-sums")) {
      Map<MetricName, KafkaMetric> all = bridge.all();
      assertThat(all.keySet()).extracting(MetricName::group).contains("producer-node-metrics");
      all.forEach(
          (name, metric) -> {
            if (name.group().startsWith("producer")) {
              assertThat(metric.measurable().getClass() == CumulativeSum.class)
                  .as(name.group() + "/" + name.name())
                  .isEqualTo(name.name().endsWith("-total"));
            }
          });

      stats.set(stats(42, 5));
      assertThat(value(bridge, "producer-metrics", "record-send-total")).isEqualTo(42.0);
      assertThat(value(bridge, "producer-node-metrics", "request-total")).isEqualTo(5.0);
      stats.set(stats(50, 7));
      assertThat(value(bridge, "producer-metrics", "record-send-total")).isEqualTo(50.0);
      assertThat(value(bridge, "producer-node-metrics", "request-total")).isEqualTo(7.0);
      assertThat(value(bridge, "producer-metrics", "record-send-rate")).isEqualTo(10.0);
    }
  }

  @Test
  void micrometerBindsTotalsAsCountersAndTheRestAsGauges() {
    try (KafkaMetricsBridge bridge = bridge("bridge-micrometer");
        MockProducer<String, String> producer = new MockProducer<>();
        KafkaClientMetrics binder = new KafkaClientMetrics(producer)) {
      bridge.all().forEach(producer::setMockMetrics);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      stats.set(stats(42, 5));
      binder.bindTo(registry);

      FunctionCounter sent = registry.get("kafka.producer.record.send.total").functionCounter();
      assertThat(sent.count()).isEqualTo(42.0);
      stats.set(stats(60, 5));
      assertThat(sent.count()).isEqualTo(60.0);
      assertThat(registry.get("kafka.producer.node.request.total").functionCounter().count())
          .isEqualTo(5.0);
      assertThat(registry.get("kafka.producer.record.send.rate").meter()).isInstanceOf(Gauge.class);
      assertThat(registry.get("kafka.producer.buffer.total.bytes").meter())
          .isInstanceOf(Gauge.class);
      assertThat(
              registry.getMeters().stream()
                  .filter(m -> m.getId().getName().endsWith(".total"))
                  .allMatch(m -> m instanceof FunctionCounter))
          .isTrue();
    }
  }

  private static double value(KafkaMetricsBridge bridge, String group, String name) {
    return bridge.all().entrySet().stream()
        .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name))
        .map(e -> (Double) e.getValue().metricValue())
        .findFirst()
        .orElseThrow();
  }

  /** A running producer that sent {@code sent} records over {@code requests} requests to node 1. */
  private static ProducerStats stats(long sent, long requests) {
    return ProducerStats.builder()
        .recordsSentTotal(sent)
        .recordErrorsTotal(1)
        .recordRetriesTotal(2)
        .recordSendRate(10.0)
        .batchSizeAvgBytes(512.0)
        .batchSizeMaxBytes(1024)
        .recordsPerRequestAvg(3.0)
        .compressionRatioAvg(1.0)
        .bufferTotalBytes(33554432)
        .bufferAvailableBytes(33554432)
        .requestsTotal(requests)
        .requestLatencyAvgMs(2.5)
        .requestLatencyMaxMs(9.0)
        .requestLatencyP50Ms(2.0)
        .requestLatencyP99Ms(8.0)
        .recordQueueTimeAvgMs(1.5)
        .recordQueueTimeMaxMs(4.0)
        .connectionCount(1)
        .connectionCreationTotal(1)
        .outgoingBytesTotal(1000)
        .incomingBytesTotal(500)
        .metadataAgeMs(100)
        .lastBrokerContactAgeMs(10)
        .senderThreadAlive(true)
        .nodes(
            Map.of(1, new ProducerStats.NodeStats(1, true, requests, requests, 100, 100, 2.0, 3.0)))
        .build();
  }
}
