package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  private static byte[] frame(String payloadHex) {
    byte[] payload = Hex.parse(payloadHex);
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }

  @Test
  void reassemblesFramesFedOneByteAtATime() {
    byte[] stream =
        ByteBuffer.allocate(100).put(frame("0102")).put(frame("")).put(frame("ff")).flip().array();
    FrameDecoder decoder = new FrameDecoder();
    java.util.List<String> frames = new java.util.ArrayList<>();
    for (int i = 0; i < 4 + 2 + 4 + 4 + 1; i++) {
      ByteBuffer one = ByteBuffer.wrap(stream, i, 1);
      ByteBuffer f = decoder.feed(one);
      assertThat(one.hasRemaining()).isFalse();
      if (f != null) {
        byte[] bytes = new byte[f.remaining()];
        f.get(bytes);
        frames.add(Hex.of(bytes));
      }
    }
    assertThat(frames).containsExactly("0102", "", "ff");
    assertThat(decoder.isMidFrame()).isFalse();
  }

  @Test
  void feedStopsAtTheEndOfOneFrame() {
    ByteBuffer two = ByteBuffer.allocate(20).put(frame("aa")).put(frame("bbcc")).flip();
    FrameDecoder decoder = new FrameDecoder();
    assertThat(decoder.feed(two)).isEqualTo(ByteBuffer.wrap(Hex.parse("aa")));
    assertThat(decoder.feed(two)).isEqualTo(ByteBuffer.wrap(Hex.parse("bbcc")));
    assertThat(two.hasRemaining()).isFalse();
  }

  @Test
  void readsFromAChannel() throws Exception {
    ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(frame("0a0b0c")));
    FrameDecoder decoder = new FrameDecoder();
    ByteBuffer f = null;
    for (int i = 0; i < 5 && f == null; i++) {
      f = decoder.readFrom(channel);
    }
    assertThat(f).isEqualTo(ByteBuffer.wrap(Hex.parse("0a0b0c")));
    assertThatThrownBy(() -> decoder.readFrom(channel)).isInstanceOf(EOFException.class);
  }

  @Test
  void refusesNegativeSize() {
    assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(Hex.parse("ffffffff"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void refusesSizeOverTheCapBeforeAllocating() {
    assertThatThrownBy(() -> new FrameDecoder(1024).feed(ByteBuffer.wrap(Hex.parse("00000401"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("1025")
        .hasMessageContaining("1024");
    // 2 GiB - 1 with the default cap: refused, not an OutOfMemoryError.
    assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(Hex.parse("7fffffff"))))
        .isInstanceOf(ProtocolException.class);
    assertThat(new FrameDecoder(1024).feed(ByteBuffer.wrap(Hex.parse("00000400")))).isNull();
  }

  @Test
  void tlsAlertReadAsSizeSuggestsTls() {
    // Even with a cap large enough to accept it as a size.
    assertThatThrownBy(
            () -> new FrameDecoder(Integer.MAX_VALUE).feed(ByteBuffer.wrap(Hex.parse("15030300"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("TLS");
    assertThatThrownBy(() -> new FrameDecoder().feed(ByteBuffer.wrap(Hex.parse("16030100"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("TLS");
  }
}
