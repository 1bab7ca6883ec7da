package dev.plume.internal.network;

import java.nio.ByteBuffer;

/**
 * Benchmark hook: the package-private request encoder for the JMH benchmarks in the benchmarks
 * module, so they encode requests exactly as the I/O thread does. Public only for that module; this
 * package is internal, not API.
 */
public final class BenchEncoderAccess {

  private BenchEncoderAccess() {}

  public static RequestEncoder newEncoder(int initialCapacityBytes) {
    return new RequestEncoder(initialCapacityBytes);
  }

  public static void reset(RequestEncoder encoder) {
    encoder.reset();
  }

  /**
   * The gathering-write segments, as handed to the socket: the encoder's own views, in an array of
   * exactly their count (the I/O thread passes the encoder's longer array with the count instead).
   */
  public static ByteBuffer[] segments(RequestEncoder encoder) {
    int count = encoder.prepareSegments();
    return java.util.Arrays.copyOf(encoder.segmentArray(), count);
  }
}
