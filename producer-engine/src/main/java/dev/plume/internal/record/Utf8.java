package dev.plume.internal.record;

/**
 * UTF-8 length and encoding of a String without allocating (String.getBytes would allocate per
 * header). Matches {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes '?'.
 */
final class Utf8 {

  private Utf8() {}

  static int encodedLength(String s) {
    int measured = measure(s);
    return measured >= 0 ? measured : ~measured;
  }

  /**
   * The UTF-8 length of {@code s} if it is pure ASCII, else the bitwise complement ({@code ~}) of
   * its UTF-8 length: one scan tells both the size and whether the bulk ASCII copy applies.
   */
  static int measure(String s) {
    int length = s.length();
    int i = 0;
    while (i < length && s.charAt(i) < 0x80) {
      i++;
    }
    if (i == length) {
      return length;
    }
    int bytes = length;
    for (; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for 2 chars
          i++;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        }
        // else: an unpaired surrogate is encoded as '?' (1 byte)
      }
    }
    return ~bytes;
  }

  /** Encodes {@code s} at {@code index}; returns the index after it. */
  static int encode(String s, byte[] a, int index) {
    return encode(s, a, index, measure(s));
  }

  /**
   * Encodes {@code s}, given {@code measured} = {@link #measure}{@code (s)}, at {@code index};
   * returns the index after it.
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): exact for ASCII, see below
  static int encode(String s, byte[] a, int index, int measured) {
    int length = s.length();
    if (measured >= 0) {
      // Pure ASCII: the deprecated getBytes copies the low byte of each char, which is exactly
      // UTF-8 for ASCII, as one bulk copy and without allocating.
      s.getBytes(0, length, a, index);
      return index + length;
    }
    int i = 0;
    for (; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        a[index++] = (byte) c;
      } else if (c < 0x800) {
        a[index++] = (byte) (0xC0 | (c >> 6));
        a[index++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        a[index++] = (byte) (0xF0 | (cp >> 18));
        a[index++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        a[index++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        a[index++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        a[index++] = (byte) '?';
      } else {
        a[index++] = (byte) (0xE0 | (c >> 12));
        a[index++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        a[index++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return index;
  }
}
