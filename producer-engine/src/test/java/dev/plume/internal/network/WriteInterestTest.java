package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * A connection asks the selector for OP_WRITE only while request bytes are left to write: each
 * change of interest is an epoll_ctl call at the next select, and a leftover OP_WRITE also makes
 * that select return at once for a socket with nothing to write.
 */
class WriteInterestTest {

  /** Takes at most {@code budgetBytes} in total, like a socket whose send buffer fills up. */
  static final class BudgetTransport extends StubTransport {
    long budgetBytes;
    boolean reportsFullSocket;
    int writeCalls;

    BudgetTransport(SelectableChannel channel, long budgetBytes) {
      super(channel);
      this.budgetBytes = budgetBytes;
    }

    @Override
    public boolean lastWriteFilledSocket() {
      return reportsFullSocket && budgetBytes == 0;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
      writeCalls++;
      long written = 0;
      for (ByteBuffer src : srcs) {
        int n = (int) Math.min(src.remaining(), budgetBytes - written);
        src.position(src.position() + n);
        written += n;
      }
      budgetBytes -= written;
      return written;
    }
  }

  /** An unconnected channel registered with a selector: a real key whose interest is read back. */
  private record Registered(Selector selector, SocketChannel channel, SelectionKey key)
      implements AutoCloseable {
    static Registered open() throws IOException {
      Selector selector = Selector.open();
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      return new Registered(selector, channel, channel.register(selector, SelectionKey.OP_CONNECT));
    }

    @Override
    public void close() throws IOException {
      channel.close();
      selector.close();
    }
  }

  private static Connection connection(BudgetTransport transport, SelectionKey key) {
    NodeState owner = new NodeState(new Node(1, "h", 1), new TrafficStats());
    Connection c = new Connection(owner, transport, null, key, null, Long.MAX_VALUE, 0);
    c.tcpConnected(0);
    return c;
  }

  private static ByteBuffer[] request(int sizeBytes) {
    return new ByteBuffer[] {ByteBuffer.allocate(4), ByteBuffer.allocate(sizeBytes - 4)};
  }

  @Test
  void aRequestWrittenInFullLeavesOnlyReadInterest() throws IOException {
    try (Registered r = Registered.open()) {
      SelectionKey key = r.key();
      SocketChannel channel = r.channel();
      Connection c = connection(new BudgetTransport(channel, Long.MAX_VALUE), key);

      c.startWrite(new InFlightRequest<>(), request(100), 2);
      long written = c.write();

      assertThat(written).isEqualTo(100);
      // Still the request being written until the caller takes it, but nothing left to write.
      assertThat(c.isWriting()).isTrue();
      assertThat(key.interestOps()).isEqualTo(SelectionKey.OP_READ);
    }
  }

  /** Starts a 100-byte request whose transport takes its first 60 bytes, then nothing. */
  private static Connection sixtyOfAHundredWritten(Registered r, BudgetTransport transport)
      throws IOException {
    Connection c = connection(transport, r.key());
    c.startWrite(new InFlightRequest<>(), request(100), 2);
    assertThat(c.write()).isEqualTo(60);
    return c;
  }

  @Test
  void aPartlyWrittenRequestKeepsWriteInterestUntilItsLastByte() throws IOException {
    try (Registered r = Registered.open()) {
      BudgetTransport transport = new BudgetTransport(r.channel(), 60);
      Connection c = sixtyOfAHundredWritten(r, transport);
      assertThat(r.key().interestOps())
          .isEqualTo(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // wait for room

      transport.budgetBytes = Long.MAX_VALUE;
      assertThat(c.write()).isEqualTo(40);
      assertThat(r.key().interestOps()).isEqualTo(SelectionKey.OP_READ);
    }
  }

  @Test
  void aTransportThatSaysTheSocketIsFullIsNotAskedAgainInTheSameWrite() throws IOException {
    try (Registered r = Registered.open()) {
      BudgetTransport transport = new BudgetTransport(r.channel(), 60);
      transport.reportsFullSocket = true;
      Connection c = sixtyOfAHundredWritten(r, transport);
      // A staging transport would copy the rest again only for a write that takes nothing.
      assertThat(transport.writeCalls).isEqualTo(1);
      assertThat(r.key().interestOps()).isEqualTo(SelectionKey.OP_READ | SelectionKey.OP_WRITE);

      transport.budgetBytes = Long.MAX_VALUE;
      assertThat(c.write()).isEqualTo(40);
      assertThat(transport.writeCalls).isEqualTo(2);
    }
  }

  @Test
  void withoutThatSignalAShortWriteIsFollowedByOneThatTakesNothing() throws IOException {
    try (Registered r = Registered.open()) {
      BudgetTransport transport = new BudgetTransport(r.channel(), 60);
      sixtyOfAHundredWritten(r, transport);
      assertThat(transport.writeCalls).isEqualTo(2);
    }
  }
}
