package dev.plume.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable result of {@code compare --csv FILE}: one row per client run, appended as
 * soon as the run ends (so an aborted run keeps what it measured), with the case's axes split into
 * columns so that a plot can put partitions, threads or sizes on its x axis without parsing names.
 * Read by {@code benchmarks/plot-scaling.py}.
 */
final class ResultsCsv {

  static final List<String> COLUMNS =
      List.of(
          "case",
          "settings",
          "value_bytes",
          "partitions",
          "threads",
          "producers",
          "client",
          "round",
          "tput_rec_s",
          "tput_cpu_us_per_rec",
          "tput_alloc_b_per_rec",
          "rate_rec_s",
          "rate_cpu_us_per_rec",
          "rate_alloc_b_per_rec",
          "p50_us",
          "p99_us",
          "p999_us",
          "max_us",
          "errors",
          "threads_lost",
          "live_threads",
          "heap_after_gc_bytes",
          "direct_buffer_bytes");

  private final Path path;

  private ResultsCsv(Path path) {
    this.path = path;
  }

  /** Creates (or truncates) the file and writes the header line. */
  static ResultsCsv create(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, header() + "\n", StandardCharsets.UTF_8);
    return new ResultsCsv(path);
  }

  /** Appends the row of one run. */
  void append(BenchCase c, int round, long rate, RunResult r) throws IOException {
    Files.writeString(
        path, row(c, round, rate, r) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  static String header() {
    return String.join(",", COLUMNS);
  }

  /** No field can contain a comma or quote: case, settings and client names are plain tokens. */
  static String row(BenchCase c, int round, long rate, RunResult r) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%d,%d,%d,%d,%s,%d,%.1f,%.3f,%.1f,%d,%.3f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d",
        c.name(),
        c.settings(),
        c.valueSizeBytes(),
        c.partitions(),
        c.threads(),
        c.producers(),
        r.client(),
        round,
        CompareMain.throughput(r),
        r.tputCpuMicrosPerRecord(),
        r.tputAllocPerRecord(),
        rate,
        r.rateCpuMicrosPerRecord(),
        r.rateAllocPerRecord(),
        r.p50Micros(),
        r.p99Micros(),
        r.p999Micros(),
        r.maxMicros(),
        r.tputErrors() + r.rateErrors(),
        r.threadsLost(),
        r.liveThreads(),
        r.heapAfterGcBytes(),
        r.directBufferBytes());
  }
}
