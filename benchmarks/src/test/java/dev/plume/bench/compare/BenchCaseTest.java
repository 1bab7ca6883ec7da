package dev.plume.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchCaseTest {

  @Test
  void namesRoundTrip() {
    for (BenchCase c : BenchCase.all()) {
      assertThat(BenchCase.parse(c.name())).isEqualTo(c);
    }
    assertThat(BenchCase.all()).hasSize(16);
    assertThat(BenchCase.parse("lz4-1KB-6p").configs()).containsEntry("compression.type", "lz4");
    assertThat(BenchCase.parse("acks1-100B-1p").configs())
        .containsEntry("acks", "1")
        .containsEntry("enable.idempotence", "false");
  }

  @Test
  void rejectsUnknownSettings() {
    assertThatThrownBy(() -> BenchCase.parse("gzip-1KB-6p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad case 'gzip-1KB-6p'");
  }

  @Test
  void payloadsAreDeterministicSizedAndCompressible() {
    PayloadPool a = PayloadPool.generate(100, 1000, 42);
    PayloadPool b = PayloadPool.generate(100, 1000, 42);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).hasSize(100).isEqualTo(b.get(i));
    }
    assertThat(a.get(0)).isNotEqualTo(a.get(1));
    java.util.zip.Deflater d = new java.util.zip.Deflater(1);
    byte[] all = new byte[100 * 1000];
    for (int i = 0; i < 1000; i++) {
      System.arraycopy(a.get(i), 0, all, i * 100, 100);
    }
    d.setInput(all);
    d.finish();
    int compressed = d.deflate(new byte[all.length]);
    assertThat(compressed).isLessThan(all.length / 2);
  }

  @Test
  void resultLineRoundTrips() {
    RunResult r = new RunResult("plume", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
    assertThat(RunResult.parse(r.format())).isEqualTo(r);
  }

  @Test
  void optionsDefaultsAndOverrides() {
    CompareOptions d = CompareOptions.parse();
    assertThat(d.cases()).extracting(BenchCase::name).contains(BenchCase.RATIO_CASE);
    assertThat(d.rounds()).isEqualTo(3);
    assertThat(d.rateFor(BenchCase.parse("zstd-1KB-6p"))).isEqualTo(20_000);
    CompareOptions o =
        CompareOptions.parse(
            "--cases", "all", "--rounds", "1", "--rate", "1000", "--jvm", "-Xmx2g");
    assertThat(o.cases()).hasSize(16);
    assertThat(o.rateFor(BenchCase.parse("zstd-1KB-6p"))).isEqualTo(1000);
    assertThat(o.jvmOptions()).containsExactly("-Xmx2g");
    assertThatThrownBy(() -> CompareOptions.parse("--rounds", "0"))
        .hasMessageContaining("--rounds needs a positive integer");
  }
}
