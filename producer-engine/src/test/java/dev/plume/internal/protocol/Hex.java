package dev.plume.internal.protocol;

import java.util.HexFormat;

/** Hex helpers for byte-exact assertions. */
public final class Hex {
  private Hex() {}

  /** Parses hex, ignoring spaces and '|' separators. */
  public static byte[] parse(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }

  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
