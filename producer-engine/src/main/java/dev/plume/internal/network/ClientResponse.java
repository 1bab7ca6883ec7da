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
 * @param apiVersion the version the request was encoded with, or -1 if none was chosen
 * @param sentTimeMs when the request was handed to {@link NetworkClient#send}
 * @param receivedTimeMs when the outcome was known (response read, write completed, failure)
 */
public record ClientResponse<R>(
    ClientRequest<R> request,
    int nodeId,
    short apiVersion,
    R body,
    boolean disconnected,
    boolean timedOut,
    RuntimeException error,
    long sentTimeMs,
    long receivedTimeMs) {

  public boolean isSuccess() {
    return error == null;
  }

  public long latencyMs() {
    return receivedTimeMs - sentTimeMs;
  }
}
