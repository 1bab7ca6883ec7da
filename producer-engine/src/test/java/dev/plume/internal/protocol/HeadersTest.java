package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request and response headers against kafka-clients' RequestHeader / ResponseHeader. */
class HeadersTest {

  record HeaderCase(ApiKey api, short version, String clientId) {}

  static List<HeaderCase> cases() {
    List<HeaderCase> cases = new ArrayList<>();
    for (ApiKey api : ApiKey.values()) {
      for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
        cases.add(new HeaderCase(api, v, "producer-1"));
        cases.add(new HeaderCase(api, v, null));
        cases.add(new HeaderCase(api, v, "\u00fcnicode-\u65e5"));
      }
    }
    return cases;
  }

  private static byte[] kafkaRequestHeader(HeaderCase c, int correlationId) {
    org.apache.kafka.common.requests.RequestHeader header =
        new org.apache.kafka.common.requests.RequestHeader(
            ApiKeys.forId(c.api().id()), c.version(), c.clientId(), correlationId);
    ObjectSerializationCache cache = new ObjectSerializationCache();
    ByteBuffer buffer = ByteBuffer.allocate(header.data().size(cache, header.headerVersion()));
    header.data().write(new ByteBufferAccessor(buffer), cache, header.headerVersion());
    return buffer.array();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void requestHeaderMatchesKafkaClients(HeaderCase c) {
    ProtocolWriter w = new ProtocolWriter();
    RequestHeader header = new RequestHeader(c.api(), c.version(), 0x01020304, c.clientId());
    header.write(w);
    assertThat(Hex.of(w.toByteArray())).isEqualTo(Hex.of(kafkaRequestHeader(c, 0x01020304)));
    assertThat(RequestHeader.read(new ProtocolReader(w.flip()))).isEqualTo(header);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void headerVersionsMatchKafkaClients(HeaderCase c) {
    ApiKeys kafka = ApiKeys.forId(c.api().id());
    assertThat(c.api().requestHeaderVersion(c.version()))
        .isEqualTo(kafka.requestHeaderVersion(c.version()));
    assertThat(c.api().responseHeaderVersion(c.version()))
        .isEqualTo(kafka.responseHeaderVersion(c.version()));
  }

  @Test
  void responseHeadersMatchKafkaClients() {
    for (short headerVersion = 0; headerVersion <= 1; headerVersion++) {
      ResponseHeaderData data = new ResponseHeaderData().setCorrelationId(-7);
      ObjectSerializationCache cache = new ObjectSerializationCache();
      ByteBuffer buffer = ByteBuffer.allocate(data.size(cache, headerVersion));
      data.write(new ByteBufferAccessor(buffer), cache, headerVersion);

      ProtocolWriter w = new ProtocolWriter();
      new ResponseHeader(-7).write(w, headerVersion);
      assertThat(w.toByteArray()).isEqualTo(buffer.array());
      ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(buffer.array()));
      assertThat(ResponseHeader.read(r, headerVersion)).isEqualTo(new ResponseHeader(-7));
      assertThat(r.remaining()).isZero();
    }
  }

  @Test
  void apiVersionsResponseHeaderIsAlwaysV0() {
    assertThat(ApiKey.API_VERSIONS.responseHeaderVersion((short) 4)).isZero();
    assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 4)).isEqualTo((short) 2);
    assertThat(ApiKey.SASL_HANDSHAKE.requestHeaderVersion((short) 1)).isEqualTo((short) 1);
    assertThat(ApiKey.SASL_HANDSHAKE.responseHeaderVersion((short) 1)).isZero();
  }

  @Test
  void apiKeyRangesAreWithinKafkaClientsRanges() {
    for (ApiKey api : ApiKey.values()) {
      ApiKeys kafka = ApiKeys.forId(api.id());
      assertThat(kafka.name()).isEqualTo(api.name());
      assertThat(api.minVersion()).isGreaterThanOrEqualTo(kafka.oldestVersion());
      assertThat(api.maxVersion()).isLessThanOrEqualTo(kafka.latestVersion(false));
    }
  }

  @Test
  void requestHeaderRefusesUnknownApiKey() {
    ProtocolWriter w = new ProtocolWriter();
    w.writeInt16(999).writeInt16(0).writeInt32(1).writeNullableString(null);
    assertThatThrownBy(() -> RequestHeader.read(new ProtocolReader(w.flip())))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("RequestApiKey");
  }

  @Test
  void sizePrefixIsPatched() {
    ProtocolWriter w = new ProtocolWriter(2);
    int prefix = w.startSizePrefix();
    new RequestHeader(ApiKey.METADATA, (short) 12, 5, "c").write(w);
    w.endSizePrefix(prefix);
    ByteBuffer framed = w.flip();
    assertThat(framed.getInt(0)).isEqualTo(framed.remaining() - 4);
  }
}
