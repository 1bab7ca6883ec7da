package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesTest {

  static List<Samples.Case> cases() {
    // v3 FindCoordinator responses do not echo the key, and v0 ApiVersions is a fallback layout.
    return Samples.all().stream()
        .filter(c -> !(c.api() == ApiKey.FIND_COORDINATOR && !c.request() && c.version() < 4))
        .filter(c -> c.version() > 0 || c.api() != ApiKey.API_VERSIONS)
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dispatchesByApiKey(Samples.Case c) {
    ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(c.encode()));
    Object decoded =
        c.request()
            ? FakeBrokerDecoders.readRequest(c.api(), r, c.version())
            : Messages.readResponse(c.api(), r, c.version());
    assertThat(decoded).isEqualTo(c.message());
    assertThat(r.remaining()).isZero();
  }
}
