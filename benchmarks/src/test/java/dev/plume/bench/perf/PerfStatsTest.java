package dev.plume.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PerfStatsTest {

  @Test
  void windowLinesAreReportedEveryFiveSecondsUnlessSilent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PerfStats printing = new PerfStats(10, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    PerfStats silent = PerfStats.silent(10, 0);
    for (PerfStats stats : new PerfStats[] {printing, silent}) {
      stats.record(3, 100, 1_000);
      stats.record(40, 100, 5_000);
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "2 records sent, 0.4 records/sec (0.00 MB/sec), 21.5 ms avg latency, 40.0 ms max"
                + " latency."
                + System.lineSeparator());
    assertThat(silent.totalLine(10_000))
        .startsWith("2 records sent, 0.200000 records/sec")
        .contains("40.00 ms max latency")
        .endsWith("40 ms 50th, 40 ms 95th, 40 ms 99th, 40 ms 99.9th.");
  }
}
