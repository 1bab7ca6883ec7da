package dev.plume.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerfOptionsTest {

  @Test
  void parsesKafkaStyleCommandLine() throws Exception {
    PerfOptions o =
        PerfOptions.parse(
            "--topic",
            "t",
            "--num-records",
            "1000",
            "--record-size",
            "100",
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=127.0.0.1:9092",
            "acks=1",
            "--print-metrics");
    assertThat(o.topic()).isEqualTo("t");
    assertThat(o.numRecords()).isEqualTo(1000);
    assertThat(o.recordSize()).isEqualTo(100);
    assertThat(o.throughput()).isEqualTo(-1.0);
    assertThat(o.producerProps()).containsExactly("bootstrap.servers=127.0.0.1:9092", "acks=1");
    assertThat(o.printMetrics()).isTrue();
    assertThat(o.payloadDelimiter()).isEqualTo("\n");
    assertThat(o.transactionalId()).isNull();
    assertThat(o.warmupRecords()).isZero();
  }

  @Test
  void warmupRecordsMustLeaveSteadyStateRecords() throws Exception {
    String[] base = {
      "--topic",
      "t",
      "--num-records",
      "1000",
      "--payload-monotonic",
      "--throughput",
      "-1",
      "--producer-props",
      "a=b",
      "--warmup-records"
    };
    assertThat(PerfOptions.parse(with(base, "200")).warmupRecords()).isEqualTo(200);
    assertThatThrownBy(() -> PerfOptions.parse(with(base, "1000")))
        .hasMessageContaining("--warmup-records should be at least zero and less than");
    assertThatThrownBy(() -> PerfOptions.parse(with(base, "-1")))
        .hasMessageContaining("--warmup-records should be at least zero and less than");
  }

  private static String[] with(String[] base, String last) {
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = last;
    return all;
  }

  @Test
  void requiresExactlyOnePayloadOption() {
    assertThatThrownBy(
            () ->
                PerfOptions.parse(
                    "--topic",
                    "t",
                    "--num-records",
                    "1",
                    "--record-size",
                    "1",
                    "--payload-monotonic",
                    "--throughput",
                    "1",
                    "--producer-props",
                    "a=b"))
        .isInstanceOf(PerfOptions.UsageException.class)
        .hasMessageContaining("exactly one of");
  }

  @Test
  void requiresProducerConfiguration() {
    assertThatThrownBy(
            () ->
                PerfOptions.parse(
                    "--topic",
                    "t",
                    "--num-records",
                    "1",
                    "--payload-monotonic",
                    "--throughput",
                    "1"))
        .hasMessageContaining("Either --producer-props or --producer.config must be specified.");
  }

  @Test
  void rejectsNonPositiveCountsAndUnknownFlags() {
    assertThatThrownBy(
            () ->
                PerfOptions.parse(
                    "--topic",
                    "t",
                    "--num-records",
                    "0",
                    "--payload-monotonic",
                    "--throughput",
                    "1",
                    "--producer-props",
                    "a=b"))
        .hasMessageContaining("--num-records should be greater than zero");
    assertThatThrownBy(() -> PerfOptions.parse("--bogus"))
        .hasMessageContaining("unrecognized arguments: '--bogus'");
  }

  @Test
  void summaryLineHasKafkasShape() {
    PerfStats stats = new PerfStats(4, 0, System.out);
    stats.record(1, 100, 10);
    stats.record(2, 100, 20);
    stats.record(3, 100, 30);
    stats.record(10, 100, 40);
    assertThat(stats.totalLine(1000))
        .isEqualTo(
            "4 records sent, 4.000000 records/sec (0.00 MB/sec), 4.00 ms avg latency, 10.00 ms"
                + " max latency, 3 ms 50th, 10 ms 95th, 10 ms 99th, 10 ms 99.9th.");
    assertThat(stats.windowLine(1000))
        .isEqualTo(
            "4 records sent, 4.0 records/sec (0.00 MB/sec), 4.0 ms avg latency, 10.0 ms max"
                + " latency.");
  }
}
