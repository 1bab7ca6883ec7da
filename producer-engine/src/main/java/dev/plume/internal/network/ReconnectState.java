package dev.plume.internal.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What one node's connection attempts remember across connections: the reconnect backoff, the
 * rotation through the node's resolved addresses, and the last failure (which the sender reports
 * for the node's batches).
 *
 * <p>I/O thread only, like the rest of {@link NioNetworkClient}'s state.
 */
final class ReconnectState {

  /** Consecutive failed connections (reset once a connection becomes ready). */
  private int failedAttempts;

  /** No new attempt before this time; 0 at first, so the first attempt starts at once. */
  private long backoffUntilMs;

  private RuntimeException lastFailure;

  /** True from a failed attempt until the next attempt starts. */
  private boolean lastAttemptFailed;

  /** Addresses of the current round of attempts; null to resolve again. */
  private InetAddress[] addresses;

  private int addressIndex;

  int failedAttempts() {
    return failedAttempts;
  }

  boolean mayConnect(long nowMs) {
    return nowMs >= backoffUntilMs;
  }

  long backoffDelayMs(long nowMs) {
    return Math.max(0, backoffUntilMs - nowMs);
  }

  /** The last attempt failed and no new one started since. */
  boolean lastAttemptFailed() {
    return lastAttemptFailed;
  }

  /** Why the last attempt failed; null once a connection became ready. */
  RuntimeException lastFailure() {
    return lastFailure;
  }

  /**
   * Starts an attempt: the address to connect to. The first attempt of a round resolves the host
   * (again: DNS may have changed since the previous round); later ones reuse that resolution.
   */
  InetSocketAddress startAttempt(Node node, HostResolver resolver, boolean useAllDnsIps)
      throws UnknownHostException {
    lastAttemptFailed = false;
    if (addresses == null) {
      InetAddress[] all = resolver.resolve(node.host());
      if (all.length == 0) {
        throw new UnknownHostException(node.host() + ": no address");
      }
      addresses = useAllDnsIps ? all : new InetAddress[] {all[0]};
      addressIndex = 0;
    }
    return new InetSocketAddress(addresses[addressIndex], node.port());
  }

  /**
   * The current address failed before TCP connected: moves to the next address of the round.
   *
   * @return the failed address if another one is left to try, else null (the round is over and the
   *     next attempt resolves again)
   */
  InetAddress maybeNextAddress() {
    if (addresses != null && addressIndex + 1 < addresses.length) {
      return addresses[addressIndex++];
    }
    addresses = null;
    return null;
  }

  /** The node moved to another host or port: the resolved addresses are stale. */
  void forgetAddresses() {
    addresses = null;
  }

  /** A connection failed: no attempt before {@code backoffMs} from now. */
  void backOff(RuntimeException cause, long backoffMs, long nowMs) {
    failedAttempts++;
    backoffUntilMs = nowMs + backoffMs;
    lastFailure = cause;
    lastAttemptFailed = true;
  }

  /** A connection became ready: the next failure starts the backoff from its initial value. */
  void succeeded() {
    failedAttempts = 0;
    lastFailure = null;
    lastAttemptFailed = false;
  }
}
