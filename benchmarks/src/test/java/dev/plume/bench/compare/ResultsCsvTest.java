package dev.plume.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {

  private static final RunResult RUN =
      new RunResult(
          "kafka-clients",
          2_000_000, // tput records
          0,
          2_000_000_000L, // 2 s -> 1,000,000 rec/s
          3_000_000_000L, // 3 s CPU -> 1.5 us/rec
          500_000_000L, // 250 B/rec
          40,
          150_000, // rate records
          1,
          3_000_000_000L,
          600_000_000L, // 4 us/rec
          30_000_000L, // 200 B/rec
          5,
          2500,
          7000,
          9000,
          12000,
          0,
          57,
          123_456_789L,
          4096);

  @Test
  void rowSplitsTheCaseIntoColumnsAndDividesPerRecord() {
    BenchCase c = BenchCase.parse("defaults-100KB-1000p-8t-20x");
    String[] header = ResultsCsv.header().split(",");
    String[] row = ResultsCsv.row(c, 2, 300, RUN).split(",");
    assertThat(row).hasSameSizeAs(header);
    assertThat(header).containsExactlyElementsOf(ResultsCsv.COLUMNS);
    assertThat(value(header, row, "case")).isEqualTo("defaults-100KB-1000p-8t-20x");
    assertThat(value(header, row, "settings")).isEqualTo("defaults");
    assertThat(value(header, row, "value_bytes")).isEqualTo("102400");
    assertThat(value(header, row, "partitions")).isEqualTo("1000");
    assertThat(value(header, row, "threads")).isEqualTo("8");
    assertThat(value(header, row, "producers")).isEqualTo("20");
    assertThat(value(header, row, "client")).isEqualTo("kafka-clients");
    assertThat(value(header, row, "round")).isEqualTo("2");
    assertThat(value(header, row, "tput_rec_s")).isEqualTo("1000000.0");
    assertThat(value(header, row, "tput_cpu_us_per_rec")).isEqualTo("1.500");
    assertThat(value(header, row, "tput_alloc_b_per_rec")).isEqualTo("250.0");
    assertThat(value(header, row, "rate_rec_s")).isEqualTo("300");
    assertThat(value(header, row, "rate_cpu_us_per_rec")).isEqualTo("4.000");
    assertThat(value(header, row, "rate_alloc_b_per_rec")).isEqualTo("200.0");
    assertThat(value(header, row, "p99_us")).isEqualTo("7000");
    assertThat(value(header, row, "errors")).isEqualTo("1");
    assertThat(value(header, row, "live_threads")).isEqualTo("57");
    assertThat(value(header, row, "heap_after_gc_bytes")).isEqualTo("123456789");
    assertThat(value(header, row, "direct_buffer_bytes")).isEqualTo("4096");
  }

  @Test
  void fileHasTheHeaderThenOneRowPerAppendedRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/results.csv");
    ResultsCsv csv = ResultsCsv.create(file);
    BenchCase c = BenchCase.parse("defaults-100B-6p");
    csv.append(c, 1, 50_000, RUN);
    csv.append(c, 2, 50_000, RUN);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(ResultsCsv.header());
    assertThat(lines.get(1)).startsWith("defaults-100B-6p,defaults,100,6,1,1,kafka-clients,1,");
    assertThat(lines.get(2)).startsWith("defaults-100B-6p,defaults,100,6,1,1,kafka-clients,2,");

    ResultsCsv.create(file); // a new run starts a new file
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(ResultsCsv.header());
  }

  private static String value(String[] header, String[] row, String column) {
    return row[List.of(header).indexOf(column)];
  }
}
