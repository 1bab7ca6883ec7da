package dev.plume.internal.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection and traffic counters of a {@link NetworkClient}. Updated by the I/O thread only; every
 * getter may be called from any thread (values are individually up to date, not a consistent
 * snapshot across counters).
 */
public final class NetworkStats {

  private volatile long connectionsCreated;
  private volatile long connectionsClosed;
  private volatile long connectionFailures;
  private volatile long reauthentications;
  private final TrafficStats total = new TrafficStats();
  private final Map<Integer, TrafficStats> perNode = new ConcurrentHashMap<>();
  private final java.util.Set<Integer> connectedNodes = ConcurrentHashMap.newKeySet();

  void nodeConnected(int nodeId) {
    connectedNodes.add(nodeId);
  }

  void nodeDisconnected(int nodeId) {
    connectedNodes.remove(nodeId);
  }

  /** Ids of the nodes with an open connection now (bootstrap addresses have negative ids). */
  public java.util.Set<Integer> connectedNodes() {
    return java.util.Collections.unmodifiableSet(connectedNodes);
  }

  void recordConnectionCreated() {
    connectionsCreated++;
  }

  void recordConnectionClosed() {
    connectionsClosed++;
  }

  void recordConnectionFailure() {
    connectionFailures++;
  }

  void recordReauthentication() {
    reauthentications++;
  }

  /** Successful SASL re-authentications on open connections (KIP-368). */
  public long reauthentications() {
    return reauthentications;
  }

  TrafficStats node(int nodeId) {
    return perNode.computeIfAbsent(nodeId, id -> new TrafficStats());
  }

  /** Connections established (TCP connected) so far. */
  public long connectionsCreated() {
    return connectionsCreated;
  }

  /** Established connections closed so far, for any reason. */
  public long connectionsClosed() {
    return connectionsClosed;
  }

  /** Connection attempts that failed before being established. */
  public long connectionFailures() {
    return connectionFailures;
  }

  public long openConnections() {
    return connectionsCreated - connectionsClosed;
  }

  /** Totals over all nodes. */
  public TrafficStats total() {
    return total;
  }

  /** Per node id (bootstrap nodes have negative ids); a live, read-only view. */
  public Map<Integer, TrafficStats> perNode() {
    return java.util.Collections.unmodifiableMap(perNode);
  }

  @Override
  public String toString() {
    return "connections created="
        + connectionsCreated
        + " closed="
        + connectionsClosed
        + " failed="
        + connectionFailures
        + " "
        + total;
  }
}
