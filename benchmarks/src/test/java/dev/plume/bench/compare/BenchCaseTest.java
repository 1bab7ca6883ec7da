package dev.plume.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
  void adaptiveIsPlumeOnlyAndNotInAll() {
    assertThat(BenchCase.parse("adaptive-100B-6p").configs())
        .containsExactly(java.util.Map.entry("plume.batching.adaptive", "true"));
    assertThat(BenchCase.all()).noneMatch(c -> c.settings().equals("adaptive"));
  }

  @Test
  void threadsAndProducersAreOptionalSuffixes() {
    BenchCase plain = BenchCase.parse("defaults-100B-6p");
    assertThat(plain.threads()).isEqualTo(1);
    assertThat(plain.producers()).isEqualTo(1);

    BenchCase threaded = BenchCase.parse("defaults-100B-6p-8t");
    assertThat(threaded.threads()).isEqualTo(8);
    assertThat(threaded.producers()).isEqualTo(1);
    assertThat(threaded.name()).isEqualTo("defaults-100B-6p-8t");

    BenchCase many = BenchCase.parse("acks1-1KB-1000p-32t-20x");
    assertThat(many.settings()).isEqualTo("acks1");
    assertThat(many.valueSizeBytes()).isEqualTo(1024);
    assertThat(many.partitions()).isEqualTo(1000);
    assertThat(many.threads()).isEqualTo(32);
    assertThat(many.producers()).isEqualTo(20);
    assertThat(many.name()).isEqualTo("acks1-1KB-1000p-32t-20x");

    BenchCase producers = BenchCase.parse("defaults-100B-6p-20x");
    assertThat(producers.threads()).isEqualTo(1);
    assertThat(producers.producers()).isEqualTo(20);
    assertThat(producers.name()).isEqualTo("defaults-100B-6p-20x");
  }

  @Test
  void oneThreadOrProducerIsTheCanonicalNameWithoutSuffix() {
    assertThat(BenchCase.parse("defaults-100B-6p-1t-1x").name()).isEqualTo("defaults-100B-6p");
    assertThat(BenchCase.parse("defaults-100B-6p-1t-1x"))
        .isEqualTo(BenchCase.parse("defaults-100B-6p"));
  }

  @Test
  void largeValuesParseInKilobytes() {
    assertThat(BenchCase.parse("defaults-100KB-6p").valueSizeBytes()).isEqualTo(100 * 1024);
    assertThat(BenchCase.parse("defaults-100KB-6p").name()).isEqualTo("defaults-100KB-6p");
  }

  @Test
  void rejectsMalformedSuffixes() {
    for (String bad :
        new String[] {
          "defaults-100B-6p-8",
          "defaults-100B-6p-0t",
          "defaults-100B-6p-8t-8t",
          "defaults-100B-6p-20x-8t",
          "defaults-100B-6p-8t-20x-1x",
          "defaults-100B-6p-x",
          "defaults-100B-0p",
          "defaults-100-6p",
          "defaults-100B"
        }) {
      assertThatThrownBy(() -> BenchCase.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad case '" + bad + "'");
    }
  }

  @Test
  void scalingGroupVariesOneAxisAtATime() {
    List<BenchCase> scaling = BenchCase.parseList("scaling");
    assertThat(scaling).extracting(BenchCase::name).isEqualTo(BenchCase.SCALING_CASES);
    assertThat(scaling).extracting(BenchCase::partitions).contains(1, 6, 100, 1000);
    assertThat(scaling).extracting(BenchCase::threads).contains(1, 8, 32);
    assertThat(scaling).extracting(BenchCase::valueSizeBytes).contains(100, 1024, 100 * 1024);
    assertThat(scaling).extracting(BenchCase::producers).contains(1, 20);
    assertThat(scaling).allMatch(c -> c.settings().equals("defaults"));
    assertThat(scaling)
        .allMatch(
            c ->
                (c.partitions() != 6 ? 1 : 0)
                        + (c.threads() != 1 ? 1 : 0)
                        + (c.valueSizeBytes() != 100 ? 1 : 0)
                        + (c.producers() != 1 ? 1 : 0)
                    <= 1);
    assertThat(BenchCase.parseList("defaults-100B-6p, lz4-1KB-1p"))
        .extracting(BenchCase::name)
        .containsExactly("defaults-100B-6p", "lz4-1KB-1p");
    assertThat(CompareOptions.parse("--cases", "scaling").cases()).isEqualTo(scaling);
  }

  @Test
  void largeValuesGetARateOneBrokerCanTake() {
    CompareOptions d = CompareOptions.parse();
    assertThat(d.rateFor(BenchCase.parse("defaults-100B-6p"))).isEqualTo(50_000);
    assertThat(d.rateFor(BenchCase.parse("defaults-1KB-6p"))).isEqualTo(20_000);
    assertThat(d.rateFor(BenchCase.parse("defaults-100KB-6p"))).isEqualTo(300);
  }

  @Test
  void primingIsBoundedForLargeValues() {
    assertThat(ClientRun.primeRecords(100, 6, 1)).isEqualTo(5000);
    assertThat(ClientRun.primeRecords(1024, 6, 1)).isEqualTo(5000);
    assertThat(ClientRun.primeRecords(100 * 1024, 6, 1)).isEqualTo(81);
  }

  @Test
  void primingReachesEveryPartitionFromEveryProducer() {
    assertThat(ClientRun.primeRecords(100, 1000, 1)).isEqualTo(5000);
    assertThat(ClientRun.primeRecords(100, 1000, 20)).isEqualTo(20_000);
    assertThat(ClientRun.primeRecords(100 * 1024, 100, 1)).isEqualTo(100);
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
    RunResult r =
        new RunResult(
            "plume", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
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
    assertThat(o.csvPath()).isNull();
    assertThat(CompareOptions.parse("--csv", "out/r.csv").csvPath())
        .isEqualTo(java.nio.file.Path.of("out/r.csv"));
    assertThatThrownBy(() -> CompareOptions.parse("--rounds", "0"))
        .hasMessageContaining("--rounds needs a positive integer");
  }

  @Test
  void brokerPlacementAndWarmupOptions() {
    CompareOptions d = CompareOptions.parse();
    assertThat(d.brokerDataDir()).isNull();
    assertThat(d.brokerWarmup()).isTrue();
    CompareOptions o =
        CompareOptions.parse("--broker-data-dir", "/dev/shm", "--broker-warmup", "off");
    assertThat(o.brokerDataDir()).isEqualTo(java.nio.file.Path.of("/dev/shm"));
    assertThat(o.brokerWarmup()).isFalse();
    assertThatThrownBy(() -> CompareOptions.parse("--broker-warmup", "yes"))
        .hasMessageContaining("--broker-warmup needs on or off, got yes");
  }
}
