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
            List.of(range(ApiKey.PRODUCE, 0, 2), range(ApiKey.METADATA, 14, 20)), Map.of(), -1L);
    assertThatThrownBy(() -> v.version(ApiKey.PRODUCE))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("PRODUCE")
        .hasMessageContaining("3-13")
        .hasMessageContaining("0-2")
        .hasMessageContaining("upgrade the broker to Kafka 2.1 or later");
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
        .hasMessageContaining("INIT_PRODUCER_ID")
        .hasMessageContaining("set enable.idempotence=false and remove transactional.id");
    assertThat(v.brokerRange(ApiKey.INIT_PRODUCER_ID)).isEmpty();
  }

  @Test
  void capBelowOurMinimumIsRefused() {
    NegotiatedVersions v =
        new NegotiatedVersions(List.of(range(ApiKey.PRODUCE, 3, 13)), Map.of(), -1L);
    assertThatThrownBy(() -> v.version(ApiKey.PRODUCE, (short) 2))
        .isInstanceOf(UnsupportedVersionException.class);
  }

  @Test
  void kafka21RangesNegotiateTheNonFlexibleVersions() {
    // What a Kafka 2.1 broker advertises for the APIs a producer needs.
    NegotiatedVersions v =
        new NegotiatedVersions(
            List.of(
                range(ApiKey.PRODUCE, 0, 7),
                range(ApiKey.METADATA, 0, 7),
                range(ApiKey.FIND_COORDINATOR, 0, 2),
                range(ApiKey.API_VERSIONS, 0, 2),
                range(ApiKey.INIT_PRODUCER_ID, 0, 1),
                range(ApiKey.ADD_PARTITIONS_TO_TXN, 0, 1),
                range(ApiKey.ADD_OFFSETS_TO_TXN, 0, 1),
                range(ApiKey.END_TXN, 0, 1),
                range(ApiKey.TXN_OFFSET_COMMIT, 0, 2),
                range(ApiKey.SASL_HANDSHAKE, 0, 1),
                range(ApiKey.SASL_AUTHENTICATE, 0, 0)),
            Map.of(),
            -1L);
    assertThat(v.version(ApiKey.PRODUCE)).isEqualTo((short) 7);
    assertThat(ApiKey.PRODUCE.isFlexible(v.version(ApiKey.PRODUCE))).isFalse();
    assertThat(v.version(ApiKey.METADATA)).isEqualTo((short) 7);
    assertThat(v.version(ApiKey.FIND_COORDINATOR)).isEqualTo((short) 2);
    assertThat(v.version(ApiKey.INIT_PRODUCER_ID)).isEqualTo((short) 1);
    assertThat(v.version(ApiKey.TXN_OFFSET_COMMIT)).isEqualTo((short) 2);
    assertThat(v.version(ApiKey.SASL_AUTHENTICATE)).isEqualTo((short) 0);
    // An epoch bump of an existing id needs InitProducerId v3 (KIP-360).
    assertThatThrownBy(() -> v.version(ApiKey.INIT_PRODUCER_ID, (short) 3, (short) 5))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("we speak 3-5, the broker speaks 0-1");
  }

  @Test
  void preferringOldestPicksTheLowestCommonVersionWithinTheRequestRange() {
    NegotiatedVersions v =
        new NegotiatedVersions(
                List.of(range(ApiKey.PRODUCE, 0, 13), range(ApiKey.METADATA, 0, 13)), Map.of(), -1L)
            .preferringOldest();
    assertThat(v.version(ApiKey.PRODUCE)).isEqualTo((short) 3);
    assertThat(v.version(ApiKey.METADATA)).isEqualTo((short) 4);
    assertThat(v.version(ApiKey.METADATA, (short) 9, (short) 13)).isEqualTo((short) 9);
  }
}
