package dev.plume.bench.history;

/** How a transaction ended, as the producer saw it. */
public enum TxnOutcome {
  /** commitTransaction returned. */
  COMMITTED,
  /** abortTransaction returned. */
  ABORTED,
  /** commit or abort failed or was never reached: the coordinator decides (all or nothing). */
  UNKNOWN
}
