package dev.plume.bench.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The checker's result: totals, a count per finding, and a few examples of each. */
public final class CheckReport {

  private static final int EXAMPLES = 5;

  private final Map<Finding, Long> counts = new EnumMap<>(Finding.class);
  private final Map<Finding, List<String>> examples = new EnumMap<>(Finding.class);
  long sends;
  long acked;
  long failed;
  long transactions;
  long committed;
  long aborted;
  long readUncommitted;
  long readCommitted;

  void add(Finding finding, String example) {
    counts.merge(finding, 1L, Long::sum);
    List<String> list = examples.computeIfAbsent(finding, f -> new ArrayList<>());
    if (list.size() < EXAMPLES) {
      list.add(example);
    }
  }

  public long count(Finding finding) {
    return counts.getOrDefault(finding, 0L);
  }

  public List<String> examples(Finding finding) {
    return Collections.unmodifiableList(examples.getOrDefault(finding, List.of()));
  }

  public long anomalies() {
    long total = 0;
    for (Finding finding : Finding.values()) {
      if (finding.anomaly()) {
        total += count(finding);
      }
    }
    return total;
  }

  public boolean clean() {
    return anomalies() == 0;
  }

  public long sends() {
    return sends;
  }

  public long acked() {
    return acked;
  }

  public long failed() {
    return failed;
  }

  /** One line, {@code key=value} pairs, for logs and scripts. */
  public String summaryLine() {
    StringBuilder line =
        new StringBuilder("CHECK ")
            .append(clean() ? "CLEAN" : "ANOMALIES")
            .append(" sends=")
            .append(sends)
            .append(" acked=")
            .append(acked)
            .append(" failed=")
            .append(failed)
            .append(" txns=")
            .append(transactions)
            .append(" committed=")
            .append(committed)
            .append(" aborted=")
            .append(aborted)
            .append(" read_uncommitted=")
            .append(readUncommitted)
            .append(" read_committed=")
            .append(readCommitted);
    for (Finding finding : Finding.values()) {
      line.append(' ').append(finding.name().toLowerCase(java.util.Locale.ROOT)).append('=');
      line.append(count(finding));
    }
    return line.toString();
  }

  /** The summary line, then each finding that occurred with its examples. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(summaryLine()).append('\n');
    for (Finding finding : Finding.values()) {
      if (count(finding) > 0) {
        text.append(finding.anomaly() ? "  ANOMALY " : "  note    ")
            .append(finding)
            .append(": ")
            .append(count(finding))
            .append(", e.g. ")
            .append(String.join("; ", examples(finding)))
            .append('\n');
      }
    }
    return text.toString();
  }
}
