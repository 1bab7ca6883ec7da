package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.RequestMessage;
import java.util.Objects;

/**
 * One request to one broker.
 *
 * @param destination the broker to send to; {@link NetworkClient#ready} must have returned true for
 *     it
 * @param apiKey the API
 * @param minVersion lowest acceptable version (usually {@code apiKey.minVersion()}); the client
 *     uses the highest version in {@code [minVersion, maxVersion]} that the broker also supports,
 *     and fails the request with an UnsupportedVersionException if there is none
 * @param maxVersion highest acceptable version (usually {@code apiKey.maxVersion()})
 * @param body encodes the body at the chosen version
 * @param expectResponse false for requests the broker never answers (Produce with acks=0): the
 *     request completes, with a null body, as soon as it is fully written to the socket
 * @param parser decodes the response body; ignored when no response is expected
 * @param requestTimeoutMs how long to wait for the response once sent; -1 uses the client's
 *     request.timeout.ms. On expiry the connection is closed.
 * @param handler receives the outcome exactly once
 */
public record ClientRequest<R>(
    Node destination,
    ApiKey apiKey,
    short minVersion,
    short maxVersion,
    RequestBody body,
    boolean expectResponse,
    ResponseParser<R> parser,
    long requestTimeoutMs,
    RequestCompletionHandler<R> handler) {

  public ClientRequest {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(handler, "handler");
    if (expectResponse) {
      Objects.requireNonNull(parser, "parser (required when a response is expected)");
    }
    if (minVersion > maxVersion) {
      throw new IllegalArgumentException(
          apiKey + ": minVersion " + minVersion + " > maxVersion " + maxVersion);
    }
  }

  /** A request expecting a response, at any version we implement, with the default timeout. */
  public static <R> ClientRequest<R> of(
      Node destination,
      ApiKey apiKey,
      RequestBody body,
      ResponseParser<R> parser,
      RequestCompletionHandler<R> handler) {
    return new ClientRequest<>(
        destination,
        apiKey,
        apiKey.minVersion(),
        apiKey.maxVersion(),
        body,
        true,
        parser,
        -1,
        handler);
  }

  /** A protocol message expecting a response, at any version we implement. */
  public static <R> ClientRequest<R> of(
      Node destination,
      RequestMessage message,
      ResponseParser<R> parser,
      RequestCompletionHandler<R> handler) {
    return of(destination, message.apiKey(), RequestBody.of(message), parser, handler);
  }

  /** A request the broker never answers (Produce with acks=0). */
  public static ClientRequest<Void> oneWay(
      Node destination, ApiKey apiKey, RequestBody body, RequestCompletionHandler<Void> handler) {
    return new ClientRequest<>(
        destination,
        apiKey,
        apiKey.minVersion(),
        apiKey.maxVersion(),
        body,
        false,
        null,
        -1,
        handler);
  }

  public ClientRequest<R> withVersions(short min, short max) {
    return new ClientRequest<>(
        destination, apiKey, min, max, body, expectResponse, parser, requestTimeoutMs, handler);
  }

  public ClientRequest<R> withRequestTimeoutMs(long timeoutMs) {
    return new ClientRequest<>(
        destination,
        apiKey,
        minVersion,
        maxVersion,
        body,
        expectResponse,
        parser,
        timeoutMs,
        handler);
  }
}
