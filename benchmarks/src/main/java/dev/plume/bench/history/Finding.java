package dev.plume.bench.history;

/** What the checker counts; anomalies break a guarantee, the others are facts worth knowing. */
public enum Finding {
  /** An acknowledged record (outside a transaction) that is not in the log. */
  LOST_ACKNOWLEDGED(true),
  /** A record of a committed transaction that read_committed does not see. */
  LOST_COMMITTED(true),
  /** A send read more than once. */
  DUPLICATED(true),
  /** Within a partition, a record of a producer after a later send of the same producer. */
  REORDERED(true),
  /** An acknowledged record found at another offset than the one acknowledged. */
  OFFSET_MISMATCH(true),
  /** A record reported failed (not "unknown") that is in the log anyway. */
  FAILED_BUT_WRITTEN(true),
  /** A record of an aborted transaction that read_committed sees. */
  ABORTED_VISIBLE(true),
  /** A transaction of unknown outcome that read_committed sees in part only. */
  TXN_PARTLY_VISIBLE(true),
  /** A send that never got an outcome. */
  UNFINISHED_SEND(true),
  /** An outcome reported twice for one send. */
  COMPLETED_TWICE(true),
  /** A record read that no history knows. */
  NOT_IN_HISTORY(true),
  /** A failed send of unknown outcome that is in the log (allowed). */
  UNKNOWN_WRITTEN(false),
  /** A failed send of unknown outcome that is not in the log (allowed). */
  UNKNOWN_NOT_WRITTEN(false),
  /** A transaction whose end was not logged or not known (its records checked all-or-nothing). */
  TXN_OUTCOME_UNKNOWN(false);

  private final boolean anomaly;

  Finding(boolean anomaly) {
    this.anomaly = anomaly;
  }

  public boolean anomaly() {
    return anomaly;
  }
}
