package dev.plume.internal.network;

import dev.plume.internal.protocol.RequestMessage;

/**
 * Encodes a request body (the bytes after the request header) at the negotiated version. Called
 * once, from {@link NetworkClient#send}, on the I/O thread.
 *
 * <p>Typical use with a protocol message: {@code (out, version) -> message.write(out.writer(),
 * version)}. Large payloads (record batches) may be attached without copying with {@link
 * RequestEncoder#appendBuffer}.
 */
@FunctionalInterface
public interface RequestBody {

  void write(RequestEncoder out, short version);

  /** The body of a protocol message, encoded into the connection's writer. */
  static RequestBody of(RequestMessage message) {
    return (out, version) -> message.write(out.writer(), version);
  }
}
