package dev.plume.network;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * What the client remembers about one node across connections: the current connection, the
 * reconnect backoff, the last failure, the resolved addresses and the reusable buffers.
 */
final class NodeState {

  Node node;
  Connection connection;

  /** Consecutive failed connections (reset once a connection becomes ready). */
  int failedAttempts;

  long backoffUntilMs;
  RuntimeException lastFailure;

  /** True from a failed attempt until the next attempt starts. */
  boolean lastAttemptFailed;

  /** Addresses of the current round of attempts; null to resolve again. */
  InetAddress[] addresses;

  int addressIndex;

  /** Encodes requests; reused for every request to this node, once the previous is written. */
  final RequestEncoder encoder = new RequestEncoder(1024);

  /** Holds one response frame; grows to the largest frame seen, never above the frame cap. */
  ByteBuffer receiveBuffer = ByteBuffer.allocate(0);

  NodeState(Node node) {
    this.node = node;
  }

  ByteBuffer receiveBufferFor(int frameBytes) {
    if (receiveBuffer.capacity() < frameBytes) {
      // Exactly the size: the cap was checked before, and frames near the cap are rare.
      receiveBuffer = ByteBuffer.allocate(Math.max(frameBytes, 512));
    }
    receiveBuffer.clear().limit(frameBytes);
    return receiveBuffer;
  }
}
