package dev.plume.internal.compression;

import java.io.IOException;
import java.io.InputStream;

/** Copies a decompressing stream into a sink without ever exceeding an output cap. */
final class StreamCopy {

  private static final int CHUNK = 16 * 1024;

  private StreamCopy() {}

  static void copyCapped(InputStream in, ByteSink out, int maxOutputBytes, String codec)
      throws IOException {
    int written = 0;
    while (true) {
      // Ask for one byte more than allowed so that output beyond the cap is detected.
      int want = (int) Math.min(CHUNK, (long) maxOutputBytes - written + 1);
      out.ensureRemaining(want);
      int n = in.read(out.array(), out.position(), want);
      if (n < 0) {
        return;
      }
      written += n;
      if (written > maxOutputBytes) {
        throw new CorruptCompressedDataException(
            codec + " data decompresses to more than the limit of " + maxOutputBytes + " bytes");
      }
      out.position(out.position() + n);
    }
  }
}
