package dev.plume.internal.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/** TCP without encryption or authentication: reads and writes go straight to the channel. */
public final class PlaintextTransport implements Transport {

  /**
   * The most bytes one write hands to the socket: above the default socket send buffer (128 KiB),
   * so a write is not cut short by the stage before the socket would have cut it.
   */
  static final int STAGING_BYTES = 256 * 1024;

  /**
   * One staging buffer per writing thread, shared by all its connections (writes happen on the
   * producer's I/O thread, one at a time), as the JDK keeps its temporary buffers per thread: a
   * producer with connections to many brokers holds one, not one per broker. It is created on the
   * thread's first write of heap buffers and goes away with the thread.
   */
  private static final ThreadLocal<WriteStaging> STAGING =
      ThreadLocal.withInitial(() -> new WriteStaging(STAGING_BYTES));

  private final SocketChannel channel;
  private boolean lastWriteFilledSocket;

  private PlaintextTransport(SocketChannel channel) {
    this.channel = channel;
  }

  /** An unconnected non-blocking socket with TCP_NODELAY, keepalive and the configured buffers. */
  public static PlaintextTransport open(NetworkConfig config) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.configureBlocking(false);
      // Requests are complete frames written at once; Nagle would only add latency.
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      if (config.sendBufferBytes() > 0) {
        channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferBytes());
      }
      if (config.receiveBufferBytes() > 0) {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
      }
      return new PlaintextTransport(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public boolean connect(InetSocketAddress address) throws IOException {
    return channel.connect(address);
  }

  @Override
  public boolean finishConnect() throws IOException {
    return channel.finishConnect();
  }

  @Override
  public boolean handshake() {
    return true;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public long write(ByteBuffer[] srcs) throws IOException {
    return write(srcs, 0, srcs.length);
  }

  /** Heap segments go through one direct staging buffer: see {@link WriteStaging}. */
  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (!WriteStaging.anyHeap(srcs, offset, length)) {
      lastWriteFilledSocket = false;
      return channel.write(srcs, offset, length);
    }
    ByteBuffer staged = STAGING.get().stage(srcs, offset, length);
    int offered = staged.remaining();
    int written = channel.write(staged);
    WriteStaging.advance(srcs, offset, length, written);
    // A short write of one buffer means the send buffer is full: the caller's next try would
    // stage (copy) up to a whole staging buffer again only to write nothing.
    lastWriteFilledSocket = written < offered;
    return written;
  }

  @Override
  public boolean lastWriteFilledSocket() {
    return lastWriteFilledSocket;
  }

  @Override
  public boolean hasPendingWrites() {
    return false;
  }

  @Override
  public SelectableChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a socket we are abandoning: nothing useful to do with the failure.
    }
  }
}
