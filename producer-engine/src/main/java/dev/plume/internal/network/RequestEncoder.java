package dev.plume.internal.network;

import dev.plume.internal.protocol.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Where a {@link RequestBody} writes: the connection's reusable {@link ProtocolWriter}, plus
 * buffers attached by reference and sent with a gathering write (no copy). One per connection,
 * reused for every request once the previous one is fully written.
 *
 * <p>Allocates nothing per request in steady state: the attached buffers are kept as given (not
 * duplicated), the writer's bytes are sent through views over its array that are kept across
 * requests, and the segment array is reused. The gathering write moves the positions of the
 * attached buffers; {@link #reset()} puts them back, so a caller sees its buffers unmoved once the
 * request is written or dropped.
 */
public final class RequestEncoder {

  private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

  private final ProtocolWriter writer;
  // Attached buffers, the writer position each one follows, and the position to restore.
  private ByteBuffer[] attached = new ByteBuffer[8];
  private int[] attachedAfter = new int[8];
  private int[] attachedPosition = new int[8];
  private int attachedCount;
  private long attachedBytes;

  // The segments of the last segments call: writer views interleaved with attached buffers.
  private ByteBuffer[] segments = NO_BUFFERS;
  private int segmentCount;
  // Views over the writer's array (re-made only when the writer grew into a new array).
  private ByteBuffer[] writerViews = NO_BUFFERS;
  private byte[] viewedArray;

  RequestEncoder(int initialCapacityBytes) {
    this.writer = new ProtocolWriter(initialCapacityBytes);
  }

  /** The writer for header and body fields. */
  public ProtocolWriter writer() {
    return writer;
  }

  /**
   * Sends the remaining bytes of {@code buffer} right after what {@link #writer()} holds now,
   * without copying them. The buffer's content must not change until the request completes, and
   * nothing else may use its position until then: the write moves it, {@link #reset()} restores it.
   */
  public void appendBuffer(ByteBuffer buffer) {
    if (buffer.remaining() == 0) {
      return;
    }
    if (attachedCount == attached.length) {
      int grown = attached.length * 2;
      attached = Arrays.copyOf(attached, grown);
      attachedAfter = Arrays.copyOf(attachedAfter, grown);
      attachedPosition = Arrays.copyOf(attachedPosition, grown);
    }
    attachedAfter[attachedCount] = writer.position();
    attachedPosition[attachedCount] = buffer.position();
    attached[attachedCount++] = buffer;
    attachedBytes += buffer.remaining();
  }

  /** Bytes written or attached since {@link #reset()}. */
  long sizeBytes() {
    return writer.position() + attachedBytes;
  }

  /**
   * Forgets the request: the attached buffers get their positions back and are no longer
   * referenced.
   */
  void reset() {
    for (int i = 0; i < attachedCount; i++) {
      attached[i].position(attachedPosition[i]);
      attached[i] = null;
    }
    Arrays.fill(segments, 0, segmentCount, null);
    segmentCount = 0;
    attachedCount = 0;
    attachedBytes = 0;
    writer.reset();
  }

  /**
   * Lays out the bytes to send, in order (writer views interleaved with the attached buffers), in
   * {@link #segmentArray()}; returns how many segments there are. Valid until {@link #reset()}.
   */
  int prepareSegments() {
    byte[] array = writer.array();
    if (array != viewedArray) {
      // The writer grew: views over the old array would send stale bytes.
      Arrays.fill(writerViews, null);
      viewedArray = array;
    }
    int maxSegments = 2 * attachedCount + 1;
    if (segments.length < maxSegments) {
      segments = Arrays.copyOf(segments, Math.max(maxSegments, 2 * segments.length));
    }
    int count = 0;
    int views = 0;
    int from = 0;
    for (int i = 0; i < attachedCount; i++) {
      int to = attachedAfter[i];
      if (to > from) {
        segments[count++] = writerView(views++, from, to);
      }
      segments[count++] = attached[i];
      from = to;
    }
    int end = writer.position();
    if (end > from || count == 0) {
      segments[count++] = writerView(views, from, end);
    }
    segmentCount = count;
    return count;
  }

  /** The array {@link #prepareSegments()} filled (longer than its count). */
  ByteBuffer[] segmentArray() {
    return segments;
  }

  /** The bytes to send as an array of exactly the segments (allocates: tests and benchmarks). */
  ByteBuffer[] segments() {
    int count = prepareSegments();
    ByteBuffer[] out = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      out[i] = segments[i].duplicate();
    }
    return out;
  }

  private ByteBuffer writerView(int index, int from, int to) {
    if (index >= writerViews.length) {
      writerViews = Arrays.copyOf(writerViews, Math.max(index + 1, 2 * writerViews.length));
    }
    ByteBuffer view = writerViews[index];
    if (view == null) {
      view = ByteBuffer.wrap(viewedArray);
      writerViews[index] = view;
    }
    view.clear().position(from).limit(to);
    return view;
  }
}
