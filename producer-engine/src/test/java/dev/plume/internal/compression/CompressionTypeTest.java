package dev.plume.internal.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompressionTypeTest {

  @Test
  void idsAndNamesMatchKafka() {
    assertThat(CompressionType.values())
        .extracting(CompressionType::id)
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(CompressionType.values())
        .extracting(CompressionType::configName)
        .containsExactly("none", "gzip", "snappy", "lz4", "zstd");
    assertThat(CompressionType.forId(3)).isEqualTo(CompressionType.LZ4);
  }

  @Test
  void parsesConfigNamesLeniently() {
    assertThat(CompressionType.forConfigName(" ZSTD ")).isEqualTo(CompressionType.ZSTD);
    assertThat(CompressionType.forConfigName("none")).isEqualTo(CompressionType.NONE);
  }

  @Test
  void rejectsUnknownNamesAndIdsClearly() {
    assertThatThrownBy(() -> CompressionType.forConfigName("brotli"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value 'brotli' for configuration compression.type: must be one of none, gzip,"
                + " snappy, lz4, zstd");
    assertThatThrownBy(() -> CompressionType.forConfigName(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompressionType.forId(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
  }

  @Test
  void levelDefaultsAndRangesFollowKafka() {
    assertThat(CompressionLevels.DEFAULTS).isEqualTo(new CompressionLevels(-1, 9, 3));
    assertThat(new CompressionLevels(9, 17, -131072).levelFor(CompressionType.ZSTD))
        .isEqualTo(-131072);
    assertThat(new CompressionLevels(1, 1, 22).levelFor(CompressionType.LZ4)).isEqualTo(1);
    assertThat(CompressionLevels.DEFAULTS.levelFor(CompressionType.SNAPPY)).isZero();
  }

  @Test
  void invalidLevelsNameTheKeyTheValueAndTheRule() {
    assertThatThrownBy(() -> new CompressionLevels(0, 9, 3))
        .hasMessage(
            "Invalid value 0 for configuration compression.gzip.level: must be -1 (default) or"
                + " between 1 and 9");
    assertThatThrownBy(() -> new CompressionLevels(10, 9, 3))
        .hasMessageContaining("compression.gzip.level");
    assertThatThrownBy(() -> new CompressionLevels(-1, 18, 3))
        .hasMessage(
            "Invalid value 18 for configuration compression.lz4.level: must be between 1 and 17");
    assertThatThrownBy(() -> new CompressionLevels(-1, 0, 3))
        .hasMessageContaining("compression.lz4.level");
    assertThatThrownBy(() -> new CompressionLevels(-1, 9, 23))
        .hasMessage(
            "Invalid value 23 for configuration compression.zstd.level: must be between -131072"
                + " and 22");
    assertThatThrownBy(() -> new CompressionLevels(-1, 9, -131073))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
