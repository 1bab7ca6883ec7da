package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.protocol.FrameDecoder;
import dev.plume.internal.protocol.ProtocolException;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseHeader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Untrusted-input properties: every decoder, fed random bytes or valid encodings that were
 * truncated, mutated, extended or given huge lengths, either decodes or throws {@link
 * ProtocolException} (never IndexOutOfBounds, NegativeArraySize, OutOfMemoryError, ...), and
 * allocates in proportion to its input, never to a length the input claims.
 *
 * <p>Each property runs {@value #TRIES} tries; each try checks {@code plume.fuzz.multiplier} inputs
 * (default 1) derived from the try's seed. Long run: {@code ./mvnw -pl producer-engine verify
 * -Dtest=MalformedInputPropertiesTest -Dplume.fuzz.multiplier=100}. A failure message names the
 * seed and the input, so it can be replayed.
 */
class MalformedInputPropertiesTest {

  static final int TRIES = 10_000;
  static final int MULTIPLIER = Integer.getInteger("plume.fuzz.multiplier", 1);

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Property(tries = TRIES)
  void apiVersionsResponse(@ForAll long seed) {
    check("ApiVersionsResponse", seed);
    checkDecoder(
        "ApiVersionsResponse fallback",
        seed,
        casesNamed("ApiVersionsResponse"),
        bytes ->
            ApiVersionsResponse.readWithFallback(
                new ProtocolReader(ByteBuffer.wrap(bytes)), (short) 4));
  }

  @Property(tries = TRIES)
  void metadataResponse(@ForAll long seed) {
    check("MetadataResponse", seed);
  }

  @Property(tries = TRIES)
  void produceResponse(@ForAll long seed) {
    check("ProduceResponse", seed);
  }

  @Property(tries = TRIES)
  void initProducerIdResponse(@ForAll long seed) {
    check("InitProducerIdResponse", seed);
  }

  @Property(tries = TRIES)
  void findCoordinatorResponse(@ForAll long seed) {
    check("FindCoordinatorResponse", seed);
  }

  @Property(tries = TRIES)
  void addPartitionsToTxnResponse(@ForAll long seed) {
    check("AddPartitionsToTxnResponse", seed);
  }

  @Property(tries = TRIES)
  void addOffsetsToTxnResponse(@ForAll long seed) {
    check("AddOffsetsToTxnResponse", seed);
  }

  @Property(tries = TRIES)
  void txnOffsetCommitResponse(@ForAll long seed) {
    check("TxnOffsetCommitResponse", seed);
  }

  @Property(tries = TRIES)
  void endTxnResponse(@ForAll long seed) {
    check("EndTxnResponse", seed);
  }

  @Property(tries = TRIES)
  void saslHandshakeResponse(@ForAll long seed) {
    check("SaslHandshakeResponse", seed);
  }

  @Property(tries = TRIES)
  void saslAuthenticateResponse(@ForAll long seed) {
    check("SaslAuthenticateResponse", seed);
  }

  /** Request decoders (fake-broker side): fewer tries, the same guarantees. */
  @Property(tries = TRIES / 5)
  void requestDecoders(@ForAll long seed) {
    Samples.Case c = REQUEST_CASES.get(Math.floorMod(seed, REQUEST_CASES.size()));
    checkDecoder(c.name(), seed, List.of(c), c::decode);
  }

  @Property(tries = TRIES)
  void responseHeaderAndFrames(@ForAll long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[random.nextInt(12)];
    random.nextBytes(bytes);
    expectOnlyProtocolExceptions(
        "ResponseHeader",
        seed,
        bytes,
        b -> ResponseHeader.read(new ProtocolReader(ByteBuffer.wrap(b)), (short) 1));
    expectOnlyProtocolExceptions(
        "FrameDecoder", seed, bytes, b -> new FrameDecoder(4096).feed(ByteBuffer.wrap(b)));
  }

  private static final List<Samples.Case> ALL_CASES = Samples.all();
  private static final List<Samples.Case> REQUEST_CASES = Samples.requests();
  private static final java.util.Map<Samples.Case, byte[]> ENCODED =
      new java.util.IdentityHashMap<>();

  private static List<Samples.Case> casesNamed(String name) {
    return ALL_CASES.stream().filter(c -> c.name().split("#")[0].equals(name)).toList();
  }

  static {
    // Warm up every decoder so first-use class loading is not counted as decoder allocation.
    for (Samples.Case c : ALL_CASES) {
      c.decode(encoded(c));
    }
  }

  private static byte[] encoded(Samples.Case c) {
    return ENCODED.computeIfAbsent(c, Samples.Case::encode);
  }

  private static void check(String decoderName, long seed) {
    List<Samples.Case> cases = casesNamed(decoderName);
    assertThat(cases).isNotEmpty();
    Samples.Case any = cases.get(Math.floorMod(seed, cases.size()));
    checkDecoder(
        decoderName,
        seed,
        cases,
        bytes -> any.reader().apply(new ProtocolReader(ByteBuffer.wrap(bytes)), any.version()));
  }

  private static void checkDecoder(
      String name, long seed, List<Samples.Case> cases, Function<byte[], Object> decoder) {
    for (int i = 0; i < MULTIPLIER; i++) {
      Random random = new Random(seed * 31 + i);
      // The valid encoding comes from the same case whose version the decoder uses.
      Samples.Case c = cases.get(Math.floorMod(seed, cases.size()));
      byte[] input = malform(encoded(c), random);
      expectOnlyProtocolExceptions(name, seed, input, decoder);
    }
  }

  static byte[] malform(byte[] valid, Random random) {
    switch (random.nextInt(6)) {
      case 0: // random bytes
        {
          byte[] bytes = new byte[random.nextInt(80)];
          random.nextBytes(bytes);
          return bytes;
        }
      case 1: // truncated
        return Arrays.copyOf(valid, random.nextInt(valid.length + 1));
      case 2: // a few bytes changed, biased to length-like values
        {
          byte[] bytes = valid.clone();
          int changes = 1 + random.nextInt(4);
          for (int k = 0; k < changes && bytes.length > 0; k++) {
            byte[] interesting = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe};
            bytes[random.nextInt(bytes.length)] =
                random.nextBoolean()
                    ? interesting[random.nextInt(interesting.length)]
                    : (byte) random.nextInt();
          }
          return bytes;
        }
      case 3: // a huge length varint or int spliced in
        {
          byte[][] huge = {
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
            {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            {(byte) 0x80, 0x00, 0x00, 0x00},
            {(byte) 0xff, (byte) 0xfe},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}
          };
          byte[] splice = huge[random.nextInt(huge.length)];
          int at = random.nextInt(valid.length + 1);
          byte[] bytes = Arrays.copyOf(valid, Math.max(valid.length, at + splice.length));
          System.arraycopy(splice, 0, bytes, at, splice.length);
          return bytes;
        }
      case 4: // garbage inserted
        {
          byte[] garbage = new byte[1 + random.nextInt(8)];
          random.nextBytes(garbage);
          int at = random.nextInt(valid.length + 1);
          byte[] bytes = new byte[valid.length + garbage.length];
          System.arraycopy(valid, 0, bytes, 0, at);
          System.arraycopy(garbage, 0, bytes, at, garbage.length);
          System.arraycopy(valid, at, bytes, at + garbage.length, valid.length - at);
          return bytes;
        }
      default: // a byte removed
        {
          if (valid.length == 0) {
            return valid;
          }
          int at = random.nextInt(valid.length);
          byte[] bytes = new byte[valid.length - 1];
          System.arraycopy(valid, 0, bytes, 0, at);
          System.arraycopy(valid, at + 1, bytes, at, valid.length - at - 1);
          return bytes;
        }
    }
  }

  private static void expectOnlyProtocolExceptions(
      String name, long seed, byte[] input, Function<byte[], Object> decoder) {
    long allocated = decodeMeasuringAllocation(name, seed, input, decoder);
    long limit = 64L * input.length + 64 * 1024;
    if (allocated > limit) {
      // The first run of a path links call sites (string concatenation, lambdas) and loads
      // classes on this thread; measure the steady state with a second, identical run.
      allocated = decodeMeasuringAllocation(name, seed, input, decoder);
    }
    // Objects per input byte are bounded (>= 1 byte per element); 64 KiB covers the exception.
    assertThat(allocated)
        .as(
            "%s allocated %d bytes for a %d-byte input (seed %d)",
            name, allocated, input.length, seed)
        .isLessThanOrEqualTo(limit);
  }

  private static long decodeMeasuringAllocation(
      String name, long seed, byte[] input, Function<byte[], Object> decoder) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      decoder.apply(input);
    } catch (ProtocolException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError(name + ": ProtocolException without a message", expected);
      }
    } catch (RuntimeException | Error other) {
      throw new AssertionError(
          name + " threw " + other + " for seed " + seed + " input " + hex(input), other);
    }
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
