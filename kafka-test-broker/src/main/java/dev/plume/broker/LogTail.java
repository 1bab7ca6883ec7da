package dev.plume.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The last lines of a broker log, for error messages. */
final class LogTail {

  private static final int MAX_BYTES = 16 * 1024;

  private LogTail() {}

  static String of(Path file, int maxLines) {
    if (!Files.isRegularFile(file)) {
      return "(no log file " + file + ")";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      raf.seek(length - size);
      raf.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      int from = Math.max(0, lines.length - maxLines);
      StringBuilder tail = new StringBuilder();
      for (int i = from; i < lines.length; i++) {
        tail.append("  | ").append(lines[i]).append('\n');
      }
      return "last lines of " + file + ":\n" + tail;
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
