package dev.plume.record;

/**
 * UTF-8 length and encoding of a String without allocating (String.getBytes would allocate per
 * header). Matches {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes '?'.
 */
final class Utf8 {

  private Utf8() {}

  static int encodedLength(String s) {
    int length = s.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // 4 bytes for 2 chars
          i++;
        } else if (Character.isSurrogate(c)) {
          // unpaired surrogate: encoded as '?' (1 byte)
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /** Encodes {@code s} at {@code index}; returns the index after it. */
  static int encode(String s, byte[] a, int index) {
    int length = s.length();
    int i = 0;
    // ASCII fast path: most header keys are plain ASCII.
    for (char c; i < length && (c = s.charAt(i)) < 0x80; i++) {
      a[index++] = (byte) c;
    }
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
