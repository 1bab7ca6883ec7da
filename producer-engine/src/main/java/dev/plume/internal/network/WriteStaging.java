package dev.plume.internal.network;

import java.nio.ByteBuffer;

/**
 * Copies a gathering write's heap segments into one direct buffer of the writing thread, so the
 * socket write is one direct buffer and the JDK copies nothing itself.
 *
 * <p>Why: a {@code SocketChannel} gathering write of heap buffers takes one temporary direct buffer
 * per segment from a per-thread cache, and that cache is searched linearly for a buffer big enough.
 * A Produce request to a leader of many partitions has one segment per batch (hundreds at 1,000
 * partitions), so each write cost a search per segment over as many cached buffers: the I/O
 * thread's largest single cost in a profile at 1,000 partitions. Copying here costs the same one
 * copy the JDK would make, without the search.
 *
 * <p>Sources keep their positions while staged; {@link #advance} moves them by what the socket
 * took, so a partial write leaves them exactly as a partial gathering write would. Bytes staged but
 * not taken are copied again by the next write (at most one staging buffer's worth).
 *
 * <p>Owned by the I/O thread; not thread-safe.
 */
final class WriteStaging {

  private final ByteBuffer stage;

  /**
   * @param capacityBytes the most bytes one write hands to the socket
   */
  WriteStaging(int capacityBytes) {
    this.stage = ByteBuffer.allocateDirect(capacityBytes);
  }

  /**
   * Fills the stage from {@code srcs[offset, offset + length)} in order, as much as fits, without
   * moving the sources' positions.
   *
   * @return the stage, flipped for writing
   */
  ByteBuffer stage(ByteBuffer[] srcs, int offset, int length) {
    stage.clear();
    int end = offset + length;
    for (int i = offset; i < end && stage.hasRemaining(); i++) {
      ByteBuffer src = srcs[i];
      int n = Math.min(src.remaining(), stage.remaining());
      // Absolute bulk put: neither buffer's position moves, and nothing is allocated.
      stage.put(stage.position(), src, src.position(), n);
      stage.position(stage.position() + n);
    }
    return stage.flip();
  }

  /** Moves the sources' positions past the first {@code writtenBytes} bytes, as a write would. */
  static void advance(ByteBuffer[] srcs, int offset, int length, long writtenBytes) {
    long left = writtenBytes;
    int end = offset + length;
    for (int i = offset; i < end && left > 0; i++) {
      ByteBuffer src = srcs[i];
      int n = (int) Math.min(src.remaining(), left);
      src.position(src.position() + n);
      left -= n;
    }
  }

  /**
   * Whether any of the sources is a heap buffer (all direct: the socket takes them as they are).
   */
  static boolean anyHeap(ByteBuffer[] srcs, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (!srcs[i].isDirect()) {
        return true;
      }
    }
    return false;
  }
}
