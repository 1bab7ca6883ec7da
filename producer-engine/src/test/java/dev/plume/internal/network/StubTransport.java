package dev.plume.internal.network;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * A {@link Transport} for tests of the connection's own logic: connected and handshaken at once,
 * reads nothing, writes nothing, holds nothing back. Tests override the one or two calls they
 * script.
 */
abstract class StubTransport implements Transport {

  private final SelectableChannel channel;

  /**
   * @param channel what {@link #channel()} returns, or null when the test never registers it
   */
  StubTransport(SelectableChannel channel) {
    this.channel = channel;
  }

  @Override
  public boolean connect(InetSocketAddress address) {
    return true;
  }

  @Override
  public boolean finishConnect() {
    return true;
  }

  @Override
  public boolean handshake() {
    return true;
  }

  @Override
  public int read(ByteBuffer dst) {
    return 0;
  }

  @Override
  public long write(ByteBuffer[] srcs) {
    return 0;
  }

  @Override
  public boolean hasPendingWrites() {
    return false;
  }

  @Override
  public SelectableChannel channel() {
    if (channel == null) {
      throw new UnsupportedOperationException("this test's transport has no channel");
    }
    return channel;
  }

  @Override
  public void close() {}
}
