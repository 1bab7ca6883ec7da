package dev.plume.bench.longrun;

import java.nio.file.Path;

/**
 * Options of the long run.
 *
 * @param runs how many runs, each on a fresh cluster
 * @param seconds how long producers send in each run
 * @param dir where run logs, histories and reports go
 * @param idempotent idempotent producers per run
 * @param transactional transactional producers per run
 * @param ratePerSec records per second of each producer
 * @param partitions partitions of each run's topic (replication 3)
 * @param seed random seed of the first run (each run adds its index)
 */
record LongRunOptions(
    int runs,
    int seconds,
    Path dir,
    int idempotent,
    int transactional,
    int ratePerSec,
    int partitions,
    long seed) {

  static LongRunOptions parse(String[] args) {
    int runs = 10;
    int seconds = 300;
    Path dir = Path.of("/tmp/longrun");
    int idempotent = 2;
    int transactional = 2;
    int rate = 300;
    int partitions = 6;
    long seed = System.currentTimeMillis();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        case "--idempotent" -> idempotent = Integer.parseInt(value);
        case "--transactional" -> transactional = Integer.parseInt(value);
        case "--rate" -> rate = Integer.parseInt(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --runs N --seconds S --dir D --idempotent N --transactional N"
                    + " --rate R --partitions P --seed X");
      }
      i++;
    }
    return new LongRunOptions(
        runs, seconds, dir, idempotent, transactional, rate, partitions, seed);
  }
}
