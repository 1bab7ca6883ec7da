package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.ResponseMessage;
import dev.plume.internal.protocol.message.FakeBrokerEncoders;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A scripted {@link NetworkClient} for sender and transaction tests (in the spirit of Kafka's
 * MockClient): no sockets, no threads, time only as passed in.
 *
 * <p><b>Readiness.</b> A node becomes ready on its first {@link #ready} call ("connects at once")
 * unless {@link #setNodeReady(Node, boolean) setNodeReady(node, false)} or {@link #backoff} holds
 * it back; it stays not-ready while it has {@code maxInFlight} requests outstanding.
 *
 * <p><b>Responses.</b> Each {@link #send} is recorded ({@link #sentRequests()}, body bytes
 * included). A request expecting a response is answered by the first prepared response in line if
 * it matches (else it throws, to catch a sender sending something unexpected), or stays in flight
 * until {@link #respondToNext}, {@link #respond}, {@link #disconnect} or {@link #timeOutInFlight}.
 * A request without response completes at the next poll. Every handler runs inside {@link #poll},
 * in order, never inside {@code send}.
 *
 * <p><b>Threads.</b> Every method is synchronized, so a test thread may script and inspect the fake
 * while a sender thread drives it (see {@link #blockInPoll}).
 *
 * <pre>
 * FakeNetworkClient client = new FakeNetworkClient();
 * client.prepareResponse(ApiKey.PRODUCE, produceResponse);       // typed (Produce: re-parsed)
 * client.prepareEncodedResponse(ApiKey.METADATA, metadata);     // through wire bytes + parser
 * client.prepareDisconnect(ApiKey.PRODUCE);                      // next Produce: disconnected
 * sender.runOnce();
 * assertThat(client.sentRequests()).extracting(SentRequest::apiKey).containsExactly(PRODUCE);
 * ProduceRequest sent = client.lastSent().decode(ProduceRequest::read);
 * </pre>
 */
public final class FakeNetworkClient implements NetworkClient {

  /** A request as sent: the request, the version chosen, the encoded body and when. */
  public record SentRequest(ClientRequest<?> request, short version, byte[] body, long sentTimeMs) {

    public ApiKey apiKey() {
      return request.apiKey();
    }

    public Node destination() {
      return request.destination();
    }

    /** Decodes the recorded body, e.g. {@code decode(ProduceRequest::read)}. */
    public <T> T decode(BodyReader<T> reader) {
      return reader.read(new ProtocolReader(ByteBuffer.wrap(body)), version);
    }
  }

  /** Reads a request body; matches the protocol messages' static {@code read} methods. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(ProtocolReader reader, short version);
  }

  private record Prepared(
      Predicate<SentRequest> matcher,
      Object body,
      ResponseMessage encoded,
      boolean disconnect,
      RuntimeException error) {}

  private static final class Outstanding {
    final SentRequest sent;

    Outstanding(SentRequest sent) {
      this.sent = sent;
    }
  }

  private final int maxInFlight;
  private Runnable beforeInFlightLimitCheck;
  private final Map<String, Short> finalizedFeatures = new HashMap<>();
  private final Map<ApiKey, Short> maxVersions = new EnumMap<>(ApiKey.class);
  // APIs absent here: the "broker" accepts from our minimum
  private final Map<ApiKey, Short> minVersions = new EnumMap<>(ApiKey.class);
  private final Set<Integer> connected = new HashSet<>();
  private final Set<Integer> blocked = new HashSet<>();
  private final Map<Integer, Long> backoffUntilMs = new HashMap<>();
  private final Map<Integer, RuntimeException> failures = new HashMap<>();
  private final ArrayDeque<Prepared> prepared = new ArrayDeque<>();
  private final List<Outstanding> inFlight = new ArrayList<>();
  private final List<SentRequest> sent = new ArrayList<>();
  private final List<Runnable> pendingCompletions = new ArrayList<>();
  private final Map<ApiKey, java.util.function.Function<SentRequest, Object>> autoResponders =
      new EnumMap<>(ApiKey.class);
  private final List<SendFailure> sendFailures = new ArrayList<>();
  private final List<RuntimeException> handlerErrors = new ArrayList<>();
  private final NetworkStats stats = new NetworkStats();
  private final AtomicInteger wakeups = new AtomicInteger();
  private long lastNowMs;
  private boolean closed;
  private boolean blockInPoll;
  private long lastPollTimeoutMs = -1;

  public FakeNetworkClient() {
    this(5);
  }

  public FakeNetworkClient(int maxInFlightPerNode) {
    this.maxInFlight = maxInFlightPerNode;
    for (ApiKey key : ApiKey.values()) {
      maxVersions.put(key, key.maxVersion());
    }
  }

  // ------------------------------------------------------------------ scripting

  /** Next request in line must be of {@code apiKey}; it completes with {@code body} as parsed. */
  public synchronized FakeNetworkClient prepareResponse(ApiKey apiKey, Object body) {
    return prepareResponse(r -> r.apiKey() == apiKey, body);
  }

  /** Next request in line must match {@code matcher}; it completes with {@code body}. */
  public synchronized FakeNetworkClient prepareResponse(
      Predicate<SentRequest> matcher, Object body) {
    prepared.add(new Prepared(matcher, body, null, false, null));
    return this;
  }

  /**
   * Like {@link #prepareResponse(ApiKey, Object)}, but {@code message} is written at the request's
   * version and read back with the request's own parser, so the parser is exercised too.
   */
  public synchronized FakeNetworkClient prepareEncodedResponse(
      ApiKey apiKey, ResponseMessage message) {
    prepared.add(new Prepared(r -> r.apiKey() == apiKey, null, message, false, null));
    return this;
  }

  /** Next request in line ({@code apiKey}) fails as if the connection dropped before its answer. */
  public synchronized FakeNetworkClient prepareDisconnect(ApiKey apiKey) {
    prepared.add(new Prepared(r -> r.apiKey() == apiKey, null, null, true, null));
    return this;
  }

  /**
   * Answers every later request of {@code apiKey} with {@code responder}'s body (at the next poll),
   * without using the prepared queue: handy for Metadata refreshes that happen in between. Prepared
   * responses are not consulted for that key while a responder is set.
   */
  public synchronized FakeNetworkClient respondAlways(
      ApiKey apiKey, java.util.function.Function<SentRequest, Object> responder) {
    autoResponders.put(apiKey, responder);
    return this;
  }

  /** Stops answering {@code apiKey} automatically. */
  public synchronized void stopResponding(ApiKey apiKey) {
    autoResponders.remove(apiKey);
  }

  /** The next {@link #send} throws {@code error} (as a broken client would), sending nothing. */
  public synchronized FakeNetworkClient throwOnNextSend(RuntimeException error) {
    sendFailures.add(new SendFailure(null, error));
    return this;
  }

  /** The next {@link #send} of an {@code apiKey} request throws {@code error}. */
  public synchronized FakeNetworkClient throwOnNextSend(ApiKey apiKey, RuntimeException error) {
    sendFailures.add(new SendFailure(apiKey, error));
    return this;
  }

  private record SendFailure(ApiKey apiKey, RuntimeException error) {}

  /** Exceptions thrown by completion handlers (logged and swallowed, like the real client). */
  public synchronized List<RuntimeException> handlerErrors() {
    return List.copyOf(handlerErrors);
  }

  /** Requests sent and still awaiting a scripted answer, oldest first. */
  public synchronized List<SentRequest> inFlightRequests() {
    List<SentRequest> out = new ArrayList<>();
    for (Outstanding o : inFlight) {
      out.add(o.sent);
    }
    return out;
  }

  /** Next request in line ({@code apiKey}) fails with {@code error} (not a disconnect). */
  public synchronized FakeNetworkClient prepareError(ApiKey apiKey, RuntimeException error) {
    prepared.add(new Prepared(r -> r.apiKey() == apiKey, null, null, false, error));
    return this;
  }

  /** Completes the oldest request in flight with {@code body} (at the next poll). */
  public synchronized void respondToNext(Object body) {
    if (inFlight.isEmpty()) {
      throw new IllegalStateException("no request in flight to respond to");
    }
    Outstanding next = inFlight.remove(0);
    complete(next.sent, body, false, false, null);
  }

  /** Completes the given in-flight request with {@code body} (at the next poll). */
  public synchronized void respond(SentRequest request, Object body) {
    Iterator<Outstanding> it = inFlight.iterator();
    while (it.hasNext()) {
      if (it.next().sent == request) {
        it.remove();
        complete(request, body, false, false, null);
        return;
      }
    }
    throw new IllegalStateException("not in flight: " + request);
  }

  /** Overrides the highest version the fake "broker" supports for {@code key}. */
  public synchronized void setMaxVersion(ApiKey key, short version) {
    maxVersions.put(key, version);
  }

  /** The fake "broker" advertises {@code key} as {@code min-max}, as an old broker would. */
  public synchronized void setVersionRange(ApiKey key, short min, short max) {
    minVersions.put(key, min);
    maxVersions.put(key, max);
  }

  /** The fake "broker" does not advertise {@code key} at all. */
  public synchronized void removeApi(ApiKey key) {
    maxVersions.remove(key);
    minVersions.remove(key);
  }

  /** The versions as a real client would negotiate them with the advertised ranges. */
  private dev.plume.internal.protocol.NegotiatedVersions negotiated() {
    List<dev.plume.internal.protocol.ApiVersionRange> ranges = new ArrayList<>();
    maxVersions.forEach(
        (key, max) ->
            ranges.add(
                new dev.plume.internal.protocol.ApiVersionRange(
                    key.id(), minVersions.getOrDefault(key, key.minVersion()), max)));
    return new dev.plume.internal.protocol.NegotiatedVersions(
        ranges, Map.copyOf(finalizedFeatures), 1);
  }

  /** false: the node never becomes ready (as unreachable); true: it may again. */
  public synchronized void setNodeReady(Node node, boolean ready) {
    if (ready) {
      blocked.remove(node.id());
    } else {
      blocked.add(node.id());
      connected.remove(node.id());
    }
  }

  /** Puts the node in reconnect backoff for {@code ms} from the last time seen (drops it). */
  public synchronized void backoff(Node node, long ms) {
    if (connected.remove(node.id())) {
      stats.recordConnectionClosed();
    }
    backoffUntilMs.put(node.id(), lastNowMs + ms);
    failures.put(node.id(), new NetworkException("scripted backoff of " + node));
  }

  /**
   * The node refused our credentials: in reconnect backoff for {@code ms}, failed with {@code e}.
   */
  public synchronized void failAuthentication(Node node, long ms, RuntimeException e) {
    connected.remove(node.id());
    backoffUntilMs.put(node.id(), lastNowMs + ms);
    failures.put(node.id(), e);
  }

  /** Fails the node's in-flight requests as request-timed-out (as request.timeout.ms would). */
  public synchronized void timeOutInFlight(Node node) {
    failInFlight(node.id(), true, new TimeoutException("scripted request timeout to " + node));
  }

  public synchronized List<SentRequest> sentRequests() {
    return List.copyOf(sent);
  }

  public synchronized SentRequest lastSent() {
    if (sent.isEmpty()) {
      throw new IllegalStateException("nothing was sent");
    }
    return sent.get(sent.size() - 1);
  }

  public synchronized List<SentRequest> sentRequests(ApiKey key) {
    return sent.stream().filter(r -> r.apiKey() == key).toList();
  }

  public synchronized boolean hasPreparedResponses() {
    return !prepared.isEmpty();
  }

  /** The timeout the last {@link #poll} was called with (-1 before any). */
  public synchronized long lastPollTimeoutMs() {
    return lastPollTimeoutMs;
  }

  public synchronized int wakeupCount() {
    return wakeups.get();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  // ------------------------------------------------------------------ NetworkClient

  @Override
  public synchronized boolean ready(Node node, long nowMs) {
    lastNowMs = Math.max(lastNowMs, nowMs);
    if (blocked.contains(node.id()) || nowMs < backoffUntilMs.getOrDefault(node.id(), 0L)) {
      return false;
    }
    connected.add(node.id());
    failures.remove(node.id());
    return inFlightRequestCount(node.id()) < maxInFlight;
  }

  @Override
  public synchronized boolean isReady(Node node, long nowMs) {
    return connected.contains(node.id()) && inFlightRequestCount(node.id()) < maxInFlight;
  }

  @Override
  public synchronized long connectionDelayMs(Node node, long nowMs) {
    return Math.max(0, backoffUntilMs.getOrDefault(node.id(), 0L) - nowMs);
  }

  @Override
  public synchronized boolean connectionFailed(Node node) {
    return !connected.contains(node.id()) && failures.containsKey(node.id());
  }

  @Override
  public synchronized RuntimeException connectionFailure(Node node) {
    return failures.get(node.id());
  }

  /** Finalized feature levels every node reports (e.g. transaction.version=2 for TV2). */
  public synchronized void setFinalizedFeature(String feature, short level) {
    finalizedFeatures.put(feature, level);
  }

  @Override
  public synchronized java.util.Optional<dev.plume.internal.protocol.NegotiatedVersions>
      negotiatedVersions(Node node) {
    if (!connected.contains(node.id())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(negotiated());
  }

  @Override
  public synchronized short apiVersion(Node node, ApiKey key) {
    try {
      return negotiated().version(key);
    } catch (dev.plume.internal.protocol.UnsupportedVersionException e) {
      throw new UnsupportedVersionException("scripted: " + node + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized <R> void send(ClientRequest<R> request, long nowMs) {
    lastNowMs = Math.max(lastNowMs, nowMs);
    Node node = request.destination();
    for (Iterator<SendFailure> it = sendFailures.iterator(); it.hasNext(); ) {
      SendFailure failure = it.next();
      if (failure.apiKey() == null || failure.apiKey() == request.apiKey()) {
        it.remove();
        throw failure.error();
      }
    }
    if (!isReady(node, nowMs)) {
      throw new IllegalStateException("cannot send to " + node + ": not ready");
    }
    short version;
    try {
      version = negotiated().version(request.apiKey(), request.minVersion(), request.maxVersion());
    } catch (dev.plume.internal.protocol.UnsupportedVersionException e) {
      // As NioNetworkClient: the request fails (in a later poll) with the negotiation's message.
      UnsupportedVersionException error =
          new UnsupportedVersionException("scripted: " + node + ": " + e.getMessage(), e);
      pendingCompletions.add(
          () ->
              request
                  .handler()
                  .onComplete(
                      new ClientResponse<>(
                          request,
                          node.id(),
                          (short) -1,
                          null,
                          false,
                          false,
                          error,
                          nowMs,
                          nowMs)));
      return;
    }
    RequestEncoder encoder = new RequestEncoder(256);
    request.body().write(encoder, version);
    SentRequest record = new SentRequest(request, version, flatten(encoder), nowMs);
    sent.add(record);
    stats.node(node.id()).recordRequestSent();
    stats.total().recordRequestSent();
    if (!request.expectResponse()) {
      complete(record, null, false, false, null);
      return;
    }
    java.util.function.Function<SentRequest, Object> responder =
        autoResponders.get(request.apiKey());
    if (responder != null) {
      complete(record, responder.apply(record), false, false, null);
      return;
    }
    Prepared next = prepared.peekFirst();
    if (next == null) {
      inFlight.add(new Outstanding(record));
      return;
    }
    if (!next.matcher().test(record)) {
      throw new IllegalStateException(
          "the next prepared response does not match the request sent: "
              + request.apiKey()
              + " v"
              + version
              + " to "
              + node);
    }
    prepared.pollFirst();
    if (next.disconnect()) {
      complete(
          record,
          null,
          true,
          false,
          new NetworkException("scripted disconnect of " + node + " before the response"));
    } else if (next.error() != null) {
      complete(record, null, false, false, next.error());
    } else if (next.encoded() != null) {
      ProtocolWriter w = new ProtocolWriter();
      FakeBrokerEncoders.write(next.encoded(), w, version);
      R body = request.parser().read(new ProtocolReader(w.flip()), version);
      complete(record, body, false, false, null);
    } else {
      complete(record, next.body(), false, false, null);
    }
  }

  private static byte[] flatten(RequestEncoder encoder) {
    ByteBuffer[] segments = encoder.segments();
    int size = 0;
    for (ByteBuffer b : segments) {
      size += b.remaining();
    }
    ByteBuffer all = ByteBuffer.allocate(size);
    for (ByteBuffer b : segments) {
      all.put(b.duplicate());
    }
    return all.array();
  }

  private void complete(
      SentRequest record,
      Object body,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error) {
    pendingCompletions.add(() -> deliver(record, body, disconnected, timedOut, error));
  }

  // The body was scripted as Object by the test; the cast is checked when the handler uses it.
  @SuppressWarnings("unchecked")
  private <R> void deliver(
      SentRequest record,
      Object body,
      boolean disconnected,
      boolean timedOut,
      RuntimeException error) {
    ClientRequest<R> request = (ClientRequest<R>) record.request();
    long now = lastNowMs;
    if (body instanceof ProduceResponse produce && request.expectResponse()) {
      // The sender reads Produce responses straight into its request (no ProduceResponse object):
      // a scripted one goes through the wire format and the request's own parser, like the real
      // client's responses.
      ProtocolWriter w = new ProtocolWriter();
      FakeBrokerEncoders.write(produce, w, record.version());
      body = request.parser().read(new ProtocolReader(w.flip()), record.version());
    }
    if (error == null && request.expectResponse()) {
      stats.node(request.destination().id()).recordResponse(now - record.sentTimeMs());
      stats.total().recordResponse(now - record.sentTimeMs());
    }
    request
        .handler()
        .onComplete(
            new ClientResponse<>(
                request,
                request.destination().id(),
                record.version(),
                (R) body,
                disconnected,
                timedOut,
                error,
                record.sentTimeMs(),
                now));
  }

  private void failInFlight(int nodeId, boolean timedOut, RuntimeException error) {
    Iterator<Outstanding> it = inFlight.iterator();
    while (it.hasNext()) {
      Outstanding o = it.next();
      if (o.sent.destination().id() == nodeId) {
        it.remove();
        complete(o.sent, null, true, timedOut, error);
      }
    }
    connected.remove(nodeId);
  }

  @Override
  public synchronized void poll(long timeoutMs, long nowMs) {
    lastNowMs = Math.max(lastNowMs, nowMs);
    lastPollTimeoutMs = timeoutMs;
    if (blockInPoll && pendingCompletions.isEmpty() && timeoutMs > 0 && !closed) {
      // For a sender running on its own thread: wait (real time, capped) like a selector would,
      // until woken up or until the test scripts something.
      try {
        wait(Math.min(timeoutMs, 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Handlers may send (and so queue) more: run until nothing is left, in order.
    while (!pendingCompletions.isEmpty()) {
      List<Runnable> batch = new ArrayList<>(pendingCompletions);
      pendingCompletions.clear();
      for (Runnable completion : batch) {
        // Like NioNetworkClient: a throwing handler is logged and the others still run.
        try {
          completion.run();
        } catch (RuntimeException e) {
          handlerErrors.add(e);
        }
      }
    }
  }

  @Override
  public synchronized void wakeup() {
    wakeups.incrementAndGet();
    notifyAll();
  }

  /**
   * When true, {@link #poll} with nothing to complete waits up to min(timeout, 50 ms) of real time
   * or until {@link #wakeup}, so a sender thread driving this fake does not spin. Off by default.
   */
  public synchronized FakeNetworkClient blockInPoll(boolean block) {
    this.blockInPoll = block;
    return this;
  }

  @Override
  public synchronized int inFlightRequestCount() {
    return inFlight.size();
  }

  @Override
  public synchronized int inFlightRequestCount(int nodeId) {
    int count = 0;
    for (Outstanding o : inFlight) {
      if (o.sent.destination().id() == nodeId) {
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized boolean atInFlightLimit(int nodeId) {
    Runnable hook = beforeInFlightLimitCheck;
    beforeInFlightLimitCheck = null;
    if (hook != null) {
      hook.run();
    }
    return connected.contains(nodeId) && inFlightRequestCount(nodeId) >= maxInFlight;
  }

  /**
   * Runs {@code hook} (once) at the start of the next {@link #atInFlightLimit} call, on the calling
   * thread: lets a test put another thread's step at an exact point of a sender round.
   */
  public synchronized void beforeNextInFlightLimitCheck(Runnable hook) {
    this.beforeInFlightLimitCheck = hook;
  }

  @Override
  public synchronized Node leastLoadedNode(List<Node> candidates, long nowMs) {
    Node best = null;
    int bestCount = Integer.MAX_VALUE;
    for (Node node : candidates) {
      if (blocked.contains(node.id()) || nowMs < backoffUntilMs.getOrDefault(node.id(), 0L)) {
        continue;
      }
      int count = inFlightRequestCount(node.id());
      if (count < bestCount) {
        best = node;
        bestCount = count;
      }
    }
    return best;
  }

  /** Fails the node's in-flight requests as disconnected (at the next poll). */
  @Override
  public synchronized void disconnect(int nodeId) {
    failInFlight(nodeId, false, new NetworkException("scripted disconnect of node " + nodeId));
  }

  /** Convenience for {@link #disconnect(int)}. */
  public synchronized void disconnect(Node node) {
    disconnect(node.id());
  }

  @Override
  public synchronized NetworkStats stats() {
    return stats;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Outstanding o : new ArrayList<>(inFlight)) {
      complete(o.sent, null, true, false, new NetworkException("fake client closed"));
    }
    inFlight.clear();
    poll(0, lastNowMs);
  }
}
