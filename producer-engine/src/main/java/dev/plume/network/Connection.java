package dev.plume.network;

import dev.plume.protocol.FrameDecoder;
import dev.plume.protocol.NegotiatedVersions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

/** One socket to one node: its state, the request being written, requests awaiting responses. */
final class Connection {

  enum State {
    /** TCP connect under way. */
    CONNECTING,
    /** The transport's own handshake (TLS, SASL) under way. */
    TRANSPORT_HANDSHAKE,
    /** Our ApiVersions request sent, response awaited. */
    CHECKING_API_VERSIONS,
    /** Versions negotiated: requests may be sent. */
    READY
  }

  private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

  final NodeState owner;
  final Transport transport;
  final SelectionKey key;
  final InetSocketAddress address;
  final long startedMs;
  final long setupDeadlineMs;
  State state = State.CONNECTING;

  /** Requests handed to this connection, oldest first; responses come back in this order. */
  final ArrayDeque<InFlightRequest<?>> inFlight = new ArrayDeque<>();

  /** The request being written and its remaining bytes, or null. */
  private InFlightRequest<?> writing;

  private ByteBuffer[] writeSegments;
  private int writeSegmentIndex;

  private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);
  private ByteBuffer frame; // non-null while a frame body is being read

  NegotiatedVersions versions;
  long lastActivityMs;

  /** True once TCP connected (for the connection counters). */
  boolean established;

  Connection(
      NodeState owner,
      Transport transport,
      SelectionKey key,
      InetSocketAddress address,
      long setupDeadlineMs,
      long nowMs) {
    this.owner = owner;
    this.transport = transport;
    this.key = key;
    this.address = address;
    this.setupDeadlineMs = setupDeadlineMs;
    this.startedMs = nowMs;
    this.lastActivityMs = nowMs;
  }

  boolean isWriting() {
    return writing != null;
  }

  /** Requests that expect a response and are not yet answered, plus the one being written. */
  int inFlightCount() {
    return inFlight.size();
  }

  void startWrite(InFlightRequest<?> request, ByteBuffer[] segments) {
    writing = request;
    writeSegments = segments;
    writeSegmentIndex = 0;
    inFlight.addLast(request);
    updateInterest();
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
    while (writeSegmentIndex < writeSegments.length) {
      long n = transport.write(writeSegments);
      written += n;
      while (writeSegmentIndex < writeSegments.length
          && !writeSegments[writeSegmentIndex].hasRemaining()) {
        writeSegmentIndex++;
      }
      if (n == 0) {
        break;
      }
    }
    updateInterest();
    return written;
  }

  /** The request whose last byte was just written, or null; call after {@link #write()}. */
  InFlightRequest<?> takeWrittenRequest() {
    if (writing != null && writeSegmentIndex >= writeSegments.length) {
      InFlightRequest<?> done = writing;
      writing = null;
      writeSegments = null;
      return done;
    }
    return null;
  }

  /**
   * Reads until one frame is complete or the socket has no more bytes now. The size prefix is
   * checked against the cap BEFORE any buffer is sized for it.
   *
   * @return the frame (position 0, limit = its size; valid until the next call), or null
   * @throws EOFException if the peer closed the connection
   * @throws dev.plume.protocol.ProtocolException if the size is negative, over the cap or TLS
   */
  ByteBuffer readFrame(int maxFrameBytes, TrafficStats nodeStats, TrafficStats total)
      throws IOException {
    if (frame == null) {
      int n = transport.read(sizeBuffer);
      if (n < 0) {
        throw new EOFException("connection closed by the broker");
      }
      count(n, nodeStats, total);
      if (sizeBuffer.hasRemaining()) {
        return null;
      }
      int size = sizeBuffer.getInt(0);
      FrameDecoder.checkSize(size, maxFrameBytes);
      frame = owner.receiveBufferFor(size);
    }
    if (frame.hasRemaining()) {
      int n = transport.read(frame);
      if (n < 0) {
        throw new EOFException("connection closed by the broker in the middle of a response");
      }
      count(n, nodeStats, total);
    }
    if (frame.hasRemaining()) {
      return null;
    }
    ByteBuffer complete = frame.flip();
    frame = null;
    sizeBuffer.clear();
    return complete;
  }

  private static void count(int bytes, TrafficStats nodeStats, TrafficStats total) {
    if (bytes > 0) {
      nodeStats.recordBytesReceived(bytes);
      total.recordBytesReceived(bytes);
    }
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
      if (writing != null || transport.wantsWrite()) {
        ops |= SelectionKey.OP_WRITE;
      }
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  /** Drops every reference to request bytes and closes the socket. */
  void close() {
    key.cancel();
    transport.close();
    writing = null;
    writeSegments = null;
    frame = null;
    owner.encoder.reset();
  }

  @Override
  public String toString() {
    return owner.node + " at " + address + " [" + state + "]";
  }
}
