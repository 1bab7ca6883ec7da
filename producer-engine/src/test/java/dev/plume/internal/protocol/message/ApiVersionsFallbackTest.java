package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.Hex;
import dev.plume.internal.protocol.NegotiatedVersions;
import dev.plume.internal.protocol.ProtocolException;
import dev.plume.internal.protocol.ProtocolReader;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.junit.jupiter.api.Test;

/** A broker that does not know our ApiVersions version answers in the v0 layout. */
class ApiVersionsFallbackTest {

  private static ProtocolReader reader(byte[] bytes) {
    return new ProtocolReader(ByteBuffer.wrap(bytes));
  }

  @Test
  void v0AnswerToAV4RequestExposesTheErrorAndTheBrokerRange() {
    ApiVersionsResponseData.ApiVersionCollection keys =
        new ApiVersionsResponseData.ApiVersionCollection();
    keys.add(
        new ApiVersionsResponseData.ApiVersion()
            .setApiKey((short) 18)
            .setMinVersion((short) 0)
            .setMaxVersion((short) 3));
    byte[] v0 =
        KafkaOracle.serialize(
            new ApiVersionsResponseData().setErrorCode((short) 35).setApiKeys(keys), (short) 0);
    assertThat(Hex.of(v0)).isEqualTo("0023" + "00000001" + "0012" + "0000" + "0003");

    ProtocolReader r = reader(v0);
    ApiVersionsResponse response = ApiVersionsResponse.readWithFallback(r, (short) 4);
    assertThat(response.errorCode()).isEqualTo((short) 35);
    assertThat(response.brokerApiVersionsRange())
        .contains(new ApiVersionRange((short) 18, (short) 0, (short) 3));
    assertThat(r.remaining()).isZero();
    // The caller retries with min(our max, broker max) = 3.
    assertThat(response.negotiate().version(ApiKey.API_VERSIONS)).isEqualTo((short) 3);
  }

  @Test
  void normalAnswerIsParsedAtTheRequestedVersion() {
    ApiVersionsResponse expected = Samples.apiVersionsResponse((short) 4);
    byte[] bytes =
        new Samples.Case("x", ApiKey.API_VERSIONS, (short) 4, false, expected, null).encode();
    ProtocolReader r = reader(bytes);
    assertThat(ApiVersionsResponse.readWithFallback(r, (short) 4)).isEqualTo(expected);
    assertThat(r.remaining()).isZero();
    NegotiatedVersions negotiated = expected.negotiate();
    assertThat(negotiated.transactionVersion()).isEqualTo((short) 2);
    assertThat(negotiated.version(ApiKey.PRODUCE)).isEqualTo((short) 13);
  }

  @Test
  void garbageFailsBothWays() {
    assertThatThrownBy(
            () -> ApiVersionsResponse.readWithFallback(reader(Hex.parse("00")), (short) 3))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("ApiVersionsResponse");
  }
}
