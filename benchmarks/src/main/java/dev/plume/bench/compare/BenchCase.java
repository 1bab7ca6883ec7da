package dev.plume.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of the comparison: producer settings (applied identically to both clients), value size,
 * partition count, application threads sending at once and producers per client JVM. Named {@code
 * <settings>-<size>-<partitions>p[-<threads>t][-<producers>x]}, e.g. {@code lz4-1KB-6p} or {@code
 * defaults-100B-6p-8t}; the suffixes are left out when 1.
 */
public record BenchCase(
    String settings,
    Map<String, String> configs,
    int valueSizeBytes,
    int partitions,
    int threads,
    int producers) {

  /** The settings compared; configs not named keep each client's defaults (equal in 4.x). */
  static final Map<String, Map<String, String>> SETTINGS = defineSettings();

  /** What runs without {@code --cases}: about 9 minutes with the default windows and 3 rounds. */
  static final List<String> DEFAULT_CASES =
      List.of("defaults-100B-6p", "defaults-100B-1p", "acks1-100B-6p", "lz4-1KB-6p", "zstd-1KB-6p");

  /** The case the final RATIO line is taken from. */
  static final String RATIO_CASE = "defaults-100B-6p";

  /**
   * {@code --cases scaling}: how cost grows with the work, each axis varied alone around {@value
   * #RATIO_CASE}: partitions 1/6/100/1,000, sending threads 1/8/32 sharing one producer, record
   * sizes 100 B/1 KB/100 KB, and 20 producers in one JVM.
   */
  static final List<String> SCALING_CASES =
      List.of(
          "defaults-100B-1p",
          "defaults-100B-6p",
          "defaults-100B-100p",
          "defaults-100B-1000p",
          "defaults-100B-6p-8t",
          "defaults-100B-6p-32t",
          "defaults-1KB-6p",
          "defaults-100KB-6p",
          "defaults-100B-6p-20x");

  public BenchCase {
    configs = Map.copyOf(configs);
    if (valueSizeBytes < 2 || partitions < 1 || threads < 1 || producers < 1) {
      throw new IllegalArgumentException(
          "need value size >= 2 B and partitions, threads, producers >= 1");
    }
  }

  /** One thread, one producer. */
  BenchCase(String settings, Map<String, String> configs, int valueSizeBytes, int partitions) {
    this(settings, configs, valueSizeBytes, partitions, 1, 1);
  }

  /** A comma-separated list of case names, or a group: {@code all}, {@code scaling}. */
  static List<BenchCase> parseList(String text) {
    return switch (text.trim()) {
      case "all" -> all();
      case "scaling" -> SCALING_CASES.stream().map(BenchCase::parse).toList();
      default -> Arrays.stream(text.split(",")).map(String::trim).map(BenchCase::parse).toList();
    };
  }

  private static Map<String, Map<String, String>> defineSettings() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("defaults", Map.of()); // acks=all, idempotent, linger.ms=5, batch.size=16384
    m.put("acks1", Map.of("acks", "1", "enable.idempotence", "false"));
    m.put("lz4", Map.of("compression.type", "lz4"));
    m.put("zstd", Map.of("compression.type", "zstd"));
    // Plume only (kafka-clients runs its defaults): a batch leaves as soon as its leader's
    // connection is idle and lingers only while requests are in flight.
    m.put("adaptive", Map.of("plume.batching.adaptive", "true"));
    return m;
  }

  public String name() {
    return settings
        + "-"
        + sizeLabel(valueSizeBytes)
        + "-"
        + partitions
        + "p"
        + (threads > 1 ? "-" + threads + "t" : "")
        + (producers > 1 ? "-" + producers + "x" : "");
  }

  static String sizeLabel(int bytes) {
    return bytes % 1024 == 0 ? (bytes / 1024) + "KB" : bytes + "B";
  }

  /** Settings both clients understand; {@code adaptive} is Plume-only and not in {@code all}. */
  static final List<String> SHARED_SETTINGS = List.of("defaults", "acks1", "lz4", "zstd");

  /** Every combination: 4 shared settings x {100 B, 1 KB} x {1, 6} partitions. */
  static List<BenchCase> all() {
    List<BenchCase> all = new ArrayList<>();
    for (String s : SHARED_SETTINGS) {
      for (int size : new int[] {100, 1024}) {
        for (int p : new int[] {1, 6}) {
          all.add(new BenchCase(s, SETTINGS.get(s), size, p));
        }
      }
    }
    return all;
  }

  /** Parses a case name such as {@code zstd-1KB-6p} or {@code defaults-100B-6p-8t-20x}. */
  static BenchCase parse(String name) {
    String[] parts = name.split("-");
    if (parts.length < 3
        || parts.length > 5
        || !parts[2].endsWith("p")
        || !SETTINGS.containsKey(parts[0])) {
      throw bad(name, null);
    }
    try {
      String size = parts[1];
      if (!size.endsWith("B")) {
        throw new NumberFormatException(size);
      }
      int bytes =
          size.endsWith("KB")
              ? Integer.parseInt(size.substring(0, size.length() - 2)) * 1024
              : Integer.parseInt(size.substring(0, size.length() - 1));
      int partitions = count(parts[2]);
      int threads = 1;
      int producers = 1;
      boolean seenThreads = false;
      boolean seenProducers = false;
      for (int i = 3; i < parts.length; i++) {
        if (parts[i].endsWith("t") && !seenThreads && !seenProducers) {
          threads = count(parts[i]);
          seenThreads = true;
        } else if (parts[i].endsWith("x") && !seenProducers) {
          producers = count(parts[i]);
          seenProducers = true;
        } else {
          throw bad(name, null);
        }
      }
      return new BenchCase(parts[0], SETTINGS.get(parts[0]), bytes, partitions, threads, producers);
    } catch (IllegalArgumentException e) {
      throw bad(name, e);
    }
  }

  /** "6p", "8t", "20x": the positive number before the one-letter unit. */
  private static int count(String part) {
    int n = Integer.parseInt(part.substring(0, part.length() - 1));
    if (n < 1) {
      throw new NumberFormatException(part);
    }
    return n;
  }

  private static IllegalArgumentException bad(String name, Exception cause) {
    return new IllegalArgumentException(
        "bad case '"
            + name
            + "': expected <settings>-<size>-<partitions>p[-<threads>t][-<producers>x] with"
            + " settings one of "
            + SETTINGS.keySet()
            + ", size like 100B, 1KB or 100KB, e.g. lz4-1KB-6p or defaults-100B-6p-8t",
        cause);
  }
}
