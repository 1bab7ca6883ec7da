package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.protocol.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The connection's receive path over a fake {@link Transport} that hands out bytes in arbitrary
 * chunks: whatever the chunking, the frames come out whole and in order, and the buffer never grows
 * past the largest frame.
 */
class FrameReassemblyTest {

  /** Serves queued chunks; a read returns at most the rest of the current chunk. */
  static final class ChunkedTransport extends StubTransport {
    final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    boolean eof;

    ChunkedTransport() {
      super(null);
    }

    @Override
    public int read(ByteBuffer dst) {
      ByteBuffer chunk = chunks.peekFirst();
      if (chunk == null) {
        return eof ? -1 : 0;
      }
      int n = Math.min(chunk.remaining(), dst.remaining());
      dst.put(dst.position(), chunk, chunk.position(), n);
      dst.position(dst.position() + n);
      chunk.position(chunk.position() + n);
      if (!chunk.hasRemaining()) {
        chunks.pollFirst();
      }
      return n;
    }
  }

  private static Connection connection(ChunkedTransport transport) {
    NodeState owner = new NodeState(new Node(1, "h", 1), new TrafficStats());
    return new Connection(owner, transport, null, null, null, Long.MAX_VALUE, 0);
  }

  @Property(tries = 200)
  void framesSurviveAnyChunking(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 20_000) Integer> sizes,
      @ForAll @IntRange(min = 1, max = 9_000) int chunkBytes)
      throws IOException {
    List<byte[]> frames = new ArrayList<>();
    ByteBuffer stream = ByteBuffer.allocate(sizes.stream().mapToInt(s -> s + 4).sum());
    for (int f = 0; f < sizes.size(); f++) {
      byte[] frame = new byte[sizes.get(f)];
      Arrays.fill(frame, (byte) (f + 1));
      if (frame.length > 0) {
        frame[frame.length - 1] = (byte) 0x7f;
      }
      frames.add(frame);
      stream.putInt(frame.length).put(frame);
    }
    stream.flip();
    ChunkedTransport transport = new ChunkedTransport();
    while (stream.hasRemaining()) {
      int n = Math.min(chunkBytes, stream.remaining());
      transport.chunks.add(stream.slice(stream.position(), n));
      stream.position(stream.position() + n);
    }
    Connection c = connection(transport);
    TrafficStats stats = new TrafficStats();
    TrafficStats total = new TrafficStats();
    List<byte[]> out = new ArrayList<>();
    // At most one read per call, so one call per chunk plus one per frame is always enough.
    int calls = transport.chunks.size() + frames.size() + 1;
    for (int i = 0; i < calls && out.size() < frames.size(); i++) {
      ByteBuffer frame = c.readFrame(1 << 20, stats, total);
      if (frame != null) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        out.add(copy);
      }
    }
    assertThat(out).hasSameSizeAs(frames);
    for (int f = 0; f < frames.size(); f++) {
      assertThat(out.get(f)).isEqualTo(frames.get(f));
    }
    int largest = sizes.stream().mapToInt(s -> s + 4).max().orElse(0);
    assertThat(c.owner.receiveBuffer().capacity())
        .isLessThanOrEqualTo(Math.max(NodeState.INITIAL_RECEIVE_BUFFER_BYTES, largest));
    assertThat(stats.bytesReceived()).isEqualTo(stream.limit());
  }

  @Test
  void eofInTheMiddleOfAFrameSaysSo() {
    ChunkedTransport transport = new ChunkedTransport();
    transport.chunks.add(ByteBuffer.wrap(new byte[] {0, 0, 0, 10, 1, 2}));
    transport.eof = true;
    Connection c = connection(transport);
    TrafficStats stats = new TrafficStats();
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 3; i++) {
                c.readFrame(100, stats, stats);
              }
            })
        .isInstanceOf(java.io.EOFException.class)
        .hasMessageContaining("middle of a response");
  }

  @Test
  void sizeOverTheCapIsRefusedBeforeTheBufferGrows() {
    ChunkedTransport transport = new ChunkedTransport();
    transport.chunks.add(ByteBuffer.allocate(4).putInt(0, 50_000_000));
    Connection c = connection(transport);
    TrafficStats stats = new TrafficStats();
    assertThatThrownBy(() -> c.readFrame(1 << 20, stats, stats))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("exceeds the cap");
    assertThat(c.owner.receiveBuffer().capacity())
        .isEqualTo(NodeState.INITIAL_RECEIVE_BUFFER_BYTES);
  }

  private static ByteBuffer frameOf(int bodyBytes) {
    ByteBuffer b = ByteBuffer.allocate(4 + bodyBytes);
    b.putInt(0, bodyBytes);
    return b;
  }

  @Test
  void aReadThatLeavesRoomReportsTheSocketDrainedAndOneThatFillsTheBufferDoesNot()
      throws IOException {
    ChunkedTransport transport = new ChunkedTransport();
    Connection c = connection(transport);
    TrafficStats stats = new TrafficStats();

    transport.chunks.add(frameOf(6)); // far less than the buffer's room
    assertThat(c.readFrame(1 << 20, stats, stats)).isNotNull();
    assertThat(c.socketDrained()).isTrue();

    // Two frames filling the buffer exactly: the socket may hold more.
    int room = NodeState.INITIAL_RECEIVE_BUFFER_BYTES;
    transport.chunks.add(frameOf(10));
    transport.chunks.add(frameOf(room - 14 - 4));
    ByteBuffer both = ByteBuffer.allocate(room);
    both.put(transport.chunks.pollFirst()).put(transport.chunks.pollFirst()).flip();
    transport.chunks.add(both);
    assertThat(c.readFrame(1 << 20, stats, stats)).isNotNull();
    assertThat(c.socketDrained()).isFalse();
    // The second frame is buffered: it comes out without a read.
    assertThat(c.bufferedFrame(1 << 20).remaining()).isEqualTo(room - 18);
    assertThat(c.bufferedFrame(1 << 20)).isNull();
  }
}
