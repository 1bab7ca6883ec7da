package dev.plume.internal.network;

/**
 * A request handed to a connection: written or being written, and (if it expects one) awaiting its
 * response; then, once its outcome is known, waiting in the client's completions for its handler.
 *
 * <p>Pooled by the client ({@link #init} starts a use, {@link #clear} ends it), so a request costs
 * no entry object: an entry goes back to the pool only once its handler has run, when nothing
 * (connection, completions) refers to it any more. I/O thread only.
 */
final class InFlightRequest<R> {

  ClientRequest<R> request;
  short version;
  int correlationId;
  long sentTimeMs;
  long timeoutMs;

  /** The connection's own ApiVersions handshake: handled by the client, not by a handler. */
  boolean internal;

  // The outcome, once known (see complete / fail).
  private int nodeId;
  private R body;
  private boolean disconnected;
  private boolean timedOut;
  private RuntimeException error;
  private long receivedTimeMs;

  /** Handed to handlers that keep no response (made on first use, then refilled). */
  private ClientResponse<R> reusableResponse;

  InFlightRequest<R> init(
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
    return this;
  }

  long deadlineMs() {
    // Saturating: a huge timeout must not wrap around into the past.
    long deadline = sentTimeMs + timeoutMs;
    return deadline < sentTimeMs ? Long.MAX_VALUE : deadline;
  }

  /** The request succeeded with {@code body}; returns this, for the completions. */
  InFlightRequest<R> success(int nodeId, R body, long receivedTimeMs) {
    return outcome(nodeId, body, false, false, null, receivedTimeMs);
  }

  /** The request failed; returns this, for the completions. */
  InFlightRequest<R> failure(
      int nodeId,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error,
      long receivedTimeMs) {
    return outcome(nodeId, null, disconnected, timedOut, error, receivedTimeMs);
  }

  private InFlightRequest<R> outcome(
      int nodeId,
      R body,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error,
      long receivedTimeMs) {
    this.nodeId = nodeId;
    this.body = body;
    this.disconnected = disconnected;
    this.timedOut = timedOut;
    this.error = error;
    this.receivedTimeMs = receivedTimeMs;
    return this;
  }

  /** Runs the handler with the outcome (a reused response object if the handler keeps none). */
  void complete() {
    RequestCompletionHandler<R> handler = request.handler();
    ClientResponse<R> response;
    if (handler.keepsResponse()) {
      response =
          new ClientResponse<>(
              request,
              nodeId,
              version,
              body,
              disconnected,
              timedOut,
              error,
              sentTimeMs,
              receivedTimeMs);
    } else {
      response = reusableResponse;
      if (response == null) {
        response =
            new ClientResponse<>(
                request,
                nodeId,
                version,
                body,
                disconnected,
                timedOut,
                error,
                sentTimeMs,
                receivedTimeMs);
        reusableResponse = response;
      } else {
        response.set(
            request,
            nodeId,
            version,
            body,
            disconnected,
            timedOut,
            error,
            sentTimeMs,
            receivedTimeMs);
      }
    }
    handler.onComplete(response);
  }

  /** Ends this use: drops every reference, so a pooled entry pins nothing. */
  void clear() {
    request = null;
    body = null;
    error = null;
    if (reusableResponse != null) {
      reusableResponse.set(null, -1, (short) -1, null, false, false, null, -1, -1);
    }
  }

  String apiName() {
    return request == null ? "?" : request.apiKey().toString();
  }

  @Override
  public String toString() {
    return apiName() + " v" + version + " (correlation id " + correlationId + ")";
  }
}
