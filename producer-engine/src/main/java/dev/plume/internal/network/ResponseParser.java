package dev.plume.internal.network;

import dev.plume.internal.protocol.ProtocolReader;

/**
 * Decodes a response body (the bytes after the response header) at the request's version. Runs on
 * the I/O thread right after the frame is read; the reader's bytes are in a buffer the connection
 * reuses for the next frame, so the result must NOT keep slices of the reader (copy what you keep).
 * A {@link dev.plume.internal.protocol.ProtocolException} (or any runtime exception) closes the
 * connection and fails this and every other request in flight on it.
 */
@FunctionalInterface
public interface ResponseParser<R> {

  R read(ProtocolReader reader, short version);
}
