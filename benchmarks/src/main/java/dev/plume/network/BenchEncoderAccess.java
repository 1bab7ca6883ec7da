package dev.plume.network;

import java.nio.ByteBuffer;

/**
 * Benchmark-only access to the engine's package-private request encoder (same package, in the
 * benchmarks jar), so the JMH benchmark encodes requests exactly as the I/O thread does.
 */
public final class BenchEncoderAccess {

  private BenchEncoderAccess() {}

  public static RequestEncoder newEncoder(int initialCapacityBytes) {
    return new RequestEncoder(initialCapacityBytes);
  }

  public static void reset(RequestEncoder encoder) {
    encoder.reset();
  }

  /** The gathering-write segments, as handed to the socket. */
  public static ByteBuffer[] segments(RequestEncoder encoder) {
    return encoder.segments();
  }
}
