package dev.plume.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test data: record specs with every shape (nulls, empties, headers, big values) and builders. */
final class TestRecords {

  private TestRecords() {}

  record Spec(long timestampMs, byte[] key, byte[] value, Header[] headers) {
    DecodedRecord expected(int offsetDelta) {
      return new DecodedRecord(
          offsetDelta,
          timestampMs,
          key,
          value,
          headers == null ? List.of() : Arrays.asList(headers));
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Compressible text of {@code size} bytes (words from a small vocabulary). */
  static byte[] text(Random random, int size) {
    String[] words = {"plume ", "kafka ", "record ", "batch ", "value ", "lorem ", "ipsum "};
    StringBuilder sb = new StringBuilder(size + 8);
    while (sb.length() < size) {
      sb.append(words[random.nextInt(words.length)]);
    }
    return Arrays.copyOf(utf8(sb.toString()), size);
  }

  static byte[] randomBytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A mix of every record shape, compressible so that codecs actually get used. */
  static List<Spec> mixedRecords(Random random, int count) {
    long base = 1_700_000_000_000L;
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] key =
          switch (i % 4) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> utf8("key-" + i);
          };
      byte[] value =
          switch (i % 5) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> text(random, 20 + random.nextInt(300));
          };
      Header[] headers =
          switch (i % 3) {
            case 0 -> null;
            case 1 -> new Header[0];
            default ->
                new Header[] {
                  new Header("trace-id", utf8("abc" + i)),
                  new Header("null-value", null),
                  new Header("ünïcødé-€-\uD83D\uDE00", new byte[0])
                };
          };
      // Timestamps go backwards sometimes: deltas may be negative.
      specs.add(new Spec(base + random.nextInt(10_000) - 5_000, key, value, headers));
    }
    return specs;
  }

  static RecordBatchBuilder builder(int capacity, CompressionType type, boolean transactional) {
    return new RecordBatchBuilder(ByteBuffer.allocate(capacity), type, transactional);
  }

  /** Builds and seals one batch holding all specs (the buffer is sized to fit). */
  static ByteBuffer build(
      List<Spec> specs, CompressionType type, boolean transactional, CompressionContext context) {
    int capacity = RecordBatchLayout.HEADER_SIZE;
    for (Spec s : specs) {
      capacity +=
          RecordBatchBuilder.recordSizeUpperBound(
              s.key() == null ? -1 : s.key().length,
              s.value() == null ? -1 : s.value().length,
              s.headers());
    }
    RecordBatchBuilder builder = builder(capacity, type, transactional);
    for (Spec s : specs) {
      assertThat(builder.tryAppend(s.timestampMs(), s.key(), s.value(), s.headers())).isTrue();
    }
    return builder.seal(context);
  }

  static List<DecodedRecord> expected(List<Spec> specs) {
    List<DecodedRecord> expected = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      expected.add(specs.get(i).expected(i));
    }
    return expected;
  }
}
