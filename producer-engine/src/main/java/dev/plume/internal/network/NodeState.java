package dev.plume.internal.network;

import java.nio.ByteBuffer;

/**
 * What the client remembers about one node across connections: the current connection, the state of
 * its connection attempts, what the connection log said about the node's outage, and the reusable
 * buffers. Only the client's I/O thread uses it.
 */
final class NodeState {

  static final int INITIAL_RECEIVE_BUFFER_BYTES = 4096;

  /**
   * A receive buffer grown past this for one large frame goes back to the initial size once it is
   * empty: one huge response must not pin its memory for the life of the producer.
   */
  static final int MAX_RETAINED_RECEIVE_BUFFER_BYTES = 1 << 20;

  private Node node;
  private Connection connection; // null between connections

  /** Backoff, address rotation and last failure of this node's connection attempts. */
  private final ReconnectState reconnect = new ReconnectState();

  /** Since when the node has been unreachable (for the "back after" log line), or -1. */
  private long unreachableSinceMs = -1;

  /** The current outage's authentication failure was logged at WARN. */
  private boolean authenticationFailureLogged;

  /** Encodes requests; reused for every request to this node, once the previous is written. */
  private final RequestEncoder encoder = new RequestEncoder(1024);

  /**
   * Bytes read from the socket, holding whole response frames; grows to the largest frame seen
   * (plus its size prefix), never above the frame cap.
   */
  private ByteBuffer receiveBuffer = ByteBuffer.allocate(INITIAL_RECEIVE_BUFFER_BYTES);

  /** This node's counters (cached: no map lookup per read or write). */
  private final TrafficStats traffic;

  NodeState(Node node, TrafficStats traffic) {
    this.node = node;
    this.traffic = traffic;
  }

  Node node() {
    return node;
  }

  /** The connection being set up or in use, or null. */
  Connection connection() {
    return connection;
  }

  ReconnectState reconnect() {
    return reconnect;
  }

  RequestEncoder encoder() {
    return encoder;
  }

  TrafficStats traffic() {
    return traffic;
  }

  ByteBuffer receiveBuffer() {
    return receiveBuffer;
  }

  // ---------------------------------------------------------------- what happens to the node

  /**
   * Metadata moved the node to another host or port (its old connection already closed): the
   * addresses resolved for the old one are forgotten.
   */
  void movedTo(Node moved) {
    this.node = moved;
    reconnect.forgetAddresses();
  }

  /** A connection attempt started with {@code c}. */
  void connecting(Connection c) {
    this.connection = c;
  }

  /** The current connection was closed (failed, timed out, closed by the client). */
  void disconnected() {
    this.connection = null;
  }

  /**
   * Replaces the receive buffer with a larger one (holding the unread bytes), for a frame that does
   * not fit.
   */
  void receiveBufferGrown(ByteBuffer larger) {
    this.receiveBuffer = larger;
  }

  // ---------------------------------------------------------------- outage, for the log

  /**
   * The node failed at {@code nowMs}; returns whether this starts an outage (nothing logged yet).
   */
  boolean unreachable(long nowMs) {
    if (unreachableSinceMs >= 0) {
      return false;
    }
    unreachableSinceMs = nowMs;
    return true;
  }

  /**
   * Authentication with the node failed (it is unreachable from then on); returns whether this is
   * the first authentication failure of the outage, to be logged at WARN.
   */
  boolean authenticationFailed(long nowMs) {
    unreachable(nowMs);
    if (authenticationFailureLogged) {
      return false;
    }
    authenticationFailureLogged = true;
    return true;
  }

  /**
   * A connection became ready: the outage, if any, ends. Returns how long it lasted, or -1 when the
   * node was not unreachable.
   */
  long reachable(long nowMs) {
    long outageMs = unreachableSinceMs >= 0 ? nowMs - unreachableSinceMs : -1;
    unreachableSinceMs = -1;
    authenticationFailureLogged = false;
    return outageMs;
  }
}
