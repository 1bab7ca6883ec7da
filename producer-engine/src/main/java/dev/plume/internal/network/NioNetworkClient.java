package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.NegotiatedVersions;
import dev.plume.internal.protocol.ProtocolException;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestHeader;
import dev.plume.internal.protocol.ResponseHeader;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.PlumeException;
import dev.plume.producer.errors.ProtocolViolationException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NetworkClient} over a {@link Selector}: one non-blocking connection per node, each
 * going CONNECTING → TRANSPORT_HANDSHAKE → CHECKING_API_VERSIONS (→ AUTHENTICATING) → READY, then
 * closed (and reconnected on demand, after an exponential backoff if it failed).
 *
 * <p>This class is the selector loop: it connects, writes requests, reads responses, expires
 * deadlines and runs completions. What a connection does between TCP connect and READY (and when it
 * re-authenticates) is {@link ConnectionSetup}'s; what a node remembers between connections
 * (backoff, addresses, last failure) is {@link ReconnectState}'s.
 *
 * <p>Single-threaded except {@link #wakeup()} and {@link #stats()}: see {@link NetworkClient}.
 */
public final class NioNetworkClient implements NetworkClient {

  /** Set by any thread, consumed by the I/O thread: see {@link #closeConnectionsWhenIdle}. */
  private volatile boolean closeWhenIdleRequested;

  private static final Logger log = LoggerFactory.getLogger(NioNetworkClient.class);

  private final NetworkConfig config;

  private final ConnectionLog connectionLog;
  private final NetworkEnvironment env;
  private final Selector selector;
  // KIP-580's rule, as for produce retries: doubled per failed attempt, times a factor in
  // [0.8, 1.2) drawn from the environment, capped after the factor
  private final RetryBackoff reconnectBackoff;
  private final RetryBackoff setupTimeout;
  private final NetworkStats stats = new NetworkStats();
  private final ConnectionSetup setup;
  private final Map<Integer, NodeState> nodes = new HashMap<>();
  private final List<NodeState> connected = new ArrayList<>(); // nodes with a connection
  // Requests whose outcome is known, for their handlers (run at the end of each poll).
  private List<InFlightRequest<?>> completions = new ArrayList<>();
  private List<InFlightRequest<?>> completing = new ArrayList<>();

  /**
   * Entries whose handler ran, for the next requests: at most max.in.flight per known node wait
   * here, so a request costs no entry object and the pool stays small.
   */
  private final ArrayDeque<InFlightRequest<?>> freeEntries = new ArrayDeque<>();

  private int nextCorrelationId;
  private boolean closed;

  // The select's key handler (one object, not one per poll) and the times it reads.
  private final Consumer<SelectionKey> onSelected = this::onSelected;
  private long pollNowMs;
  private long selectedAtMs;

  /** Reads every response frame in turn (parsers copy what they keep, see ResponseParser). */
  private final ProtocolReader frameReader = new ProtocolReader(ByteBuffer.allocate(0));

  public NioNetworkClient(NetworkConfig config, NetworkEnvironment env) {
    this.config = config;
    this.connectionLog = new ConnectionLog(config.clientId());
    this.env = env;
    this.reconnectBackoff =
        new RetryBackoff(config.reconnectBackoffMs(), config.reconnectBackoffMaxMs(), env.random());
    this.setupTimeout =
        new RetryBackoff(
            config.connectionSetupTimeoutMs(), config.connectionSetupTimeoutMaxMs(), env.random());
    this.setup = new ConnectionSetup(config, env, connectionLog, stats, new SetupLoop());
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a NIO selector", e);
    }
  }

  // ---------------------------------------------------------------- readiness and connecting

  @Override
  public boolean ready(Node node, long nowMs) {
    NodeState state = stateOf(node, nowMs);
    Connection c = state.connection();
    if (c != null) {
      return canSendMore(c);
    }
    if (state.reconnect().mayConnect(nowMs) && !closed) {
      initiateConnect(state, nowMs);
      c = state.connection();
      return c != null && canSendMore(c);
    }
    return false;
  }

  @Override
  public boolean isReady(Node node, long nowMs) {
    NodeState state = nodes.get(node.id());
    return state != null && state.connection() != null && canSendMore(state.connection());
  }

  private boolean canSendMore(Connection c) {
    return c.canSendMore(config.maxInFlightPerConnection());
  }

  @Override
  public long connectionDelayMs(Node node, long nowMs) {
    NodeState state = nodes.get(node.id());
    if (state == null) {
      return 0;
    }
    Connection c = state.connection();
    if (c == null) {
      return state.reconnect().backoffDelayMs(nowMs);
    }
    // Connected but busy (handshake, a partial write, in-flight limit): the next poll event
    // (connect, writable, response) is what changes readiness, not time.
    return canSendMore(c) ? 0 : Long.MAX_VALUE;
  }

  @Override
  public boolean connectionFailed(Node node) {
    NodeState state = nodes.get(node.id());
    return state != null && state.connection() == null && state.reconnect().lastAttemptFailed();
  }

  @Override
  public RuntimeException connectionFailure(Node node) {
    NodeState state = nodes.get(node.id());
    return state == null ? null : state.reconnect().lastFailure();
  }

  @Override
  public short apiVersion(Node node, ApiKey key) {
    return negotiatedVersion(readyConnection(node), key, key.minVersion(), key.maxVersion());
  }

  /** The versions negotiated with {@code node}'s current connection, if it is ready. */
  @Override
  public Optional<NegotiatedVersions> negotiatedVersions(Node node) {
    NodeState state = nodes.get(node.id());
    Connection c = state == null ? null : state.connection();
    return c != null && c.isReady() ? Optional.of(c.versions()) : Optional.empty();
  }

  private Connection readyConnection(Node node) {
    NodeState state = nodes.get(node.id());
    Connection c = state == null ? null : state.connection();
    if (c == null || !c.isReady()) {
      throw new IllegalStateException(node + " is not connected (call ready() and poll() first)");
    }
    return c;
  }

  private static short negotiatedVersion(
      Connection c, ApiKey key, short minVersion, short maxVersion) {
    try {
      return c.versions().version(key, minVersion, maxVersion);
    } catch (dev.plume.internal.protocol.UnsupportedVersionException e) {
      if (minVersion > key.minVersion() && c.versions().isUsable(key, maxVersion)) {
        // The broker speaks the API, only not the newer version this request needs.
        throw new UnsupportedVersionException(
            c.owner.node()
                + " supports "
                + key
                + " only up to v"
                + c.versions().brokerRange(key).orElseThrow().maxVersion()
                + " but this request needs v"
                + minVersion
                + " or later",
            e);
      }
      throw new UnsupportedVersionException(c.owner.node() + ": " + e.getMessage(), e);
    }
  }

  private NodeState stateOf(Node node, long nowMs) {
    NodeState state = nodes.get(node.id());
    if (state == null) {
      state = new NodeState(node, stats.node(node.id()));
      nodes.put(node.id(), state);
    } else if (!state.node().host().equals(node.host()) || state.node().port() != node.port()) {
      // The node moved (metadata update): the old socket points at the wrong broker.
      log.info("{} moved to {}; reconnecting", state.node(), node.address());
      if (state.connection() != null) {
        closeConnection(
            state,
            new NetworkException(state.node() + " moved to " + node.address()),
            false,
            false,
            nowMs);
      }
      state.movedTo(node);
    }
    return state;
  }

  private void initiateConnect(NodeState state, long nowMs) {
    Node node = state.node();
    InetSocketAddress address;
    try {
      address = state.reconnect().startAttempt(node, env.resolver(), config.useAllDnsIps());
    } catch (UnknownHostException e) {
      connectFailed(
          state, new NetworkException("cannot resolve " + node.address() + ": " + e, e), nowMs);
      return;
    }
    Transport transport = null;
    try {
      transport = env.transports().create(node, config);
      SaslSession sasl = setup.newSaslSession();
      SelectionKey key = transport.channel().register(selector, SelectionKey.OP_CONNECT, state);
      // failedAttempts() counts failures so far; the rule's first wait is attempt 1
      long timeoutMs = setupTimeout.backoffMs(state.reconnect().failedAttempts() + 1);
      Connection c = new Connection(state, transport, sasl, key, address, nowMs + timeoutMs, nowMs);
      state.connecting(c);
      connected.add(state);
      log.debug("connecting to {} at {}", node, address);
      if (transport.connect(address)) {
        onTcpConnected(c, nowMs);
      }
    } catch (IOException | RuntimeException e) {
      if (state.connection() != null) {
        failConnection(state, connectError(state, e), nowMs);
      } else {
        if (transport != null) {
          transport.close();
        }
        connectFailed(state, connectError(state, e), nowMs);
      }
    }
  }

  private static NetworkException connectError(NodeState state, Exception e) {
    return new NetworkException("cannot connect to " + state.node() + ": " + e, e);
  }

  private void onTcpConnected(Connection c, long nowMs) throws IOException {
    c.tcpConnected(nowMs);
    stats.recordConnectionCreated();
    stats.nodeConnected(c.owner.node().id());
    log.debug("connected to {}", c);
    setup.continueTransportHandshake(c, nowMs);
  }

  /** The setup's view of this loop: a fixed object, so the setup allocates nothing per call. */
  private final class SetupLoop implements ConnectionSetup.Loop {

    @Override
    public void sendInternal(Connection c, ClientRequest<?> request, short version, long nowMs) {
      enqueue(c, request, version, nowMs, true);
      if (c.owner.connection() == c && c.isWriting()) {
        tryWrite(c, nowMs);
      }
    }

    @Override
    public void fail(Connection c, RuntimeException cause, long nowMs) {
      failConnection(c.owner, cause, nowMs);
    }
  }

  // ---------------------------------------------------------------- sending

  @Override
  public <R> void send(ClientRequest<R> request, long nowMs) {
    NodeState state = nodes.get(request.destination().id());
    Connection c = state == null ? null : state.connection();
    if (c == null || !canSendMore(c)) {
      throw new IllegalStateException(
          "cannot send "
              + request.apiKey()
              + " to "
              + request.destination()
              + ": not ready (check ready() first)");
    }
    short version;
    try {
      version = negotiatedVersion(c, request.apiKey(), request.minVersion(), request.maxVersion());
    } catch (UnsupportedVersionException e) {
      InFlightRequest<R> never = newEntry();
      completions.add(
          never
              .init(request, (short) -1, -1, nowMs, 0, false)
              .failure(state.node().id(), false, false, e, nowMs));
      return;
    }
    enqueue(c, request, version, nowMs, false);
  }

  /** Encodes {@code request} into the node's reusable encoder and starts writing it. */
  private <R> void enqueue(
      Connection c, ClientRequest<R> request, short version, long nowMs, boolean internal) {
    long timeoutMs =
        request.requestTimeoutMs() >= 0 ? request.requestTimeoutMs() : config.requestTimeoutMs();
    InFlightRequest<R> inFlight =
        this.<R>newEntry().init(request, version, nextCorrelationId++, nowMs, timeoutMs, internal);
    RequestEncoder encoder = c.owner.encoder();
    encoder.reset();
    try {
      ProtocolWriter writer = encoder.writer();
      int prefix = writer.startSizePrefix();
      RequestHeader.write(
          writer, request.apiKey(), version, inFlight.correlationId, config.clientId());
      request.body().write(encoder, version);
      long frameBytes = encoder.sizeBytes() - 4;
      if (frameBytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            request.apiKey() + " request of " + frameBytes + " bytes exceeds 2 GiB");
      }
      writer.putInt32At(prefix, (int) frameBytes);
    } catch (RuntimeException e) {
      encoder.reset();
      RuntimeException error =
          e instanceof dev.plume.internal.protocol.UnsupportedVersionException
              ? new UnsupportedVersionException(e.getMessage(), e)
              : e;
      if (internal) {
        failConnection(c.owner, new PlumeException("cannot encode " + inFlight, error), nowMs);
      } else {
        completions.add(inFlight.failure(c.owner.node().id(), false, false, error, nowMs));
      }
      return;
    }
    TrafficStats nodeStats = c.owner.traffic();
    nodeStats.recordRequestSent();
    stats.total().recordRequestSent();
    if (log.isTraceEnabled()) {
      log.trace("sending {} of {} bytes to {}", inFlight, encoder.sizeBytes(), c.owner.node());
    }
    int segmentCount = encoder.prepareSegments();
    c.startWrite(inFlight, encoder.segmentArray(), segmentCount);
    c.touch(nowMs);
  }

  // ---------------------------------------------------------------- polling

  @Override
  public void closeConnectionsWhenIdle() {
    closeWhenIdleRequested = true;
    wakeup();
  }

  /** On the I/O thread: marks every connection, then closes those with nothing in flight. */
  private void maybeCloseIdleMarked(long nowMs) {
    if (closeWhenIdleRequested) {
      closeWhenIdleRequested = false;
      for (int i = 0; i < connected.size(); i++) {
        Connection c = connected.get(i).connection();
        if (c != null) {
          c.markCloseWhenIdle();
        }
      }
    }
    for (int i = connected.size() - 1; i >= 0; i--) {
      NodeState state = connected.get(i);
      Connection c = state.connection();
      if (c != null && c.shouldCloseNow()) {
        log.debug("{} closed on request, to reconnect with fresh TLS material", c);
        closeConnection(
            state,
            new NetworkException("connection to " + state.node() + " closed to reconnect"),
            false,
            false,
            nowMs);
      }
    }
  }

  @Override
  public void poll(long timeoutMs, long nowMs) {
    if (closed) {
      throw new IllegalStateException("the network client is closed");
    }
    maybeCloseIdleMarked(nowMs);
    // Write first without waiting for OP_WRITE: a socket is almost always writable, and this
    // saves one select per request.
    boolean becameSendable = false;
    for (int i = connected.size() - 1; i >= 0; i--) {
      Connection c = connected.get(i).connection();
      if (c != null && c.isWriting()) {
        tryWrite(c, nowMs);
        becameSendable |= c.owner.connection() == c && canSendMore(c);
      }
    }
    // A connection that finished writing can take the next request now: do not block the
    // caller, who may have more to send to it.
    long selectTimeoutMs =
        completions.isEmpty() && !becameSendable ? nextDeadlineDelayMs(timeoutMs, nowMs) : 0;
    // Keys go straight to onSelected: no selected-key set (a node and an iterator per poll).
    pollNowMs = nowMs;
    selectedAtMs = -1;
    try {
      if (selectTimeoutMs <= 0) {
        selector.selectNow(onSelected);
      } else {
        selector.select(onSelected, selectTimeoutMs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("selector failed", e);
    }
    long afterMs = afterSelectMs();
    expire(afterMs);
    maybeCloseIdleMarked(afterMs);
    runCompletions();
  }

  /** The time after the select, read once per poll (by the first key handled, or after). */
  private long afterSelectMs() {
    if (selectedAtMs < 0) {
      selectedAtMs = Math.max(pollNowMs, env.clock().nowMs());
    }
    return selectedAtMs;
  }

  private void onSelected(SelectionKey key) {
    NodeState state = (NodeState) key.attachment();
    Connection c = state.connection();
    if (c == null || c.key != key) {
      return; // closed earlier in this poll
    }
    handleSelected(c, key, afterSelectMs());
  }

  private void handleSelected(Connection c, SelectionKey key, long nowMs) {
    NodeState state = c.owner;
    try {
      if (!key.isValid()) {
        failConnection(state, new NetworkException("connection to " + c + " was closed"), nowMs);
        return;
      }
      if (c.isConnecting() && key.isConnectable()) {
        if (!c.transport.finishConnect()) {
          return;
        }
        onTcpConnected(c, nowMs);
        if (state.connection() != c) {
          return;
        }
      } else if (c.state() == Connection.State.TRANSPORT_HANDSHAKE) {
        setup.continueTransportHandshake(c, nowMs);
        return;
      }
      if (c.isConnecting()) {
        return;
      }
      if (c.isWriting() || (key.isValid() && key.isWritable())) {
        tryWrite(c, nowMs);
        if (state.connection() != c) {
          return;
        }
      }
      if (key.isValid() && (key.isReadable() || c.transport.hasBufferedReads())) {
        readResponses(c, nowMs);
      }
    } catch (EOFException e) {
      failConnection(state, new NetworkException(c + ": " + e.getMessage(), e), nowMs);
    } catch (SSLException e) {
      // Before READY a TLS failure is the handshake (certificate, host name, client certificate
      // refused): retrying cannot help, so it is reported as an authentication failure.
      failConnection(
          state,
          !c.isReady()
              ? new AuthenticationException("TLS handshake with " + c + " failed: " + e, e)
              : new NetworkException(c + ": TLS error: " + e, e),
          nowMs);
    } catch (IOException e) {
      failConnection(
          state,
          c.isEstablished()
              ? new NetworkException(c + ": I/O error: " + e, e)
              : connectError(state, e),
          nowMs);
    } catch (ProtocolException e) {
      String text = c + " sent bytes that break the protocol: " + e.getMessage();
      failConnection(
          state,
          !c.isReady() && e.getMessage().contains("TLS")
              // A plaintext client on a TLS port: a configuration error no retry can fix.
              ? new AuthenticationException(text, e)
              : new ProtocolViolationException(text, e),
          nowMs);
    }
  }

  private void tryWrite(Connection c, long nowMs) {
    try {
      long written = c.write();
      if (written > 0) {
        c.owner.traffic().recordBytesSent(written);
        stats.total().recordBytesSent(written);
        c.touch(nowMs);
      }
      InFlightRequest<?> done = c.takeWrittenRequest();
      if (done != null) {
        c.owner.encoder().reset();
        if (!done.request.expectResponse()) {
          completions.add(done.success(c.owner.node().id(), null, nowMs));
        }
      }
    } catch (IOException e) {
      failConnection(c.owner, new NetworkException(c + ": write failed: " + e, e), nowMs);
    }
  }

  private void readResponses(Connection c, long nowMs) throws IOException {
    NodeState state = c.owner;
    TrafficStats nodeStats = state.traffic();
    // After a read that emptied the socket only buffered frames are left: one more read would
    // return nothing (a response costs one read, not two).
    boolean socketDrained = false;
    while (state.connection() == c) {
      ByteBuffer frame =
          socketDrained
              ? c.bufferedFrame(config.maxFrameBytes())
              : c.readFrame(config.maxFrameBytes(), nodeStats, stats.total());
      if (frame == null) {
        // A TLS transport may hold decrypted bytes the socket will not signal again.
        if (c.transport.hasBufferedReads()) {
          socketDrained = false;
          continue;
        }
        return;
      }
      socketDrained |= c.socketDrained();
      c.touch(nowMs);
      handleFrame(c, frame, nowMs);
    }
  }

  private void handleFrame(Connection c, ByteBuffer frame, long nowMs) {
    NodeState state = c.owner;
    InFlightRequest<?> request = c.awaitingResponse();
    if (request == null) {
      throw new ProtocolException(
          "received a response of " + frame.remaining() + " bytes but no request is awaiting one");
    }
    ProtocolReader reader = frameReader.reset(frame);
    ApiKey apiKey = request.request.apiKey();
    int correlationId =
        ResponseHeader.readCorrelationId(reader, apiKey.responseHeaderVersion(request.version));
    if (correlationId != request.correlationId) {
      throw new ProtocolException(
          "response correlation id "
              + correlationId
              + " does not match the oldest request in flight, "
              + request);
    }
    c.answered();
    if (request.internal) {
      long latencyMs = nowMs - request.sentTimeMs;
      state.traffic().recordResponse(latencyMs);
      stats.total().recordResponse(latencyMs);
      setup.onResponse(c, request, reader, nowMs);
      return;
    }
    completeWithBody(c, request, reader, nowMs);
  }

  private <R> void completeWithBody(
      Connection c, InFlightRequest<R> request, ProtocolReader reader, long nowMs) {
    int nodeId = c.owner.node().id();
    R body;
    try {
      body = request.request.parser().read(reader, request.version);
    } catch (RuntimeException e) {
      ProtocolViolationException error =
          new ProtocolViolationException(
              "cannot parse the "
                  + request
                  + " response from "
                  + c.owner.node()
                  + ": "
                  + e.getMessage()
                  + "; closing the connection",
              e);
      completions.add(request.failure(nodeId, false, false, error, nowMs));
      failConnection(c.owner, error, nowMs);
      return;
    }
    long latencyMs = nowMs - request.sentTimeMs;
    if (log.isTraceEnabled()) {
      log.trace("response to {} from {} after {} ms", request, c.owner.node(), latencyMs);
    }
    c.owner.traffic().recordResponse(latencyMs);
    stats.total().recordResponse(latencyMs);
    completions.add(request.success(nodeId, body, nowMs));
  }

  // ---------------------------------------------------------------- timeouts

  private long nextDeadlineDelayMs(long timeoutMs, long nowMs) {
    long delay = Math.max(0, timeoutMs);
    for (int i = 0; i < connected.size(); i++) {
      Connection c = connected.get(i).connection();
      if (c == null) {
        continue;
      }
      if (!c.isReady()) {
        delay = Math.min(delay, c.setupDeadlineMs() - nowMs);
      } else if (c.reauthAtMs() != Long.MAX_VALUE) {
        // A due re-authentication waiting for the last response: check again right after it.
        delay = Math.min(delay, c.reauthWaiting() && !c.hasInFlight() ? 0 : c.reauthAtMs() - nowMs);
      }
      long requestDeadlineMs = c.earliestRequestDeadlineMs();
      if (requestDeadlineMs != Long.MAX_VALUE) {
        delay = Math.min(delay, requestDeadlineMs - nowMs);
      }
      if (c.isReady() && !c.hasInFlight() && config.connectionsMaxIdleMs() >= 0) {
        delay = Math.min(delay, c.lastActivityMs() + config.connectionsMaxIdleMs() - nowMs);
      }
    }
    return Math.max(0, delay);
  }

  private void expire(long nowMs) {
    for (int i = connected.size() - 1; i >= 0; i--) {
      NodeState state = connected.get(i);
      Connection c = state.connection();
      if (c == null) {
        continue;
      }
      if (!c.isReady() && nowMs >= c.setupDeadlineMs()) {
        failConnection(
            state,
            new TimeoutException(
                "connection setup to "
                    + c
                    + " timed out after "
                    + (c.setupDeadlineMs() - c.startedMs)
                    + " ms (socket.connection.setup.timeout.ms)"),
            nowMs);
        continue;
      }
      InFlightRequest<?> expired = c.firstExpired(nowMs);
      if (expired != null) {
        TimeoutException error =
            new TimeoutException(
                "no response to "
                    + expired
                    + " from "
                    + state.node()
                    + " within "
                    + expired.timeoutMs
                    + " ms (request.timeout.ms); connection closed");
        connectionLog.lost(state, error, nowMs);
        closeConnection(state, error, true, true, nowMs);
        continue;
      }
      if (c.isReady() && nowMs >= c.reauthAtMs()) {
        setup.maybeReauthenticate(c, nowMs);
        continue;
      }
      if (c.isReady()
          && !c.hasInFlight()
          && config.connectionsMaxIdleMs() >= 0
          && nowMs - c.lastActivityMs() >= config.connectionsMaxIdleMs()) {
        log.debug("closing {}: idle for {} ms", c, nowMs - c.lastActivityMs());
        closeConnection(
            state, new NetworkException(c + " closed after being idle"), false, false, nowMs);
      }
    }
  }

  // ---------------------------------------------------------------- closing

  /** Closes after a failure: counts it, applies the reconnect backoff, fails what is in flight. */
  private void failConnection(NodeState state, RuntimeException cause, long nowMs) {
    Connection c = state.connection();
    if (c == null) {
      return;
    }
    if (!c.isEstablished()) {
      c.close();
      state.disconnected();
      connected.remove(state);
      connectFailed(state, cause, nowMs);
      return;
    }
    connectionLog.lost(state, cause, nowMs);
    closeConnection(state, cause, true, false, nowMs);
  }

  /** An attempt failed before TCP connected: try the next address, or back off. */
  private void connectFailed(NodeState state, RuntimeException cause, long nowMs) {
    stats.recordConnectionFailure();
    InetAddress failed = state.reconnect().maybeNextAddress();
    if (failed != null) {
      log.debug(
          "{} at {} failed ({}); trying the next address",
          state.node(),
          failed,
          cause.getMessage());
      initiateConnect(state, nowMs);
      return;
    }
    // Repeats while a broker is down: one line per outage at WARN, the rest at debug.
    connectionLog.connectFailed(state, cause, nowMs);
    backOff(state, cause, nowMs);
  }

  private void backOff(NodeState state, RuntimeException cause, long nowMs) {
    long backoffMs = reconnectBackoff.backoffMs(state.reconnect().failedAttempts() + 1);
    state.reconnect().backOff(cause, backoffMs, nowMs);
  }

  private void closeConnection(
      NodeState state, RuntimeException cause, boolean backOff, boolean timedOut, long nowMs) {
    Connection c = state.connection();
    if (c == null) {
      return;
    }
    // Drop every reference to request bytes BEFORE any handler runs: a handler may recycle them.
    c.close();
    state.disconnected();
    connected.remove(state);
    if (c.isEstablished()) {
      stats.recordConnectionClosed();
      stats.nodeDisconnected(state.node().id());
    }
    if (backOff) {
      backOff(state, cause, nowMs);
    }
    int nodeId = state.node().id();
    for (InFlightRequest<?> r : c.drainInFlight()) {
      if (!r.internal) {
        RuntimeException error =
            timedOut
                ? cause
                : new NetworkException(
                    "connection to "
                        + state.node()
                        + " lost before the response to "
                        + r
                        + ": "
                        + cause.getMessage(),
                    cause);
        completions.add(r.failure(nodeId, true, timedOut, error, nowMs));
      }
    }
  }

  @Override
  public void disconnect(int nodeId) {
    NodeState state = nodes.get(nodeId);
    if (state != null && state.connection() != null) {
      closeConnection(
          state,
          new NetworkException("connection to " + state.node() + " closed by the client"),
          false,
          false,
          env.clock().nowMs());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long nowMs = env.clock().nowMs();
    for (NodeState state : new ArrayList<>(connected)) {
      closeConnection(
          state, new NetworkException("the network client was closed"), false, false, nowMs);
    }
    runCompletions();
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing the selector failed", e);
    }
  }

  // ---------------------------------------------------------------- completions

  private void runCompletions() {
    while (!completions.isEmpty()) {
      // Swap so that handlers calling send() queue into a fresh list.
      List<InFlightRequest<?>> batch = completions;
      completions = completing;
      completing = batch;
      for (int i = 0; i < batch.size(); i++) {
        invoke(batch.get(i));
      }
      batch.clear();
    }
  }

  private void invoke(InFlightRequest<?> entry) {
    try {
      entry.complete();
    } catch (RuntimeException e) {
      log.error("completion handler of a {} request threw; ignored", entry.apiName(), e);
    }
    // The handler ran, and nothing else refers to the entry: reuse it.
    entry.clear();
    if (freeEntries.size() < config.maxInFlightPerConnection() * Math.max(1, nodes.size())) {
      freeEntries.addLast(entry);
    }
  }

  /** A request entry from the pool, or a new one. */
  @SuppressWarnings("unchecked") // pooled entries are cleared: any type parameter fits
  private <R> InFlightRequest<R> newEntry() {
    InFlightRequest<?> entry = freeEntries.pollLast();
    return entry != null ? (InFlightRequest<R>) entry : new InFlightRequest<>();
  }

  // ---------------------------------------------------------------- misc

  @Override
  public void wakeup() {
    selector.wakeup();
  }

  @Override
  public int inFlightRequestCount() {
    int count = 0;
    for (int i = 0; i < connected.size(); i++) {
      Connection c = connected.get(i).connection();
      if (c != null) {
        count += publicInFlight(c);
      }
    }
    return count;
  }

  @Override
  public int inFlightRequestCount(int nodeId) {
    NodeState state = nodes.get(nodeId);
    return state == null || state.connection() == null ? 0 : publicInFlight(state.connection());
  }

  @Override
  public boolean atInFlightLimit(int nodeId) {
    NodeState state = nodes.get(nodeId);
    Connection c = state == null ? null : state.connection();
    return c != null && c.isReady() && c.inFlightCount() >= config.maxInFlightPerConnection();
  }

  private static int publicInFlight(Connection c) {
    return c.isReady() ? c.inFlightCount() : 0;
  }

  @Override
  public Node leastLoadedNode(List<Node> candidates, long nowMs) {
    Node best = null;
    int bestInFlight = Integer.MAX_VALUE;
    Node connecting = null;
    Node connectable = null;
    for (Node node : candidates) {
      NodeState state = nodes.get(node.id());
      Connection c = state == null ? null : state.connection();
      if (c != null && c.isReady()) {
        int inFlight = c.inFlightCount();
        if (inFlight == 0 && !c.isWriting()) {
          return node;
        }
        if (inFlight < bestInFlight) {
          best = node;
          bestInFlight = inFlight;
        }
      } else if (c != null) {
        if (connecting == null) {
          connecting = node;
        }
      } else if ((state == null || state.reconnect().mayConnect(nowMs)) && connectable == null) {
        connectable = node;
      }
    }
    if (best != null) {
      return best;
    }
    return connecting != null ? connecting : connectable;
  }

  /** For tests: whether a request to the node is not yet fully written. */
  boolean hasPendingWrite(int nodeId) {
    NodeState state = nodes.get(nodeId);
    return state != null && state.connection() != null && state.connection().isWriting();
  }

  /** For tests: the capacity of the node's reusable receive buffer. */
  int receiveBufferCapacity(int nodeId) {
    NodeState state = nodes.get(nodeId);
    return state == null ? 0 : state.receiveBuffer().capacity();
  }

  @Override
  public NetworkStats stats() {
    return stats;
  }
}
