package dev.plume.bench.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code benchmarks.jar history-check --bootstrap host:port --topics a,b history-file...}: reads
 * the topics with read_uncommitted and read_committed, checks them against the history files and
 * prints the report. Exit status 0 when clean, 1 when an anomaly was found, 2 on bad arguments.
 */
public final class HistoryCheckMain {

  private HistoryCheckMain() {}

  public static void main(String[] args) {
    String bootstrap = null;
    List<String> topics = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap" -> bootstrap = args[++i];
        case "--topics" -> topics.addAll(Arrays.asList(args[++i].split(",")));
        default -> files.add(Path.of(args[i]));
      }
    }
    if (bootstrap == null || topics.isEmpty() || files.isEmpty()) {
      System.err.println(
          "usage: history-check --bootstrap host:port --topics t1,t2 history-file...");
      System.exit(2);
    }
    CheckReport report = check(bootstrap, topics, files);
    System.out.print(report);
    System.exit(report.clean() ? 0 : 1);
  }

  /** Reads the topics both ways and checks the histories against them. */
  public static CheckReport check(String bootstrap, List<String> topics, List<Path> files) {
    History history = History.read(files);
    Duration timeout = Duration.ofMinutes(2);
    try {
      if (!TopicReader.awaitNoOpenTransactions(bootstrap, topics, timeout)) {
        System.err.println(
            "history-check: a transaction is still open after "
                + timeout
                + "; read_committed"
                + " stops at its first record");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    List<ReadRecord> uncommitted =
        TopicReader.readAll(bootstrap, topics, "read_uncommitted", timeout);
    List<ReadRecord> committed = TopicReader.readAll(bootstrap, topics, "read_committed", timeout);
    return HistoryChecker.check(history, uncommitted, committed);
  }
}
