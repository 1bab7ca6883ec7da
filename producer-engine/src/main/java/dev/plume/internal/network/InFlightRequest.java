package dev.plume.internal.network;

/**
 * A request handed to a connection: written or being written, and (if it expects one) awaiting its
 * response.
 */
final class InFlightRequest<R> {

  final ClientRequest<R> request;
  final short version;
  final int correlationId;
  final long sentTimeMs;
  final long timeoutMs;

  /** The connection's own ApiVersions handshake: handled by the client, not by a handler. */
  final boolean internal;

  InFlightRequest(
      ClientRequest<R> request,
      short version,
      int correlationId,
      long sentTimeMs,
      long timeoutMs,
      boolean internal) {
    this.request = request;
    this.version = version;
    this.correlationId = correlationId;
    this.sentTimeMs = sentTimeMs;
    this.timeoutMs = timeoutMs;
    this.internal = internal;
  }

  long deadlineMs() {
    // Saturating: a huge timeout must not wrap around into the past.
    long deadline = sentTimeMs + timeoutMs;
    return deadline < sentTimeMs ? Long.MAX_VALUE : deadline;
  }

  ClientResponse<R> success(int nodeId, R body, long receivedTimeMs) {
    return new ClientResponse<>(
        request, nodeId, version, body, false, false, null, sentTimeMs, receivedTimeMs);
  }

  ClientResponse<R> failure(
      int nodeId,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error,
      long receivedTimeMs) {
    return new ClientResponse<>(
        request, nodeId, version, null, disconnected, timedOut, error, sentTimeMs, receivedTimeMs);
  }

  @Override
  public String toString() {
    return request.apiKey() + " v" + version + " (correlation id " + correlationId + ")";
  }
}
