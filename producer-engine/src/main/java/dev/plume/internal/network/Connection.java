package dev.plume.internal.network;

import dev.plume.internal.protocol.FrameDecoder;
import dev.plume.internal.protocol.NegotiatedVersions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One socket to one node: its life-cycle state, the request being written, the requests awaiting
 * responses, and the reassembly of response frames from the bytes read. The selector loop and
 * {@link ConnectionSetup} move it along through its methods; nothing outside sets its fields.
 *
 * <p>I/O thread only. The receive buffer and the request encoder are the node's and are reused by
 * every connection to it, so requests and responses cost no buffer allocation.
 */
final class Connection {

  enum State {
    /** TCP connect under way. */
    CONNECTING,
    /** The transport's own handshake (TLS) under way. */
    TRANSPORT_HANDSHAKE,
    /** Our ApiVersions request sent, response awaited. */
    CHECKING_API_VERSIONS,
    /** SASL exchange (SaslHandshake, SaslAuthenticate) under way. */
    AUTHENTICATING,
    /** Versions negotiated: requests may be sent. */
    READY
  }

  private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

  final NodeState owner;
  final Transport transport;
  final SelectionKey key;
  final InetSocketAddress address;
  final long startedMs;

  /** The SASL state when the transport authenticates with SASL, else null. */
  final SaslSession sasl;

  /** Deadline of the connection setup, or of a re-authentication under way. */
  private long setupDeadlineMs;

  /** Takes no new requests and is closed once nothing is in flight (reconnect requested). */
  private boolean closeWhenIdle;

  private State state = State.CONNECTING;

  /**
   * Requests handed to this connection, oldest first; responses come back in this order. A ring
   * rather than a deque, so the per-poll deadline scans need no iterator.
   */
  private InFlightRequest<?>[] inFlight = new InFlightRequest<?>[8];

  private int inFlightHead;
  private int inFlightSize;

  /** The request being written and its remaining bytes, or null. */
  private InFlightRequest<?> writing;

  private ByteBuffer[] writeSegments;
  private int writeSegmentCount;
  private int writeSegmentIndex;

  /** A view of the receive buffer framing the last frame read (kept: no slice per frame). */
  private ByteBuffer frameView;

  /** Start of the unconsumed bytes in the node's receive buffer. */
  private int readOffset;

  /** See {@link #socketDrained()}. */
  private boolean socketDrained;

  private NegotiatedVersions versions;
  private long lastActivityMs;

  /** True once TCP connected (for the connection counters). */
  private boolean established;

  Connection(
      NodeState owner,
      Transport transport,
      SaslSession sasl,
      SelectionKey key,
      InetSocketAddress address,
      long setupDeadlineMs,
      long nowMs) {
    this.owner = owner;
    this.transport = transport;
    this.sasl = sasl;
    this.key = key;
    this.address = address;
    this.setupDeadlineMs = setupDeadlineMs;
    this.startedMs = nowMs;
    owner.receiveBuffer().clear(); // a new connection starts a new byte stream
    this.lastActivityMs = nowMs;
  }

  // ---------------------------------------------------------------- life cycle

  State state() {
    return state;
  }

  boolean isReady() {
    return state == State.READY;
  }

  boolean isConnecting() {
    return state == State.CONNECTING;
  }

  boolean isEstablished() {
    return established;
  }

  /** TCP connected: the transport's own handshake (TLS) comes next. */
  void tcpConnected(long nowMs) {
    established = true;
    state = State.TRANSPORT_HANDSHAKE;
    lastActivityMs = nowMs;
  }

  void checkingApiVersions() {
    state = State.CHECKING_API_VERSIONS;
  }

  void authenticating() {
    state = State.AUTHENTICATING;
  }

  /** The exchange with {@code versions} negotiated (and SASL done): requests may flow. */
  void negotiated(NegotiatedVersions versions) {
    this.versions = versions;
  }

  void ready() {
    state = State.READY;
    updateInterest();
  }

  /** The versions of the ApiVersions exchange; null before it completed. */
  NegotiatedVersions versions() {
    return versions;
  }

  long setupDeadlineMs() {
    return setupDeadlineMs;
  }

  /** A re-authentication starts: it gets a fresh setup timeout. */
  void restartSetupClock(long deadlineMs) {
    setupDeadlineMs = deadlineMs;
  }

  /** When the SASL session wants a re-authentication, MAX_VALUE for never. */
  long reauthAtMs() {
    return sasl == null ? Long.MAX_VALUE : sasl.reauthAtMs();
  }

  /** True while a due re-authentication waits for the in-flight requests to drain. */
  boolean reauthWaiting() {
    return sasl != null && sasl.reauthDue();
  }

  void markCloseWhenIdle() {
    closeWhenIdle = true;
  }

  /** Marked to close once idle, and idle now: nothing in flight or being written. */
  boolean shouldCloseNow() {
    return closeWhenIdle && inFlightSize == 0 && writing == null;
  }

  /** True if a request may be handed to this connection now. */
  boolean canSendMore(int maxInFlight) {
    return state == State.READY
        && !reauthWaiting()
        && !closeWhenIdle
        && writing == null
        && inFlightSize < maxInFlight;
  }

  // ---------------------------------------------------------------- activity and deadlines

  void touch(long nowMs) {
    lastActivityMs = nowMs;
  }

  long lastActivityMs() {
    return lastActivityMs;
  }

  /** The earliest deadline among the requests in flight, MAX_VALUE if none. */
  long earliestRequestDeadlineMs() {
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < inFlightSize; i++) {
      earliest = Math.min(earliest, inFlightAt(i).deadlineMs());
    }
    return earliest;
  }

  /** The oldest request in flight whose deadline passed, or null. */
  InFlightRequest<?> firstExpired(long nowMs) {
    for (int i = 0; i < inFlightSize; i++) {
      InFlightRequest<?> r = inFlightAt(i);
      if (nowMs >= r.deadlineMs()) {
        return r;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- in flight

  boolean isWriting() {
    return writing != null;
  }

  boolean hasInFlight() {
    return inFlightSize > 0;
  }

  /** Requests that expect a response and are not yet answered, plus the one being written. */
  int inFlightCount() {
    return inFlightSize;
  }

  /**
   * The request the next response answers, or null if none is awaiting one (the one still being
   * written cannot have been answered yet).
   */
  InFlightRequest<?> awaitingResponse() {
    InFlightRequest<?> oldest = inFlightSize == 0 ? null : inFlight[inFlightHead];
    return oldest == null || oldest == writing ? null : oldest;
  }

  /** Its response arrived: {@link #awaitingResponse()} is no longer in flight. */
  void answered() {
    if (inFlightSize > 0) {
      inFlight[inFlightHead] = null;
      inFlightHead = (inFlightHead + 1) % inFlight.length;
      inFlightSize--;
    }
  }

  /** Removes and returns every request in flight, oldest first, for failing them. */
  InFlightRequest<?>[] drainInFlight() {
    InFlightRequest<?>[] all = new InFlightRequest<?>[inFlightSize];
    for (int i = 0; i < inFlightSize; i++) {
      all[i] = inFlightAt(i);
    }
    java.util.Arrays.fill(inFlight, null);
    inFlightHead = 0;
    inFlightSize = 0;
    return all;
  }

  /**
   * Starts writing {@code request}: {@code segments[0, segmentCount)} (kept by the encoder until
   * the request is written or the connection closed).
   */
  void startWrite(InFlightRequest<?> request, ByteBuffer[] segments, int segmentCount) {
    writing = request;
    writeSegments = segments;
    writeSegmentCount = segmentCount;
    writeSegmentIndex = 0;
    addInFlight(request);
    updateInterest();
  }

  private InFlightRequest<?> inFlightAt(int i) {
    return inFlight[(inFlightHead + i) % inFlight.length];
  }

  private void addInFlight(InFlightRequest<?> request) {
    if (inFlightSize == inFlight.length) {
      InFlightRequest<?>[] grown = new InFlightRequest<?>[inFlight.length * 2];
      for (int i = 0; i < inFlightSize; i++) {
        grown[i] = inFlightAt(i);
      }
      inFlight = grown;
      inFlightHead = 0;
    }
    inFlight[(inFlightHead + inFlightSize) % inFlight.length] = request;
    inFlightSize++;
  }

  /**
   * Writes as much of the current request as the socket takes.
   *
   * @return the bytes written
   */
  long write() throws IOException {
    long written = 0;
    if (transport.hasPendingWrites()) {
      written += transport.write(NOTHING);
    }
    if (writing == null) {
      updateInterest();
      return written;
    }
    while (writeSegmentIndex < writeSegmentCount) {
      long n =
          transport.write(writeSegments, writeSegmentIndex, writeSegmentCount - writeSegmentIndex);
      written += n;
      while (writeSegmentIndex < writeSegmentCount
          && !writeSegments[writeSegmentIndex].hasRemaining()) {
        writeSegmentIndex++;
      }
      if (n == 0 || transport.lastWriteFilledSocket()) {
        break;
      }
    }
    updateInterest();
    return written;
  }

  /**
   * The request whose last byte was just written, or null; call after {@link #write()}. A request
   * that expects no response (acks=0) leaves the in-flight queue here: it is complete.
   */
  InFlightRequest<?> takeWrittenRequest() {
    if (writing != null && writeSegmentIndex >= writeSegmentCount) {
      InFlightRequest<?> done = writing;
      writing = null;
      writeSegments = null;
      writeSegmentCount = 0;
      if (!done.request.expectResponse()) {
        // It is the newest: nothing is queued behind the request being written.
        inFlightSize--;
        inFlight[(inFlightHead + inFlightSize) % inFlight.length] = null;
      }
      return done;
    }
    return null;
  }

  /**
   * Returns the next complete response frame, reading from the socket at most once. Bytes are read
   * in bulk into the node's receive buffer, so several small responses cost one read; a frame's
   * size prefix is checked against the cap BEFORE the buffer grows for it.
   *
   * @return the frame (a view of the receive buffer, reused: valid until the next call), or null if
   *     no frame is complete yet
   * @throws EOFException if the peer closed the connection
   * @throws dev.plume.internal.protocol.ProtocolException if the size is negative, over the cap or
   *     TLS
   */
  ByteBuffer readFrame(int maxFrameBytes, TrafficStats nodeStats, TrafficStats total)
      throws IOException {
    ByteBuffer frame = nextBufferedFrame(maxFrameBytes);
    if (frame != null) {
      return frame;
    }
    int n = transport.read(owner.receiveBuffer());
    if (n < 0) {
      throw new EOFException(
          owner.receiveBuffer().position() > readOffset
              ? "connection closed by the broker in the middle of a response"
              : "connection closed by the broker");
    }
    if (n > 0) {
      nodeStats.recordBytesReceived(n);
      total.recordBytesReceived(n);
    }
    socketDrained = owner.receiveBuffer().hasRemaining();
    return nextBufferedFrame(maxFrameBytes);
  }

  /** As {@link #readFrame} without reading the socket: a frame already buffered, or null. */
  ByteBuffer bufferedFrame(int maxFrameBytes) {
    return nextBufferedFrame(maxFrameBytes);
  }

  /**
   * Whether the last socket read of {@link #readFrame} left room in the buffer: the socket had no
   * more bytes then, so reading again at once would only return nothing (a wasted system call; the
   * selector, level-triggered, reports bytes that arrive later).
   */
  boolean socketDrained() {
    return socketDrained;
  }

  /**
   * A complete frame from the buffer, or null after making room for the rest of the next one.
   * Buffer layout: unconsumed bytes are [readOffset, position); reads append at position.
   */
  private ByteBuffer nextBufferedFrame(int maxFrameBytes) {
    ByteBuffer buffer = owner.receiveBuffer();
    int available = buffer.position() - readOffset;
    if (available < 4) {
      ensureRoom(4);
      return null;
    }
    int size = buffer.getInt(readOffset);
    FrameDecoder.checkSize(size, maxFrameBytes);
    if (available - 4 < size) {
      ensureRoom(4 + size);
      return null;
    }
    ByteBuffer frame = frameView(buffer);
    frame.limit(readOffset + 4 + size).position(readOffset + 4);
    readOffset += 4 + size;
    if (readOffset == buffer.position()) {
      // All consumed: the next read starts at 0 (the frame is handled before that read).
      buffer.clear();
      readOffset = 0;
      if (buffer.capacity() > NodeState.MAX_RETAINED_RECEIVE_BUFFER_BYTES) {
        // A rare huge frame (e.g. metadata of a large cluster) is not kept for good. The frame
        // view still holds the old array, so the frame stays readable.
        owner.receiveBufferGrown(ByteBuffer.allocate(NodeState.INITIAL_RECEIVE_BUFFER_BYTES));
      }
    }
    return frame;
  }

  /** The view framing frames of {@code buffer}: made again only when the buffer was replaced. */
  private ByteBuffer frameView(ByteBuffer buffer) {
    ByteBuffer view = frameView;
    if (view == null || view.array() != buffer.array()) {
      view = buffer.duplicate();
      frameView = view;
    }
    view.clear();
    return view;
  }

  /** Makes [readOffset, readOffset + bytes) fit, compacting or growing the buffer. */
  private void ensureRoom(int bytes) {
    ByteBuffer buffer = owner.receiveBuffer();
    if (buffer.capacity() - readOffset >= bytes) {
      return;
    }
    int pending = buffer.position() - readOffset;
    if (buffer.capacity() >= bytes) {
      System.arraycopy(buffer.array(), readOffset, buffer.array(), 0, pending);
    } else {
      // Grow to the frame size (already checked against the cap), no further.
      ByteBuffer larger = ByteBuffer.allocate(bytes);
      larger.put(0, buffer, readOffset, pending);
      owner.receiveBufferGrown(larger);
      buffer = larger;
    }
    buffer.limit(buffer.capacity()).position(pending);
    readOffset = 0;
  }

  void updateInterest() {
    if (!key.isValid()) {
      return;
    }
    int ops;
    if (state == State.CONNECTING) {
      ops = SelectionKey.OP_CONNECT;
    } else {
      ops = SelectionKey.OP_READ;
      // Only while bytes are left: a request written in full keeps `writing` until the caller
      // takes it, and OP_WRITE left set then costs two epoll_ctl calls and a wasted select.
      if (hasUnwrittenSegments() || transport.wantsWrite()) {
        ops |= SelectionKey.OP_WRITE;
      }
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  private boolean hasUnwrittenSegments() {
    return writing != null && writeSegmentIndex < writeSegmentCount;
  }

  /** Drops every reference to request bytes and closes the socket. */
  void close() {
    key.cancel();
    transport.close();
    writing = null;
    writeSegments = null;
    writeSegmentCount = 0;
    frameView = null;
    owner.receiveBuffer().clear();
    readOffset = 0;
    owner.encoder().reset();
  }

  @Override
  public String toString() {
    return owner.node() + " at " + address + " [" + state + "]";
  }
}
