package dev.plume.internal.sender;

import dev.plume.producer.TopicPartition;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's operator log, rate-limited so that a broker outage produces a few lines, not one per
 * batch: a WARN when a partition's batch is retried (at most one per partition per {@link
 * #INTERVAL_MS}, saying how many retries it stands for), and an ERROR when records fail: the first
 * failure at once, then one summary per interval (how many records, which partitions, the first
 * error), so an application that drops its futures still sees failures. Nothing is logged for
 * records that succeed.
 *
 * <p>Sender thread only.
 */
final class DeliveryLog {

  static final long INTERVAL_MS = 10_000;
  private static final int MAX_PARTITIONS_LISTED = 10;
  private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

  private final String clientId;

  /** Per partition: when its retry was last logged, and how many were not logged since. */
  private final Map<TopicPartition, long[]> retries = new HashMap<>();

  // failure summary window
  private long windowStartMs = -1;
  private long failedRecords;
  private final Set<TopicPartition> failedPartitions = new LinkedHashSet<>();
  private int failedPartitionsNotListed;
  private String firstError;

  DeliveryLog(String clientId) {
    this.clientId = clientId;
  }

  void retrying(
      TopicPartition tp,
      int records,
      int attempt,
      Supplier<? extends RuntimeException> error,
      long nowMs) {
    long[] state = retries.get(tp);
    if (state == null) {
      state = new long[] {nowMs, 0};
      retries.put(tp, state);
    } else if (nowMs - state[0] < INTERVAL_MS) {
      state[1]++;
      return;
    }
    long suppressed = state[1];
    state[0] = nowMs;
    state[1] = 0;
    log.warn(
        "Producer {}: retrying {} record(s) to {} (attempt {}){}: {}",
        clientId,
        records,
        tp,
        attempt,
        suppressed == 0
            ? ""
            : "; "
                + suppressed
                + " more retries of this partition in the last "
                + INTERVAL_MS
                + " ms",
        error.get().getMessage());
  }

  void failed(TopicPartition tp, int records, RuntimeException error, long nowMs) {
    if (windowStartMs < 0) {
      // The first failure after a quiet interval: at once, with its cause.
      windowStartMs = nowMs;
      log.error(
          "Producer {}: {} record(s) to {} failed: {}", clientId, records, tp, describe(error));
      return;
    }
    failedRecords += records;
    if (failedPartitions.size() < MAX_PARTITIONS_LISTED) {
      failedPartitions.add(tp);
    } else if (!failedPartitions.contains(tp)) {
      failedPartitionsNotListed++;
    }
    if (firstError == null) {
      firstError = describe(error);
    }
  }

  /** Every round: logs the pending summary once the interval is over. */
  void maybeFlush(long nowMs) {
    if (windowStartMs >= 0 && nowMs - windowStartMs >= INTERVAL_MS) {
      flush(nowMs);
    }
  }

  /** Logs what is pending now (also at close). */
  void flush(long nowMs) {
    if (windowStartMs < 0) {
      return;
    }
    if (failedRecords == 0) {
      windowStartMs = -1; // quiet for a whole interval: the next failure logs at once
      return;
    }
    log.error(
        "Producer {}: {} more record(s) failed in the last {} ms, partitions {}{}; first error: {}",
        clientId,
        failedRecords,
        nowMs - windowStartMs,
        failedPartitions,
        failedPartitionsNotListed == 0 ? "" : " and " + failedPartitionsNotListed + " more",
        firstError);
    windowStartMs = nowMs;
    failedRecords = 0;
    failedPartitions.clear();
    failedPartitionsNotListed = 0;
    firstError = null;
  }

  private static String describe(RuntimeException error) {
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}
