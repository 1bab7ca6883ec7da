package dev.plume.internal.accumulator;

import dev.plume.internal.network.Node;
import java.util.List;
import java.util.Set;

/**
 * Which leaders have data to send now (each once), how long until the next may, and which topics
 * have queued data but no known leader (their metadata needs a refresh).
 *
 * <p>The accumulator's own object, refilled by its next ready check (one per check would be an
 * object per sender round): use it before that. Sender thread only.
 */
public final class ReadyCheckResult {

  private final List<Node> readyNodes;
  private long nextReadyCheckDelayMs;
  private Set<String> unknownLeaderTopics = Set.of();

  ReadyCheckResult(List<Node> readyNodes) {
    this.readyNodes = readyNodes;
  }

  void set(long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {
    this.nextReadyCheckDelayMs = nextReadyCheckDelayMs;
    this.unknownLeaderTopics = unknownLeaderTopics;
  }

  /** The ready leaders (the accumulator's list, refilled by the next check). */
  public List<Node> readyNodes() {
    return readyNodes;
  }

  public long nextReadyCheckDelayMs() {
    return nextReadyCheckDelayMs;
  }

  public Set<String> unknownLeaderTopics() {
    return unknownLeaderTopics;
  }
}
