package dev.plume.bench;

import dev.plume.bench.compare.CompareMain;
import dev.plume.bench.history.HistoryCheckMain;
import dev.plume.bench.longrun.LongRunMain;
import dev.plume.bench.matrix.MatrixMain;
import dev.plume.bench.perf.PerfMain;
import java.util.Arrays;

/**
 * Entry point of {@code benchmarks.jar}: {@code compare ...} runs the side-by-side load driver,
 * {@code perf ...} the kafka-producer-perf-test look-alike, {@code history-check ...} the send
 * history checker, {@code longrun ...} the long fault run, {@code matrix ...} the broker matrix
 * (see {@code bin/plume-broker-matrix}); anything else goes to JMH.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    if (args.length > 0 && args[0].equals("compare")) {
      CompareMain.main(rest);
    } else if (args.length > 0 && args[0].equals("perf")) {
      PerfMain.main(rest);
    } else if (args.length > 0 && args[0].equals("history-check")) {
      HistoryCheckMain.main(rest);
    } else if (args.length > 0 && args[0].equals("longrun")) {
      LongRunMain.main(rest);
    } else if (args.length > 0 && args[0].equals("matrix")) {
      MatrixMain.main(rest);
    } else {
      org.openjdk.jmh.Main.main(args);
    }
  }
}
