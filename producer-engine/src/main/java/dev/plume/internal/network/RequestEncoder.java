package dev.plume.internal.network;

import dev.plume.internal.protocol.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a {@link RequestBody} writes: the connection's reusable {@link ProtocolWriter}, plus
 * buffers attached by reference and sent with a gathering write (no copy). One per connection,
 * reused for every request once the previous one is fully written.
 */
public final class RequestEncoder {

  private final ProtocolWriter writer;
  // Attached buffers (duplicates, so the caller's position is untouched) and the writer position
  // each one follows.
  private final List<ByteBuffer> attached = new ArrayList<>();
  private int[] attachedAfter = new int[8];
  private long attachedBytes;

  RequestEncoder(int initialCapacityBytes) {
    this.writer = new ProtocolWriter(initialCapacityBytes);
  }

  /** The writer for header and body fields. */
  public ProtocolWriter writer() {
    return writer;
  }

  /**
   * Sends the remaining bytes of {@code buffer} right after what {@link #writer()} holds now,
   * without copying them. The buffer's content must not change until the request completes; its
   * position and limit are not moved.
   */
  public void appendBuffer(ByteBuffer buffer) {
    if (buffer.remaining() == 0) {
      return;
    }
    if (attached.size() == attachedAfter.length) {
      attachedAfter = Arrays.copyOf(attachedAfter, attachedAfter.length * 2);
    }
    attachedAfter[attached.size()] = writer.position();
    attached.add(buffer.duplicate());
    attachedBytes += buffer.remaining();
  }

  /** Bytes written or attached since {@link #reset()}. */
  long sizeBytes() {
    return writer.position() + attachedBytes;
  }

  void reset() {
    writer.reset();
    attached.clear();
    attachedBytes = 0;
  }

  /** The bytes to send, in order: writer slices interleaved with the attached buffers. */
  ByteBuffer[] segments() {
    if (attached.isEmpty()) {
      return new ByteBuffer[] {writer.flip()};
    }
    List<ByteBuffer> out = new ArrayList<>(attached.size() * 2 + 1);
    ByteBuffer all = writer.flip();
    int from = 0;
    for (int i = 0; i < attached.size(); i++) {
      int to = attachedAfter[i];
      if (to > from) {
        out.add(all.slice(from, to - from));
      }
      out.add(attached.get(i));
      from = to;
    }
    if (all.limit() > from) {
      out.add(all.slice(from, all.limit() - from));
    }
    return out.toArray(new ByteBuffer[0]);
  }
}
