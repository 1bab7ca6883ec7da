package dev.plume.internal.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per metadata change that moved leaders (which partitions, from which broker to
 * which), not one per partition: a broker restart moves hundreds at once. Leader hints from Produce
 * responses (KIP-951) are collected and reported with the next metadata update.
 *
 * <p>Guarded by the owning {@link ProducerMetadata}'s monitor.
 */
final class LeaderMoveLog {

  private static final Logger log = LoggerFactory.getLogger(LeaderMoveLog.class);
  private static final int MAX_LISTED = 10;

  private final List<String> pending = new ArrayList<>();
  private int pendingNotListed;

  void hinted(String topic, int partition, int fromLeader, int toLeader) {
    if (fromLeader != toLeader) {
      add(topic + "-" + partition + ": " + fromLeader + " -> " + toLeader);
    }
  }

  /** Compares the leaders of the partitions both snapshots know; then logs what moved. */
  void updated(ClusterSnapshot before, ClusterSnapshot after) {
    for (Map.Entry<String, PartitionState[]> e : after.topicStates().entrySet()) {
      PartitionState[] old = before.topicStates().get(e.getKey());
      PartitionState[] now = e.getValue();
      if (old == null || old.length != now.length) {
        continue;
      }
      for (int p = 0; p < now.length; p++) {
        if (old[p].hasLeader() && old[p].leaderId() != now[p].leaderId()) {
          add(e.getKey() + "-" + p + ": " + old[p].leaderId() + " -> " + now[p].leaderId());
        }
      }
    }
    if (!pending.isEmpty()) {
      log.warn(
          "Leaders moved for {} partition(s): {}{}",
          pending.size() + pendingNotListed,
          pending,
          pendingNotListed == 0 ? "" : " and " + pendingNotListed + " more");
      pending.clear();
      pendingNotListed = 0;
    }
  }

  private void add(String move) {
    if (pending.size() < MAX_LISTED) {
      pending.add(move);
    } else {
      pendingNotListed++;
    }
  }
}
