package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.message.ApiVersionsRequest;
import dev.plume.internal.protocol.message.ApiVersionsResponse;
import dev.plume.internal.protocol.message.SaslAuthenticateRequest;
import dev.plume.internal.protocol.message.SaslAuthenticateResponse;
import dev.plume.internal.protocol.message.SaslHandshakeRequest;
import dev.plume.internal.protocol.message.SaslHandshakeResponse;
import dev.plume.internal.security.SaslMechanismClient;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.PlumeException;
import dev.plume.producer.errors.ProtocolViolationException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a TCP-connected {@link Connection} to READY and keeps it authenticated: the transport's
 * handshake (TLS), ApiVersions (retried with the broker's version when it does not know ours), then
 * with SASL the SaslHandshake / SaslAuthenticate exchange, and KIP-368 re-authentication before the
 * broker's session lifetime runs out.
 *
 * <p>The selector loop writes the internal requests and reads their responses; this class decides
 * what to send next and when the connection is ready or failed. I/O thread only.
 */
final class ConnectionSetup {

  /** What the setup needs from the selector loop. */
  interface Loop {

    /** Queues an internal request on {@code c} and starts writing it. */
    void sendInternal(Connection c, ClientRequest<?> request, short version, long nowMs);

    /** Closes {@code c} after a failure: counts it, backs off, fails what is in flight. */
    void fail(Connection c, RuntimeException cause, long nowMs);
  }

  // The loop's logger: operators who enable DEBUG for the network client expect the setup steps.
  private static final Logger log = LoggerFactory.getLogger(NioNetworkClient.class);

  private final NetworkConfig config;
  private final NetworkEnvironment env;
  private final ConnectionLog connectionLog;
  private final NetworkStats stats;
  private final Loop loop;

  ConnectionSetup(
      NetworkConfig config,
      NetworkEnvironment env,
      ConnectionLog connectionLog,
      NetworkStats stats,
      Loop loop) {
    this.config = config;
    this.env = env;
    this.connectionLog = connectionLog;
    this.stats = stats;
    this.loop = loop;
  }

  /**
   * The SASL state of a new connection, or null without SASL. Made when the connection is, so a
   * mechanism that cannot start fails the connection attempt.
   */
  SaslSession newSaslSession() {
    SaslMechanismClient client = env.transports().newSaslClient();
    return client == null ? null : new SaslSession(client);
  }

  /** Advances the transport's handshake; once done, starts the ApiVersions exchange. */
  void continueTransportHandshake(Connection c, long nowMs) throws IOException {
    if (c.transport.handshake()) {
      // Test-only oldest mode: v0 as the oldest brokers answer, without feature levels (so no
      // Transactions V2, whose newest Produce/EndTxn versions the oldest mode would not use).
      sendApiVersions(
          c,
          env.oldestVersions()
              ? ApiKey.API_VERSIONS.minVersion()
              : ApiKey.API_VERSIONS.maxVersion(),
          nowMs);
    } else {
      c.updateInterest();
    }
  }

  /** Handles the response to one of the setup's own requests. */
  void onResponse(Connection c, InFlightRequest<?> request, ProtocolReader reader, long nowMs) {
    switch (request.request.apiKey()) {
      case SASL_HANDSHAKE -> onSaslHandshakeResponse(c, request, reader, nowMs);
      case SASL_AUTHENTICATE -> onSaslAuthenticateResponse(c, request, reader, nowMs);
      default -> onApiVersionsResponse(c, request, reader, nowMs);
    }
  }

  // ---------------------------------------------------------------- ApiVersions

  private void sendApiVersions(Connection c, short version, long nowMs) {
    c.checkingApiVersions();
    ApiVersionsRequest body =
        new ApiVersionsRequest(
            NetworkConfig.CLIENT_SOFTWARE_NAME, NetworkConfig.CLIENT_SOFTWARE_VERSION);
    ClientRequest<ApiVersionsResponse> request =
        new ClientRequest<>(
            c.owner.node(),
            ApiKey.API_VERSIONS,
            version,
            version,
            RequestBody.of(body),
            true,
            ApiVersionsResponse::readWithFallback,
            config.requestTimeoutMs(),
            response -> {});
    loop.sendInternal(c, request, version, nowMs);
  }

  private void onApiVersionsResponse(
      Connection c, InFlightRequest<?> request, ProtocolReader reader, long nowMs) {
    NodeState state = c.owner;
    ApiVersionsResponse response;
    try {
      response = ApiVersionsResponse.readWithFallback(reader, request.version);
    } catch (RuntimeException e) {
      loop.fail(
          c,
          new ProtocolViolationException(
              "cannot parse the ApiVersions response from " + state.node() + ": " + e, e),
          nowMs);
      return;
    }
    if (Errors.UNSUPPORTED_VERSION.is(response.errorCode())) {
      // The broker does not know our version: it answered in v0 with its own range.
      short ourMin = ApiKey.API_VERSIONS.minVersion();
      Optional<ApiVersionRange> range = response.brokerApiVersionsRange();
      short brokerMax = range.map(ApiVersionRange::maxVersion).orElse((short) 0);
      short retry = (short) Math.min(brokerMax, ApiKey.API_VERSIONS.maxVersion());
      if (retry >= ourMin && retry < request.version) {
        log.debug("{} does not know ApiVersions v{}; retrying with v{}", c, request.version, retry);
        sendApiVersions(c, retry, nowMs);
        return;
      }
      loop.fail(
          c,
          new UnsupportedVersionException(
              state.node()
                  + " refused ApiVersions v"
                  + request.version
                  + " and offered up to v"
                  + brokerMax
                  + " (we speak "
                  + ourMin
                  + "-"
                  + ApiKey.API_VERSIONS.maxVersion()
                  + "): "
                  + ApiKey.API_VERSIONS.remedy()),
          nowMs);
      return;
    }
    if (response.errorCode() != 0) {
      loop.fail(
          c,
          new PlumeException(
              state.node()
                  + " refused the ApiVersions request with error code "
                  + response.errorCode()),
          nowMs);
      return;
    }
    c.negotiated(
        env.oldestVersions() ? response.negotiate().preferringOldest() : response.negotiate());
    if (c.sasl != null) {
      sendSaslHandshake(c, nowMs);
      return;
    }
    markReady(c);
  }

  private void markReady(Connection c) {
    NodeState state = c.owner;
    c.ready();
    state.reconnect().succeeded();
    connectionLog.ready(state, env.clock().nowMs());
    log.debug("{} ready: {}", c, c.versions());
  }

  // ---------------------------------------------------------------- SASL

  private void sendSaslHandshake(Connection c, long nowMs) {
    c.authenticating();
    sendInternal(
        c,
        ApiKey.SASL_HANDSHAKE,
        RequestBody.of(new SaslHandshakeRequest(c.sasl.client().mechanism())),
        nowMs);
  }

  private void sendSaslToken(Connection c, byte[] token, long nowMs) {
    sendInternal(
        c, ApiKey.SASL_AUTHENTICATE, RequestBody.of(new SaslAuthenticateRequest(token)), nowMs);
  }

  private void sendInternal(Connection c, ApiKey apiKey, RequestBody body, long nowMs) {
    short version;
    try {
      version = c.versions().version(apiKey);
    } catch (dev.plume.internal.protocol.UnsupportedVersionException e) {
      loop.fail(
          c, new UnsupportedVersionException(c.owner.node() + ": " + e.getMessage(), e), nowMs);
      return;
    }
    ClientRequest<Void> request =
        new ClientRequest<>(
            c.owner.node(),
            apiKey,
            version,
            version,
            body,
            true,
            (reader, v) -> null,
            config.requestTimeoutMs(),
            response -> {});
    loop.sendInternal(c, request, version, nowMs);
  }

  private void onSaslHandshakeResponse(
      Connection c, InFlightRequest<?> request, ProtocolReader reader, long nowMs) {
    SaslMechanismClient sasl = c.sasl.client();
    SaslHandshakeResponse response = SaslHandshakeResponse.read(reader, request.version);
    if (response.errorCode() != 0) {
      loop.fail(
          c,
          new AuthenticationException(
              c.owner.node()
                  + " does not enable SASL mechanism "
                  + sasl.mechanism()
                  + " on this listener ("
                  + "error code "
                  + response.errorCode()
                  + "; enabled: "
                  + response.mechanisms()
                  + ")"),
          nowMs);
      return;
    }
    byte[] first;
    try {
      first = sasl.initialResponse();
    } catch (AuthenticationException e) {
      loop.fail(c, e, nowMs);
      return;
    }
    sendSaslToken(c, first, nowMs);
  }

  private void onSaslAuthenticateResponse(
      Connection c, InFlightRequest<?> request, ProtocolReader reader, long nowMs) {
    SaslMechanismClient sasl = c.sasl.client();
    SaslAuthenticateResponse response = SaslAuthenticateResponse.read(reader, request.version);
    if (response.errorCode() != 0) {
      loop.fail(
          c,
          new AuthenticationException(
              sasl.mechanism()
                  + " authentication with "
                  + c.owner.node()
                  + " failed: "
                  + (response.errorMessage() != null
                      ? response.errorMessage()
                      : "error code " + response.errorCode())),
          nowMs);
      return;
    }
    byte[] next;
    try {
      next = sasl.evaluate(response.authBytes());
    } catch (AuthenticationException e) {
      loop.fail(c, e, nowMs);
      return;
    }
    if (next != null) {
      sendSaslToken(c, next, nowMs);
      return;
    }
    boolean reauthentication =
        c.sasl.authenticated(request.sentTimeMs, response.sessionLifetimeMs(), env.random());
    log.debug(
        "{} {} with {}; session lifetime {} ms",
        c,
        reauthentication ? "re-authenticated" : "authenticated",
        sasl.mechanism(),
        response.sessionLifetimeMs());
    if (reauthentication) {
      stats.recordReauthentication();
    }
    markReady(c);
  }

  /**
   * KIP-368: the session of the READY connection {@code c} is about to expire. New requests wait;
   * once the in-flight ones are answered, a new SASL exchange runs on the same connection, then
   * sending resumes. Called again on each poll until then.
   */
  void maybeReauthenticate(Connection c, long nowMs) {
    c.sasl.markReauthDue();
    if (c.hasInFlight() || c.isWriting()) {
      return;
    }
    c.sasl.restart(env.transports().newSaslClient());
    c.restartSetupClock(nowMs + config.connectionSetupTimeoutMs());
    log.debug("{} re-authenticating", c);
    sendSaslHandshake(c, nowMs);
  }
}
