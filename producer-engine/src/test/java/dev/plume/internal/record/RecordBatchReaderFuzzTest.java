package dev.plume.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.compression.CompressionType;
import dev.plume.producer.Header;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Untrusted input: whatever the bytes, the reader either decodes them or throws {@link
 * CorruptRecordException}, and never allocates much more than the input (or its decompression cap)
 * justifies.
 */
@AddLifecycleHook(FuzzTries.class)
class RecordBatchReaderFuzzTest {

  private static final int DECOMPRESSION_CAP = 1 << 20;

  /** Allocation allowed per read: decompression buffer growth plus decoded copies of the input. */
  private static final long ALLOCATION_SLACK = 4L * DECOMPRESSION_CAP;

  private static final CompressionContext CONTEXT = new CompressionContext();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final RecordBatchReader reader = new RecordBatchReader(DECOMPRESSION_CAP);

  @Property
  void randomBytesAreRefused(@ForAll @Size(max = 400) byte[] bytes) {
    readRefusingOnlyAsCorrupt(bytes);
  }

  @Property
  void randomRecordsBehindAValidHeaderAndCrcAreRefusedOrDecoded(
      @ForAll @Size(max = 400) byte[] body,
      @ForAll @IntRange(min = 0, max = 7) int codec,
      @ForAll @IntRange(min = -2, max = 50) int recordsCount) {
    readRefusingOnlyAsCorrupt(withValidFraming(body, codec, recordsCount));
  }

  @Property
  void truncatedBatchesAreRefused(
      @ForAll("validBatches") byte[] batch, @ForAll @IntRange(min = 1, max = 1_000_000) int cut) {
    byte[] truncated = Arrays.copyOf(batch, 1 + cut % (batch.length - 1));

    Throwable thrown = readRefusingOnlyAsCorrupt(truncated);

    assertThat(thrown).isInstanceOf(CorruptRecordException.class);
  }

  @Property
  void mutatedBatchesAreRefusedOrDecoded(
      @ForAll("validBatches") byte[] batch,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
      @ForAll byte flip,
      @ForAll boolean fixCrc) {
    byte[] mutated = batch.clone();
    for (int position : positions) {
      mutated[position % mutated.length] ^= (byte) (flip == 0 ? 1 : flip);
    }
    if (fixCrc && mutated.length >= RecordBatchLayout.HEADER_SIZE) {
      // Reach the decompressors and the record parser instead of stopping at the CRC.
      writeCrc(mutated);
    }
    readRefusingOnlyAsCorrupt(mutated);
  }

  @Property(tries = 200)
  void validBatchesAreDecoded(@ForAll("validBatches") byte[] batch) {
    assertThat(reader.readAll(ByteBuffer.wrap(batch))).hasSize(1);
  }

  @Provide
  Arbitrary<byte[]> validBatches() {
    Arbitrary<byte[]> nullableBytes =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(60).injectNull(0.2);
    Arbitrary<byte[]> values =
        Arbitraries.oneOf(
                nullableBytes,
                Arbitraries.strings().withChars("ab ").ofMaxLength(300).map(TestRecords::utf8))
            .injectNull(0.1);
    Arbitrary<Header> header =
        Combinators.combine(Arbitraries.strings().ofMaxLength(8), nullableBytes).as(Header::new);
    Arbitrary<Header[]> headers = header.array(Header[].class).ofMaxSize(3).injectNull(0.3);
    Arbitrary<TestRecords.Spec> spec =
        Combinators.combine(
                Arbitraries.longs().between(0, 1L << 42), nullableBytes, values, headers)
            .as(TestRecords.Spec::new);
    return Combinators.combine(
            spec.list().ofMinSize(1).ofMaxSize(12),
            Arbitraries.of(CompressionType.class),
            Arbitraries.of(true, false))
        .as(
            (specs, type, transactional) -> {
              ByteBuffer sealed = TestRecords.build(specs, type, transactional, CONTEXT);
              byte[] bytes = new byte[sealed.remaining()];
              sealed.get(bytes);
              return bytes;
            });
  }

  /** Reads {@code bytes}; returns the CorruptRecordException thrown, or null if they decoded. */
  private Throwable readRefusingOnlyAsCorrupt(byte[] bytes) {
    long threadId = Thread.currentThread().getId();
    long before = THREADS.getThreadAllocatedBytes(threadId);
    Throwable thrown = null;
    try {
      List<DecodedBatch> batches = reader.readAll(ByteBuffer.wrap(bytes));
      assertThat(batches).isNotNull();
    } catch (CorruptRecordException e) {
      thrown = e;
    } catch (Throwable t) {
      fail("Expected only CorruptRecordException for input of " + bytes.length + " bytes", t);
    }
    long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
    assertThat(allocated).isLessThan(ALLOCATION_SLACK + 20L * bytes.length);
    return thrown;
  }

  private static byte[] withValidFraming(byte[] body, int codec, int recordsCount) {
    ByteBuffer batch = ByteBuffer.allocate(RecordBatchLayout.HEADER_SIZE + body.length);
    batch.putLong(0L);
    batch.putInt(RecordBatchLayout.HEADER_SIZE - RecordBatchLayout.LOG_OVERHEAD + body.length);
    batch.putInt(-1);
    batch.put(RecordBatchLayout.MAGIC_V2);
    batch.putInt(0); // CRC, written below
    batch.putShort((short) codec);
    batch.putInt(recordsCount - 1);
    batch.putLong(0L).putLong(0L).putLong(-1L).putShort((short) -1).putInt(-1);
    batch.putInt(recordsCount);
    batch.put(body);
    byte[] bytes = batch.array();
    writeCrc(bytes);
    return bytes;
  }

  private static void writeCrc(byte[] batch) {
    CRC32C crc = new CRC32C();
    crc.update(
        batch,
        RecordBatchLayout.ATTRIBUTES_OFFSET,
        batch.length - RecordBatchLayout.ATTRIBUTES_OFFSET);
    ByteBuffer.wrap(batch).putInt(RecordBatchLayout.CRC_OFFSET, (int) crc.getValue());
  }
}
