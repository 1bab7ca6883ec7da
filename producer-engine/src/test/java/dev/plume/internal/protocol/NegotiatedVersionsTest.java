package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiatedVersionsTest {

  private static ApiVersionRange range(ApiKey api, int min, int max) {
    return new ApiVersionRange(api.id(), (short) min, (short) max);
  }

  @Test
  void picksTheHighestCommonVersion() {
    NegotiatedVersions v =
        new NegotiatedVersions(
            List.of(
                range(ApiKey.PRODUCE, 0, 13), // 4.x advertises min 0 (KAFKA-18659)
                range(ApiKey.METADATA, 0, 12),
                range(ApiKey.END_TXN, 0, 4)),
            Map.of("transaction.version", (short) 2),
            7L);
    assertThat(v.version(ApiKey.PRODUCE)).isEqualTo((short) 13);
    assertThat(v.version(ApiKey.PRODUCE, (short) 11)).isEqualTo((short) 11);
    assertThat(v.version(ApiKey.METADATA)).isEqualTo((short) 12);
    assertThat(v.version(ApiKey.END_TXN)).isEqualTo((short) 4);
    assertThat(v.transactionVersion()).isEqualTo((short) 2);
    assertThat(v.finalizedFeaturesEpoch()).isEqualTo(7L);
    assertThat(v.finalizedFeatureLevel("absent")).isZero();
  }

  @Test
  void refusesWhenRangesDoNotOverlapNamingBoth() {
    NegotiatedVersions v =
        new NegotiatedVersions(
            List.of(range(ApiKey.PRODUCE, 3, 8), range(ApiKey.METADATA, 14, 20)), Map.of(), -1L);
    assertThatThrownBy(() -> v.version(ApiKey.PRODUCE))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("PRODUCE")
        .hasMessageContaining("9-13")
        .hasMessageContaining("3-8");
    assertThatThrownBy(() -> v.version(ApiKey.METADATA))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("14-20");
    assertThat(v.isUsable(ApiKey.PRODUCE)).isFalse();
  }

  @Test
  void refusesAnApiTheBrokerDoesNotAdvertise() {
    NegotiatedVersions v = new NegotiatedVersions(List.of(), Map.of(), -1L);
    assertThatThrownBy(() -> v.version(ApiKey.INIT_PRODUCER_ID))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("INIT_PRODUCER_ID");
    assertThat(v.brokerRange(ApiKey.INIT_PRODUCER_ID)).isEmpty();
  }

  @Test
  void capBelowOurMinimumIsRefused() {
    NegotiatedVersions v =
        new NegotiatedVersions(List.of(range(ApiKey.PRODUCE, 3, 13)), Map.of(), -1L);
    assertThatThrownBy(() -> v.version(ApiKey.PRODUCE, (short) 8))
        .isInstanceOf(UnsupportedVersionException.class);
  }
}
