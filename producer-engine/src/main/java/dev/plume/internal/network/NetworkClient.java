package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.NegotiatedVersions;
import java.util.List;
import java.util.Optional;

/**
 * Asynchronous request/response I/O with the brokers, one connection per node.
 *
 * <p><b>Threading.</b> Single-threaded: one thread (the sender's I/O thread) calls every method,
 * except {@link #wakeup()} and {@link #stats()}, which any thread may call. Completion handlers run
 * on that thread, inside {@link #poll}.
 *
 * <p><b>Calling protocol.</b>
 *
 * <pre>
 * while (running) {
 *   long now = clock.nowMs();
 *   for each request to send:
 *     if (client.ready(node, now)) client.send(request, now);  // else: retry after a poll
 *   client.poll(timeoutMs, now);                                // I/O + completion handlers
 * }
 * </pre>
 *
 * <p><b>Buffers.</b> A request's bytes (including buffers attached with {@link
 * RequestEncoder#appendBuffer}) are referenced by the client until its handler runs; when the
 * handler runs, the client holds no reference to them any more, so they may be reused.
 */
public interface NetworkClient extends AutoCloseable {

  /**
   * True if a request can be sent to {@code node} now: connected, ApiVersions handshake done, the
   * previous request fully written and fewer than max.in.flight.requests.per.connection requests
   * awaiting responses. Otherwise starts connecting if there is no connection and the reconnect
   * backoff allows it, and returns false.
   */
  boolean ready(Node node, long nowMs);

  /** As {@link #ready} but without side effects. */
  boolean isReady(Node node, long nowMs);

  /**
   * Milliseconds until it makes sense to check {@code node} again: 0 if ready or connectable now,
   * the remaining reconnect backoff if the last attempt failed, or {@code Long.MAX_VALUE} while a
   * connection exists but cannot take a request (connecting, handshake, a request still being
   * written, max in flight reached): a poll event, not time, will change that, so the caller should
   * not spin.
   */
  long connectionDelayMs(Node node, long nowMs);

  /**
   * The "send to this node or tell me how long to wait" step of every request the producer sends to
   * one node: 0 when {@link #ready} (which also starts a connection if needed) says a request can
   * go now, else how long to wait: the reconnect backoff (at least 1 ms), or {@code maxWaitMs}
   * while only a poll event can change it.
   */
  default long readyOrWaitMs(Node node, long nowMs, long maxWaitMs) {
    if (ready(node, nowMs)) {
      return 0;
    }
    long delay = connectionDelayMs(node, nowMs);
    return delay == Long.MAX_VALUE ? maxWaitMs : Math.max(1, delay);
  }

  /** True if the last connection attempt to {@code node} failed (and none is under way now). */
  boolean connectionFailed(Node node);

  /**
   * Why the last connection to {@code node} failed or was closed (connect refused, handshake
   * failure, unsupported broker version, protocol violation, ...), or null.
   */
  RuntimeException connectionFailure(Node node);

  /**
   * The version the client would use for {@code key} on {@code node}'s current connection: the
   * highest version both sides support.
   *
   * @throws IllegalStateException if the handshake with the node is not done
   * @throws dev.plume.producer.errors.UnsupportedVersionException if no version is common
   */
  short apiVersion(Node node, ApiKey key);

  /**
   * Everything negotiated with {@code node}'s current connection (API ranges and finalized features
   * such as {@code transaction.version}), or empty when it is not ready.
   */
  default Optional<NegotiatedVersions> negotiatedVersions(Node node) {
    return Optional.empty();
  }

  /**
   * Queues {@code request} for its destination, which must be {@link #ready}. The body is encoded
   * now; the bytes are written during the following polls. The outcome is always delivered to the
   * request's handler inside a later {@link #poll}, never from this method.
   *
   * @throws IllegalStateException if the destination is not ready
   */
  <R> void send(ClientRequest<R> request, long nowMs);

  /**
   * Does the I/O: finishes connects and handshakes, writes queued requests, reads and parses
   * responses, expires requests and idle connections, and runs completion handlers. Blocks at most
   * {@code timeoutMs} (less if a deadline is nearer), or until {@link #wakeup()}; 0 does not block.
   */
  void poll(long timeoutMs, long nowMs);

  /**
   * Asks for every open connection to be closed as soon as it has no request in flight (new
   * requests wait for the new connection), so that the next connections pick up replaced TLS
   * material. Thread-safe; takes effect in the next {@link #poll}. Requests in flight are answered
   * on the old connection, so nothing is resent.
   */
  default void closeConnectionsWhenIdle() {}

  /** Makes a blocked or the next {@link #poll} return promptly. Thread-safe. */
  void wakeup();

  /** Requests sent and not yet completed, over all nodes. */
  int inFlightRequestCount();

  /** Requests sent to {@code nodeId} and not yet completed. */
  int inFlightRequestCount(int nodeId);

  /**
   * Whether {@code nodeId}'s connection holds as many requests awaiting a response as it may
   * (max.in.flight.requests.per.connection), so it takes no request before one of them completes.
   * That completion (a response, a disconnect, or the request timeout, which bounds the poll) ends
   * a {@link #poll} by itself, with no {@link #wakeup}. I/O thread only. Implementations that
   * cannot tell answer false: the caller then never counts on that.
   */
  default boolean atInFlightLimit(int nodeId) {
    return false;
  }

  /**
   * The candidate with the fewest requests in flight, preferring ready or connected nodes, then
   * nodes with no connection that may connect now; nodes in reconnect backoff are skipped. Null if
   * every candidate is backing off. Does not start a connection.
   */
  Node leastLoadedNode(List<Node> candidates, long nowMs);

  /**
   * Closes the connection to {@code nodeId}; its requests complete (inside the next poll) as
   * disconnected. No reconnect backoff is applied.
   */
  void disconnect(int nodeId);

  /** Counters, readable from any thread. */
  NetworkStats stats();

  /** Closes every connection and the selector; requests in flight complete as disconnected. */
  @Override
  void close();
}
