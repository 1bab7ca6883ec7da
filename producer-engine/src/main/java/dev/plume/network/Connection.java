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

  /** Deadline of the connection setup, or of a re-authentication under way. */
  long setupDeadlineMs;

  /** When to re-authenticate (KIP-368, the broker gave a session lifetime), else MAX_VALUE. */
  long reauthAtMs = Long.MAX_VALUE;

  /** True once reauthAtMs passed: no new requests until the exchange is done. */
  boolean reauthDue;

  /** Takes no new requests and is closed once nothing is in flight (reconnect requested). */
  boolean closeWhenIdle;

  /** Completed SASL exchanges on this connection (the first, then re-authentications). */
  int authentications;

  State state = State.CONNECTING;

  /** Requests handed to this connection, oldest first; responses come back in this order. */
  final ArrayDeque<InFlightRequest<?>> inFlight = new ArrayDeque<>();

  /** The request being written and its remaining bytes, or null. */
  private InFlightRequest<?> writing;

  private ByteBuffer[] writeSegments;
  private int writeSegmentIndex;

  /** Start of the unconsumed bytes in the node's receive buffer. */
  private int readOffset;

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
    owner.receiveBuffer.clear(); // a new connection starts a new byte stream
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
   * Returns the next complete response frame, reading from the socket at most once. Bytes are read
   * in bulk into the node's receive buffer, so several small responses cost one read; a frame's
   * size prefix is checked against the cap BEFORE the buffer grows for it.
   *
   * @return the frame (a slice: valid until the next call), or null if no frame is complete yet
   * @throws EOFException if the peer closed the connection
   * @throws dev.plume.protocol.ProtocolException if the size is negative, over the cap or TLS
   */
  ByteBuffer readFrame(int maxFrameBytes, TrafficStats nodeStats, TrafficStats total)
      throws IOException {
    ByteBuffer frame = nextBufferedFrame(maxFrameBytes);
    if (frame != null) {
      return frame;
    }
    int n = transport.read(owner.receiveBuffer);
    if (n < 0) {
      throw new EOFException(
          owner.receiveBuffer.position() > readOffset
              ? "connection closed by the broker in the middle of a response"
              : "connection closed by the broker");
    }
    if (n > 0) {
      nodeStats.recordBytesReceived(n);
      total.recordBytesReceived(n);
    }
    return nextBufferedFrame(maxFrameBytes);
  }

  /**
   * A complete frame from the buffer, or null after making room for the rest of the next one.
   * Buffer layout: unconsumed bytes are [readOffset, position); reads append at position.
   */
  private ByteBuffer nextBufferedFrame(int maxFrameBytes) {
    ByteBuffer buffer = owner.receiveBuffer;
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
    ByteBuffer frame = buffer.slice(readOffset + 4, size);
    readOffset += 4 + size;
    if (readOffset == buffer.position()) {
      // All consumed: the next read starts at 0 (the frame is handled before that read).
      buffer.clear();
      readOffset = 0;
    }
    return frame;
  }

  /** Makes [readOffset, readOffset + bytes) fit, compacting or growing the buffer. */
  private void ensureRoom(int bytes) {
    ByteBuffer buffer = owner.receiveBuffer;
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
      owner.receiveBuffer = larger;
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
    owner.receiveBuffer.clear();
    readOffset = 0;
    owner.encoder.reset();
  }

  @Override
  public String toString() {
    return owner.node + " at " + address + " [" + state + "]";
  }
}
