package dev.plume.internal.network;

import java.nio.ByteBuffer;

/**
 * What the client remembers about one node across connections: the current connection, the state of
 * its connection attempts, what the connection log said about the node's outage, and the reusable
 * buffers.
 */
final class NodeState {

  static final int INITIAL_RECEIVE_BUFFER_BYTES = 4096;

  Node node;
  Connection connection;

  /** Backoff, address rotation and last failure of this node's connection attempts. */
  final ReconnectState reconnect = new ReconnectState();

  /** Since when the node has been unreachable (for the "back after" log line), or -1. */
  long unreachableSinceMs = -1;

  /** The current outage's authentication failure was logged at WARN. */
  boolean authenticationFailureLogged;

  /** Encodes requests; reused for every request to this node, once the previous is written. */
  final RequestEncoder encoder = new RequestEncoder(1024);

  /**
   * Bytes read from the socket, holding whole response frames; grows to the largest frame seen
   * (plus its size prefix), never above the frame cap.
   */
  ByteBuffer receiveBuffer = ByteBuffer.allocate(INITIAL_RECEIVE_BUFFER_BYTES);

  /** This node's counters (cached: no map lookup per read or write). */
  final TrafficStats traffic;

  NodeState(Node node, TrafficStats traffic) {
    this.node = node;
    this.traffic = traffic;
  }
}
