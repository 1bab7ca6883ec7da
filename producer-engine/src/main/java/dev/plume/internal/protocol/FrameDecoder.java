package dev.plume.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reassembles size-prefixed frames (int32 size, then that many bytes) from a non-blocking stream.
 * Feed it bytes as they arrive; it returns each frame once complete. The size is checked against a
 * cap before the frame buffer is allocated, so a hostile or confused peer cannot make us allocate
 * more than {@code maxFrameBytes}. Not thread-safe: one per connection.
 */
public final class FrameDecoder {

  /** Default frame cap: 100 MiB, far above any producer response. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

  private final int maxFrameBytes;
  private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);
  private ByteBuffer frame; // null while the size prefix is being read

  public FrameDecoder() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  public FrameDecoder(int maxFrameBytes) {
    if (maxFrameBytes < 0) {
      throw new IllegalArgumentException("maxFrameBytes < 0: " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * Reads from {@code channel} until one frame is complete or the channel has nothing more now.
   *
   * @return the complete frame (position 0, limit = its size), or null if more bytes are needed
   * @throws EOFException if the peer closed the connection
   * @throws ProtocolException if the size prefix is negative, over the cap, or looks like TLS
   */
  public ByteBuffer readFrom(ReadableByteChannel channel) throws IOException {
    if (frame == null) {
      if (channel.read(sizeBuffer) < 0) {
        throw new EOFException("connection closed by the peer");
      }
      if (sizeBuffer.hasRemaining()) {
        return null;
      }
      startFrame();
    }
    if (frame.hasRemaining() && channel.read(frame) < 0) {
      throw new EOFException("connection closed by the peer in the middle of a frame");
    }
    return frame.hasRemaining() ? null : finishFrame();
  }

  /**
   * Consumes bytes from {@code source} (advancing its position) up to the end of one frame.
   *
   * @return the complete frame, or null if {@code source} ran out first (call again with more)
   */
  public ByteBuffer feed(ByteBuffer source) {
    if (frame == null) {
      while (sizeBuffer.hasRemaining() && source.hasRemaining()) {
        sizeBuffer.put(source.get());
      }
      if (sizeBuffer.hasRemaining()) {
        return null;
      }
      startFrame();
    }
    int n = Math.min(frame.remaining(), source.remaining());
    frame.put(frame.position(), source, source.position(), n);
    frame.position(frame.position() + n);
    source.position(source.position() + n);
    return frame.hasRemaining() ? null : finishFrame();
  }

  /** True if part of a frame (or of its size) has been read but not yet returned. */
  public boolean isMidFrame() {
    return frame != null || sizeBuffer.position() > 0;
  }

  private void startFrame() {
    int size = sizeBuffer.getInt(0);
    checkSize(size, maxFrameBytes);
    frame = ByteBuffer.allocate(size);
  }

  private ByteBuffer finishFrame() {
    ByteBuffer complete = frame.flip();
    frame = null;
    sizeBuffer.clear();
    return complete;
  }

  /**
   * Validates a frame size prefix; exposed so a network layer with its own buffering can reuse it.
   */
  public static void checkSize(int size, int maxFrameBytes) {
    if (looksLikeTls(size)) {
      throw new ProtocolException(
          String.format(
              "frame size prefix 0x%08x looks like a TLS record header: the port may expect TLS"
                  + " (security.protocol SSL or SASL_SSL)",
              size));
    }
    if (size < 0) {
      throw new ProtocolException("negative frame size " + size);
    }
    if (size > maxFrameBytes) {
      throw new ProtocolException(
          "frame size " + size + " bytes exceeds the cap of " + maxFrameBytes + " bytes");
    }
  }

  // A TLS record starts with a content type (0x14-0x18: change-cipher-spec, alert, handshake,
  // application data, heartbeat) and protocol major version 3, e.g. an alert is 15 03 03 ..
  private static boolean looksLikeTls(int size) {
    int contentType = size >>> 24;
    int major = (size >>> 16) & 0xFF;
    int minor = (size >>> 8) & 0xFF;
    return contentType >= 0x14 && contentType <= 0x18 && major == 0x03 && minor <= 0x04;
  }
}
