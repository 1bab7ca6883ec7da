package dev.plume.internal.network;

import dev.plume.producer.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator needs to read about connections, and no more: one WARN when a node becomes
 * unreachable (connection lost, or cannot connect), one WARN when it is back (with how long it was
 * gone), one WARN per outage when it refuses our credentials or TLS handshake. The attempts in
 * between, one per reconnect backoff, go to DEBUG.
 *
 * <p>I/O thread only; the per-node state lives in {@link NodeState}.
 */
final class ConnectionLog {

  private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);

  private final String clientId;

  ConnectionLog(String clientId) {
    this.clientId = clientId;
  }

  /** An established connection failed (I/O error, broker closed it, request timeout). */
  void lost(NodeState state, RuntimeException cause, long nowMs) {
    if (cause instanceof AuthenticationException auth) {
      authenticationFailed(state, auth, nowMs);
      return;
    }
    if (state.unreachable(nowMs)) {
      log.warn(
          "Producer {}: connection to {} lost: {}", clientId, state.node(), cause.getMessage());
    } else {
      log.debug("connection to {} lost again: {}", state.node(), cause.getMessage());
    }
  }

  /** An attempt to connect failed (every address tried); the node now backs off. */
  void connectFailed(NodeState state, RuntimeException cause, long nowMs) {
    if (cause instanceof AuthenticationException auth) {
      authenticationFailed(state, auth, nowMs);
      return;
    }
    if (state.unreachable(nowMs)) {
      log.warn(
          "Producer {}: cannot connect to {}: {}; retrying within reconnect.backoff.max.ms",
          clientId,
          state.node(),
          cause.getMessage());
    } else {
      log.debug(
          "connection to {} failed again ({} in a row): {}",
          state.node(),
          state.reconnect().failedAttempts() + 1,
          cause.getMessage());
    }
  }

  private void authenticationFailed(NodeState state, AuthenticationException cause, long nowMs) {
    if (state.authenticationFailed(nowMs)) {
      // The cause names the node and the mechanism (or the TLS handshake).
      log.warn(
          "Producer {}: {}; records for its partitions fail until it accepts us (retrying within"
              + " reconnect.backoff.max.ms)",
          clientId,
          cause.getMessage());
    } else {
      log.debug("authentication with {} failed again: {}", state.node(), cause.getMessage());
    }
  }

  /** A connection became ready (handshakes done). */
  void ready(NodeState state, long nowMs) {
    long outageMs = state.reachable(nowMs);
    if (outageMs >= 0) {
      log.warn(
          "Producer {}: connection to {} is back after {} ms", clientId, state.node(), outageMs);
    }
  }
}
