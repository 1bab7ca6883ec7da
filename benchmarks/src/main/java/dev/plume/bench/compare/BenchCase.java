package dev.plume.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of the comparison: producer settings (applied identically to both clients), value size
 * and partition count. Named {@code <settings>-<size>-<partitions>p}, e.g. {@code lz4-1KB-6p}.
 */
public record BenchCase(
    String settings, Map<String, String> configs, int valueSizeBytes, int partitions) {

  /** The settings compared; configs not named keep each client's defaults (equal in 4.x). */
  static final Map<String, Map<String, String>> SETTINGS = defineSettings();

  /** What runs without {@code --cases}: about 9 minutes with the default windows and 3 rounds. */
  static final List<String> DEFAULT_CASES =
      List.of("defaults-100B-6p", "defaults-100B-1p", "acks1-100B-6p", "lz4-1KB-6p", "zstd-1KB-6p");

  /** The case the final RATIO line is taken from. */
  static final String RATIO_CASE = "defaults-100B-6p";

  public BenchCase {
    configs = Map.copyOf(configs);
  }

  private static Map<String, Map<String, String>> defineSettings() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("defaults", Map.of()); // acks=all, idempotent, linger.ms=5, batch.size=16384
    m.put("acks1", Map.of("acks", "1", "enable.idempotence", "false"));
    m.put("lz4", Map.of("compression.type", "lz4"));
    m.put("zstd", Map.of("compression.type", "zstd"));
    return m;
  }

  public String name() {
    return settings + "-" + sizeLabel(valueSizeBytes) + "-" + partitions + "p";
  }

  static String sizeLabel(int bytes) {
    return bytes % 1024 == 0 ? (bytes / 1024) + "KB" : bytes + "B";
  }

  /** Every combination: 4 settings x {100 B, 1 KB} x {1, 6} partitions. */
  static List<BenchCase> all() {
    List<BenchCase> all = new ArrayList<>();
    for (String s : SETTINGS.keySet()) {
      for (int size : new int[] {100, 1024}) {
        for (int p : new int[] {1, 6}) {
          all.add(new BenchCase(s, SETTINGS.get(s), size, p));
        }
      }
    }
    return all;
  }

  /** Parses a case name such as {@code zstd-1KB-6p}. */
  static BenchCase parse(String name) {
    String[] parts = name.split("-");
    if (parts.length != 3 || !parts[2].endsWith("p") || !SETTINGS.containsKey(parts[0])) {
      throw new IllegalArgumentException(
          "bad case '"
              + name
              + "': expected <settings>-<size>-<partitions>p with settings one of "
              + SETTINGS.keySet()
              + ", e.g. lz4-1KB-6p");
    }
    String size = parts[1];
    int bytes;
    try {
      bytes =
          size.endsWith("KB")
              ? Integer.parseInt(size.substring(0, size.length() - 2)) * 1024
              : Integer.parseInt(size.substring(0, size.length() - 1));
      if (!size.endsWith("B")) {
        throw new NumberFormatException(size);
      }
      int partitions = Integer.parseInt(parts[2].substring(0, parts[2].length() - 1));
      return new BenchCase(parts[0], SETTINGS.get(parts[0]), bytes, partitions);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad case '" + name + "': size like 100B or 1KB, partitions like 6p", e);
    }
  }
}
