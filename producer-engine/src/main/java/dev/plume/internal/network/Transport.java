package dev.plume.internal.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * The byte stream under one connection. {@link PlaintextTransport} is a bare SocketChannel; a TLS
 * transport (SSLEngine) wraps the same calls, so the client logic does not change. A transport is a
 * byte pipe only: Kafka-level setup (ApiVersions, SASL) belongs to the network client's connection
 * setup. Non-blocking: no method waits for the network. Used by the I/O thread only.
 *
 * <p>Life cycle: {@link #connect} → ({@link #finishConnect} until true) → ({@link #handshake} until
 * true) → {@link #read}/{@link #write} → {@link #close}.
 */
public interface Transport extends AutoCloseable {

  /** Starts a non-blocking connect; true if it completed at once. */
  boolean connect(InetSocketAddress address) throws IOException;

  /** Completes a pending connect; true once connected. Throws if the connect failed. */
  boolean finishConnect() throws IOException;

  /**
   * Advances the transport's own handshake (TLS); true once application bytes can flow. Plaintext:
   * always true. May read and write; {@link #wantsWrite()} says if it needs OP_WRITE.
   */
  boolean handshake() throws IOException;

  /** Reads into {@code dst}; returns the byte count, 0 if nothing is available, -1 at EOF. */
  int read(ByteBuffer dst) throws IOException;

  /** Gathering write; returns the number of application bytes accepted (may be 0). */
  long write(ByteBuffer[] srcs) throws IOException;

  /**
   * Gathering write of {@code srcs[offset, offset + length)}, as {@link #write(ByteBuffer[])}: lets
   * the caller keep one segment array across requests. The default copies the range into a new
   * array; the transports of the I/O path override it without allocating.
   */
  default long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return write(java.util.Arrays.copyOfRange(srcs, offset, offset + length));
  }

  /**
   * True if the last write took less than the transport offered the socket, so the socket's send
   * buffer is full and writing again before it is writable would only cost work. False when the
   * transport cannot tell (then the caller writes until a write takes nothing).
   */
  default boolean lastWriteFilledSocket() {
    return false;
  }

  /** True if the transport itself holds bytes still to flush (e.g. encrypted records). */
  boolean hasPendingWrites();

  /**
   * True if bytes are already buffered inside the transport (e.g. decrypted) so a read makes sense
   * even when the socket is not readable.
   */
  default boolean hasBufferedReads() {
    return false;
  }

  /** True if the handshake or a buffered flush needs the socket writable. */
  default boolean wantsWrite() {
    return hasPendingWrites();
  }

  /** The channel to register with the selector. */
  SelectableChannel channel();

  /** Closes the socket; idempotent, never throws. */
  @Override
  void close();
}
