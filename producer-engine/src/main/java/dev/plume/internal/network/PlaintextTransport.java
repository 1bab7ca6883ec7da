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

  private final SocketChannel channel;

  /** Allocated on the first write of heap buffers (a connection that never writes needs none). */
  private WriteStaging staging;

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
      return channel.write(srcs, offset, length);
    }
    if (staging == null) {
      staging = new WriteStaging(STAGING_BYTES);
    }
    int written = channel.write(staging.stage(srcs, offset, length));
    WriteStaging.advance(srcs, offset, length, written);
    return written;
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
