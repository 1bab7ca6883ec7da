package dev.plume.internal.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FramingTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void lz4FrameHeaderAndEndMarkAreKafkas() {
    byte[] input = repeat("plume-lz4 ", 200);
    String hex = compress(CompressionType.LZ4, input);

    assertThat(hex).startsWith("04224d18" + "60" + "40" + "82");
    assertThat(hex).endsWith("00000000");
  }

  @Test
  void lz4StoresIncompressibleBlocksRawWithBit31() {
    byte[] input = new byte[1000];
    new Random(1).nextBytes(input);
    String hex = compress(CompressionType.LZ4, input);

    // 1000 = 0x3e8 little-endian with bit 31 set.
    assertThat(hex.substring(14, 22)).isEqualTo("e8030080");
  }

  @Test
  void snappyUsesTheSnappyJavaStreamHeader() {
    String hex = compress(CompressionType.SNAPPY, repeat("plume-snappy ", 100));

    assertThat(hex).startsWith("82534e4150505900" + "00000001" + "00000001");
  }

  @Test
  void gzipWritesAnRfc1952Member() {
    String hex = compress(CompressionType.GZIP, repeat("plume-gzip ", 100));

    assertThat(hex).startsWith("1f8b0800000000000" + "0ff");
  }

  @Test
  void zstdWritesAStandardFrame() {
    assertThat(compress(CompressionType.ZSTD, repeat("plume-zstd ", 100))).startsWith("28b52ffd");
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionType.class,
      names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
  void decompressionRoundTripsAndEnforcesItsCap(CompressionType type) {
    byte[] input = repeat("a highly compressible line of text\n", 20_000); // 700 KB
    ByteSink compressed = new ByteSink(16);
    try (Compressor compressor = Codecs.newCompressor(type, CompressionLevels.DEFAULTS)) {
      compressor.compress(input, 0, input.length, compressed);
    }
    Decompressor decompressor = Codecs.newDecompressor(type);

    ByteSink out = new ByteSink(16);
    decompressor.decompress(compressed.array(), 0, compressed.position(), out, input.length);
    assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(input);

    ByteSink capped = new ByteSink(16);
    assertThatThrownBy(
            () ->
                decompressor.decompress(
                    compressed.array(), 0, compressed.position(), capped, 100_000))
        .isInstanceOf(CorruptCompressedDataException.class);
    assertThat(capped.array().length).isLessThan(1 << 20);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionType.class,
      names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
  void garbageIsRefusedAsCorrupt(CompressionType type) {
    byte[] garbage = new byte[200];
    new Random(2).nextBytes(garbage);

    assertThatThrownBy(
            () ->
                Codecs.newDecompressor(type)
                    .decompress(garbage, 0, garbage.length, new ByteSink(16), 1 << 20))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void levelsReachTheCodecs() {
    byte[] input = new byte[200_000];
    Random random = new Random(3);
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) ('a' + Math.min(25, (int) Math.abs(random.nextGaussian() * 6)));
    }

    assertThat(compress(CompressionType.GZIP, input, new CompressionLevels(9, 9, 3)).length())
        .isLessThan(compress(CompressionType.GZIP, input, new CompressionLevels(1, 9, 3)).length());
    assertThat(compress(CompressionType.LZ4, input, new CompressionLevels(-1, 17, 3)).length())
        .isLessThan(compress(CompressionType.LZ4, input, new CompressionLevels(-1, 9, 3)).length());
    assertThat(compress(CompressionType.ZSTD, input, new CompressionLevels(-1, 9, 19)).length())
        .isLessThan(
            compress(CompressionType.ZSTD, input, new CompressionLevels(-1, 9, -5)).length());
  }

  private static String compress(CompressionType type, byte[] input) {
    return compress(type, input, CompressionLevels.DEFAULTS);
  }

  private static String compress(CompressionType type, byte[] input, CompressionLevels levels) {
    ByteSink out = new ByteSink(16);
    try (Compressor compressor = Codecs.newCompressor(type, levels)) {
      compressor.compress(input, 0, input.length, out);
    }
    return HEX.formatHex(out.array(), 0, out.position());
  }

  private static byte[] repeat(String s, int times) {
    return s.repeat(times).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
