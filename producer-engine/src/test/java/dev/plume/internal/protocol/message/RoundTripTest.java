package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type, at every version we speak, reads back equal to what was written. */
class RoundTripTest {

  static List<Samples.Case> cases() {
    return Samples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void roundTrips(Samples.Case c) {
    byte[] bytes = c.encode();
    ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(bytes));
    Object decoded = c.reader().apply(reader, c.version());
    assertThat(decoded).isEqualTo(c.message());
    assertThat(reader.remaining()).as("all bytes consumed").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reEncodesToTheSameBytes(Samples.Case c) {
    byte[] bytes = c.encode();
    Samples.Case again =
        new Samples.Case(c.name(), c.api(), c.version(), c.request(), c.decode(bytes), c.reader());
    assertThat(again.encode()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writerIsReusableAfterReset(Samples.Case c) {
    ProtocolWriter w = new ProtocolWriter(4);
    for (int i = 0; i < 3; i++) {
      w.reset();
      w.writeInt32(i);
      if (c.message() instanceof dev.plume.internal.protocol.RequestMessage m) {
        m.write(w, c.version());
      } else {
        FakeBrokerEncoders.write(
            (dev.plume.internal.protocol.ResponseMessage) c.message(), w, c.version());
      }
    }
    byte[] all = w.toByteArray();
    assertThat(all.length).isEqualTo(4 + c.encode().length);
    assertThat(ByteBuffer.wrap(all).getInt()).isEqualTo(2);
  }
}
