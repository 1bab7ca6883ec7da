package dev.plume.internal.network;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}. Encrypted bytes wait in {@code netOut}
 * until the socket takes them; received records accumulate in {@code netIn} until complete;
 * decrypted bytes the caller had no room for wait in {@code appIn}. Renegotiation (TLS 1.2) is
 * refused, as Kafka brokers never ask for it; a close sends close_notify on a best-effort basis.
 */
final class SslTransport implements Transport {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final PlaintextTransport socket;
  private final SocketChannel channel;
  private final SSLEngine engine;

  /** Encrypted bytes to send, in read mode (position..limit pending). */
  private ByteBuffer netOut;

  /** Encrypted bytes received, in write mode. */
  private ByteBuffer netIn;

  /** Decrypted bytes not yet handed out, in write mode. */
  private ByteBuffer appIn;

  private boolean handshakeStarted;
  private boolean handshakeDone;

  /** True when a read stopped with the caller's buffer full, so netIn may hold whole records. */
  private boolean unwrapPending;

  private boolean closed;

  SslTransport(PlaintextTransport socket, SSLEngine engine) {
    this.socket = socket;
    this.channel = (SocketChannel) socket.channel();
    this.engine = engine;
    SSLSession session = engine.getSession();
    this.netOut = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
    this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
    this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
  }

  @Override
  public boolean connect(InetSocketAddress address) throws IOException {
    return socket.connect(address);
  }

  @Override
  public boolean finishConnect() throws IOException {
    return socket.finishConnect();
  }

  @Override
  public boolean handshake() throws IOException {
    if (handshakeDone) {
      return true;
    }
    if (!handshakeStarted) {
      engine.beginHandshake();
      handshakeStarted = true;
    }
    try {
      return stepHandshake();
    } catch (SSLException e) {
      sendAlertQuietly();
      throw e;
    }
  }

  private boolean stepHandshake() throws IOException {
    while (true) {
      if (!flush()) {
        return false; // wantsWrite() asks for OP_WRITE
      }
      HandshakeStatus status = engine.getHandshakeStatus();
      switch (status) {
        case NEED_TASK -> runDelegatedTasks();
        case NEED_WRAP -> wrap(EMPTY);
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (!unwrapForHandshake()) {
            return false;
          }
        }
        case FINISHED, NOT_HANDSHAKING -> {
          handshakeDone = true;
          return true;
        }
      }
    }
  }

  /** One unwrap step; false if more bytes must arrive first. */
  private boolean unwrapForHandshake() throws IOException {
    netIn.flip();
    SSLEngineResult result;
    try {
      result = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
    switch (result.getStatus()) {
      case OK -> {
        return true;
      }
      case BUFFER_UNDERFLOW -> {
        ensureNetInRoom();
        int n = channel.read(netIn);
        if (n < 0) {
          throw new EOFException(
              "the broker closed the connection during the TLS handshake (is the port a TLS"
                  + " listener? does it require a client certificate?)");
        }
        return n > 0;
      }
      case BUFFER_OVERFLOW -> {
        appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        return true;
      }
      case CLOSED -> throw new SSLException("the broker closed TLS during the handshake");
      default -> throw new IllegalStateException("unexpected " + result.getStatus());
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = drainAppIn(dst);
    boolean eof = false;
    unwrapPending = false;
    while (dst.hasRemaining()) {
      netIn.flip();
      SSLEngineResult result;
      try {
        result = engine.unwrap(netIn, appIn);
      } finally {
        netIn.compact();
      }
      SSLEngineResult.Status status = result.getStatus();
      if (status == SSLEngineResult.Status.OK) {
        checkPostHandshake(result.getHandshakeStatus());
        n += drainAppIn(dst);
      } else if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
        ensureNetInRoom();
        int got = channel.read(netIn);
        if (got < 0) {
          eof = true;
          break;
        }
        if (got == 0) {
          break;
        }
      } else if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        if (appIn.position() > 0) {
          n += drainAppIn(dst);
        } else {
          appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        }
      } else { // CLOSED: the broker sent close_notify
        eof = true;
        break;
      }
    }
    if (!dst.hasRemaining()) {
      unwrapPending = true;
    }
    return n == 0 && eof ? -1 : n;
  }

  /** After the handshake only TLS 1.3 post-handshake messages are fine; renegotiation is not. */
  private void checkPostHandshake(HandshakeStatus status) throws IOException {
    switch (status) {
      case NOT_HANDSHAKING, FINISHED -> {}
      case NEED_TASK -> runDelegatedTasks();
      case NEED_WRAP -> {
        if (!"TLSv1.3".equals(engine.getSession().getProtocol())) {
          throw new SSLException("the broker asked for TLS renegotiation, which is not supported");
        }
        wrap(EMPTY); // a TLS 1.3 KeyUpdate answer
        flush();
      }
      default ->
          throw new SSLException("the broker asked for TLS renegotiation, which is not supported");
    }
  }

  private int drainAppIn(ByteBuffer dst) {
    if (appIn.position() == 0) {
      return 0;
    }
    appIn.flip();
    int count = Math.min(appIn.remaining(), dst.remaining());
    dst.put(dst.position(), appIn, appIn.position(), count);
    dst.position(dst.position() + count);
    appIn.position(appIn.position() + count);
    appIn.compact();
    return count;
  }

  @Override
  public long write(ByteBuffer[] srcs) throws IOException {
    return write(srcs, 0, srcs.length);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (!flush()) {
      return 0;
    }
    long consumed = 0;
    while (hasRemaining(srcs, offset, length)) {
      SSLEngineResult result = wrap(srcs, offset, length);
      consumed += result.bytesConsumed();
      if (!flush() || result.bytesConsumed() == 0) {
        break;
      }
    }
    return consumed;
  }

  private SSLEngineResult wrap(ByteBuffer... srcs) throws SSLException {
    return wrap(srcs, 0, srcs.length);
  }

  private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws SSLException {
    while (true) {
      netOut.compact();
      SSLEngineResult result;
      try {
        result = engine.wrap(srcs, offset, length, netOut);
      } finally {
        netOut.flip();
      }
      switch (result.getStatus()) {
        case OK -> {
          if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runDelegatedTasks();
          }
          return result;
        }
        case BUFFER_OVERFLOW -> {
          if (netOut.hasRemaining()) {
            return result; // flush first, then wrap again
          }
          netOut = grow(netOut.clear(), engine.getSession().getPacketBufferSize()).flip();
        }
        case CLOSED -> throw new SSLException("the TLS connection is closed");
        default -> throw new IllegalStateException("unexpected " + result.getStatus());
      }
    }
  }

  /** Writes pending encrypted bytes; true once none is left. */
  private boolean flush() throws IOException {
    while (netOut.hasRemaining()) {
      if (channel.write(netOut) == 0) {
        return false;
      }
    }
    return true;
  }

  private void runDelegatedTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run(); // certificate checks: short, and the I/O thread has nothing else to do here
    }
  }

  private void ensureNetInRoom() {
    if (!netIn.hasRemaining()) {
      netIn = grow(netIn, engine.getSession().getPacketBufferSize());
    }
  }

  /** A larger copy of a write-mode buffer: at least {@code minCapacity}, else twice the size. */
  private static ByteBuffer grow(ByteBuffer buffer, int minCapacity) {
    int capacity = Math.max(minCapacity, buffer.capacity() * 2);
    ByteBuffer larger = ByteBuffer.allocate(capacity);
    buffer.flip();
    larger.put(buffer);
    return larger;
  }

  private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (srcs[i].hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean hasPendingWrites() {
    return netOut.hasRemaining();
  }

  @Override
  public boolean hasBufferedReads() {
    return appIn.position() > 0 || unwrapPending;
  }

  @Override
  public boolean wantsWrite() {
    return netOut.hasRemaining()
        || (!handshakeDone
            && handshakeStarted
            && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
  }

  @Override
  public SelectableChannel channel() {
    return channel;
  }

  /** Best effort: the alert explaining a failed handshake helps the broker's log. */
  private void sendAlertQuietly() {
    try {
      engine.closeOutbound();
      wrap(EMPTY);
      flush();
    } catch (IOException | RuntimeException ignored) {
      // the handshake failure being thrown is what matters
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (handshakeDone && channel.isConnected()) {
      // close_notify, without waiting for the socket or the broker's answer.
      sendAlertQuietly();
    }
    socket.close();
  }
}
