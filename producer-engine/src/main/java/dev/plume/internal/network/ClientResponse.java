package dev.plume.internal.network;

/**
 * The outcome of a {@link ClientRequest}: exactly one of
 *
 * <ul>
 *   <li>success: {@link #error()} is null; {@link #body()} is the parsed response (null for a
 *       request without response, see {@link ClientRequest#expectResponse()});
 *   <li>failure: {@link #error()} says why, and {@link #body()} is null. {@link #disconnected()} is
 *       true when the connection was lost or closed before the response arrived (the request may or
 *       may not have reached the broker); {@link #timedOut()} is true (with disconnected) when
 *       request.timeout.ms expired; otherwise the request was never sent (e.g. the broker lacks the
 *       API version: an UnsupportedVersionException).
 * </ul>
 *
 * <p>Immutable to its handler. The client reuses one object for many outcomes only for a handler
 * that says it keeps none ({@link RequestCompletionHandler#keepsResponse()} false): the hot Produce
 * path, which then gets no object per response.
 */
public final class ClientResponse<R> {

  private ClientRequest<R> request;
  private int nodeId;
  private short apiVersion;
  private R body;
  private boolean disconnected;
  private boolean timedOut;
  private RuntimeException error;
  private long sentTimeMs;
  private long receivedTimeMs;

  /**
   * @param apiVersion the version the request was encoded with, or -1 if none was chosen
   * @param sentTimeMs when the request was handed to {@link NetworkClient#send}
   * @param receivedTimeMs when the outcome was known (response read, write completed, failure)
   */
  public ClientResponse(
      ClientRequest<R> request,
      int nodeId,
      short apiVersion,
      R body,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error,
      long sentTimeMs,
      long receivedTimeMs) {
    set(
        request,
        nodeId,
        apiVersion,
        body,
        disconnected,
        timedOut,
        error,
        sentTimeMs,
        receivedTimeMs);
  }

  /** Refills a reused response (client only, between two handler calls). */
  void set(
      ClientRequest<R> request,
      int nodeId,
      short apiVersion,
      R body,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error,
      long sentTimeMs,
      long receivedTimeMs) {
    this.request = request;
    this.nodeId = nodeId;
    this.apiVersion = apiVersion;
    this.body = body;
    this.disconnected = disconnected;
    this.timedOut = timedOut;
    this.error = error;
    this.sentTimeMs = sentTimeMs;
    this.receivedTimeMs = receivedTimeMs;
  }

  public ClientRequest<R> request() {
    return request;
  }

  public int nodeId() {
    return nodeId;
  }

  public short apiVersion() {
    return apiVersion;
  }

  public R body() {
    return body;
  }

  public boolean disconnected() {
    return disconnected;
  }

  public boolean timedOut() {
    return timedOut;
  }

  public RuntimeException error() {
    return error;
  }

  public long sentTimeMs() {
    return sentTimeMs;
  }

  public long receivedTimeMs() {
    return receivedTimeMs;
  }

  public boolean isSuccess() {
    return error == null;
  }

  public long latencyMs() {
    return receivedTimeMs - sentTimeMs;
  }

  @Override
  public String toString() {
    return "ClientResponse[node "
        + nodeId
        + ", "
        + (request == null ? "?" : request.apiKey())
        + " v"
        + apiVersion
        + (error == null ? "" : ", error " + error)
        + (disconnected ? ", disconnected" : "")
        + (timedOut ? ", timed out" : "")
        + "]";
  }
}
