package dev.plume.internal.metadata;

import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.Node;
import java.util.List;

/**
 * Where a request that any broker can answer (Metadata, InitProducerId, FindCoordinator) goes now,
 * or how long to wait before looking again: the least-loaded candidate if its connection is ready,
 * else the time until it may be.
 *
 * @param node the chosen node, null when every candidate is backing off
 * @param waitMs 0 when the request can be sent to {@code node} now
 */
public record NodeOrWait(Node node, long waitMs) {

  /** Whether the request can go to {@link #node()} now. */
  public boolean sendNow() {
    return node != null && waitMs == 0;
  }

  /**
   * @param noNodeWaitMs the wait when every candidate is backing off (retry.backoff.ms)
   * @param maxWaitMs the wait when the connection's delay is unknown
   */
  public static NodeOrWait leastLoaded(
      NetworkClient client, List<Node> candidates, long nowMs, long noNodeWaitMs, long maxWaitMs) {
    return of(client, client.leastLoadedNode(candidates, nowMs), nowMs, noNodeWaitMs, maxWaitMs);
  }

  /** As {@link #leastLoaded}, for a node already chosen (null when there is none). */
  public static NodeOrWait of(
      NetworkClient client, Node node, long nowMs, long noNodeWaitMs, long maxWaitMs) {
    if (node == null) {
      return new NodeOrWait(null, noNodeWaitMs);
    }
    return new NodeOrWait(node, client.readyOrWaitMs(node, nowMs, maxWaitMs));
  }
}
