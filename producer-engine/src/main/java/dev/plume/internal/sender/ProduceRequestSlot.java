package dev.plume.internal.sender;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.Node;
import dev.plume.internal.network.RequestCompletionHandler;
import dev.plume.internal.network.ResponseParser;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.producer.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one Produce request needs from its send until its response is handled: its batches
 * (grouped by topic), their sealed buffers, its body, the network request and its completion
 * handler. The sender keeps a few in a {@link Pool} and reuses them, so a request allocates
 * nothing: the network request is reused too while the node and the versions stay the same.
 *
 * <p>I/O thread only. A slot goes back to its pool once its handler has run (or its send failed),
 * cleared, so it holds no batch between requests; it never leaves the sender.
 */
final class ProduceRequestSlot
    implements ResponseParser<ProduceResults>, RequestCompletionHandler<ProduceResults> {

  private static final Logger log = LoggerFactory.getLogger(ProduceRequestSlot.class);

  /** What the sender does with a response; the slot's batches are valid during the call. */
  interface ResponseHandler {
    void onProduceResponse(ClientResponse<ProduceResults> response, ProduceRequestSlot slot);
  }

  /**
   * What the sender does once an acks=0 request was written (or failed to be): the broker sends no
   * response, so this is the request's only outcome. The slot's batches are valid during the call.
   */
  interface WrittenHandler {
    void onProduceWritten(ClientResponse<Void> response, ProduceRequestSlot slot);
  }

  /** Batches of one request by topic (stable: a topic's batches keep their drain order). */
  private static final Comparator<ProducerBatch> BY_TOPIC =
      (a, b) -> a.topicPartition().topic().compareTo(b.topicPartition().topic());

  private final Pool pool;
  private final ResponseHandler handler;
  private final WrittenHandler writtenHandler;
  private final OneWayCompletion oneWayCompletion = new OneWayCompletion();
  private final ProduceRequestBody body = new ProduceRequestBody();
  private ProducerBatch[] batches = new ProducerBatch[8];
  // The generation of each batch when the request was filled: a batch completed and pooled
  // meanwhile (so possibly serving other records now) must not be handled as this request's.
  private int[] generations = new int[8];
  // Each batch's partition when the request was filled: what the request sent, so the response is
  // matched against it even if a batch was reused (for another partition) meanwhile.
  private TopicPartition[] topicPartitions = new TopicPartition[8];
  // Batches found reused since the request was filled (skipped, and logged once).
  private boolean[] skipped = new boolean[8];
  private ByteBuffer[] sealed = new ByteBuffer[8];
  private int count;
  private final ProduceResults results = new ProduceResults(this);
  private ClientRequest<ProduceResults> request; // the last one built, reused when it fits
  private ClientRequest<Void> oneWayRequest; // the same for acks=0
  private boolean inUse;

  private ProduceRequestSlot(Pool pool, ResponseHandler handler, WrittenHandler writtenHandler) {
    this.pool = pool;
    this.handler = handler;
    this.writtenHandler = writtenHandler;
  }

  /** Takes the drained batches, grouped by topic for the encoding. */
  void fill(java.util.List<ProducerBatch> drained) {
    int n = drained.size();
    if (batches.length < n) {
      batches = new ProducerBatch[Math.max(n, 2 * batches.length)];
      sealed = new ByteBuffer[batches.length];
      generations = new int[batches.length];
      topicPartitions = new TopicPartition[batches.length];
      skipped = new boolean[batches.length];
    }
    for (int i = 0; i < n; i++) {
      batches[i] = drained.get(i);
    }
    count = n;
    if (n > 1) {
      Arrays.sort(batches, 0, n, BY_TOPIC); // stable; no allocation for a few elements
    }
    for (int i = 0; i < n; i++) {
      generations[i] = batches[i].generation();
      topicPartitions[i] = batches[i].topicPartition();
      skipped[i] = false;
    }
  }

  int count() {
    return count;
  }

  /**
   * The request's batch {@code i}, or null when it is no longer the generation the request was
   * filled with. A batch is pooled only once done, so a reused one already had its outcome (given
   * elsewhere, which is a bug: logged once per request and batch): handling it again would complete
   * someone else's records, and failing the whole response would leave the request's other batches
   * without theirs. So callers skip it and go on. Never null before the request is handed over: the
   * generations are read when it is filled.
   */
  ProducerBatch batch(int i) {
    if (skipped[i]) {
      return null;
    }
    ProducerBatch b = batches[i];
    if (b.generation() != generations[i]) {
      skipped[i] = true;
      log.error(
          "The batch for {} of a Produce request was completed and reused while the request still"
              + " held it; its records already had their outcome, so it is skipped",
          topicPartitions[i]);
      return null;
    }
    return b;
  }

  /**
   * The generation batch {@code i} had when the request was filled: the use the request's outcome
   * belongs to.
   */
  int generation(int i) {
    return generations[i];
  }

  /** The partition batch {@code i} was sent for (valid even if the batch was reused since). */
  TopicPartition topicPartition(int i) {
    return topicPartitions[i];
  }

  void sealed(int i, ByteBuffer buffer) {
    sealed[i] = buffer;
  }

  /** The body over this slot's batches and sealed buffers. */
  ProduceRequestBody body(String transactionalId, short acks, int timeoutMs) {
    body.set(transactionalId, acks, timeoutMs, batches, sealed, count);
    return body;
  }

  /** The network request for this slot's body (acks other than 0), built only when it changed. */
  ClientRequest<ProduceResults> request(Node node, short minVersion, short maxVersion) {
    ClientRequest<ProduceResults> r = request;
    if (!targets(r, node, minVersion, maxVersion)) {
      r =
          new ClientRequest<>(
              node, ApiKey.PRODUCE, minVersion, maxVersion, body, true, this, -1, this);
      request = r;
    }
    return r;
  }

  /**
   * The network request for this slot's body with acks=0 (no response: it completes once written),
   * built only when it changed, like {@link #request}.
   */
  ClientRequest<Void> oneWayRequest(Node node, short minVersion, short maxVersion) {
    ClientRequest<Void> r = oneWayRequest;
    if (!targets(r, node, minVersion, maxVersion)) {
      r =
          new ClientRequest<>(
              node,
              ApiKey.PRODUCE,
              minVersion,
              maxVersion,
              body,
              false,
              null,
              -1,
              oneWayCompletion);
      oneWayRequest = r;
    }
    return r;
  }

  /** Whether a request built earlier goes to {@code node} with these versions (reusable as is). */
  private static boolean targets(
      ClientRequest<?> r, Node node, short minVersion, short maxVersion) {
    return r != null
        && r.destination().equals(node)
        && r.minVersion() == minVersion
        && r.maxVersion() == maxVersion;
  }

  /** Reads the response into this slot's results (the network's parser for its request). */
  @Override
  public ProduceResults read(ProtocolReader reader, short version) {
    results.clear(count);
    results.throttleTimeMs(ProduceResponse.readInto(reader, version, results));
    return results;
  }

  /** The sender keeps neither the response nor its results past the handler. */
  @Override
  public boolean keepsResponse() {
    return false;
  }

  @Override
  public void onComplete(ClientResponse<ProduceResults> response) {
    try {
      handler.onProduceResponse(response, this);
    } finally {
      release();
    }
  }

  /**
   * The completion of an acks=0 request: a handler object of the slot's own (not one lambda per
   * request) that keeps no response, so the network hands it its reused response object.
   */
  private final class OneWayCompletion implements RequestCompletionHandler<Void> {
    @Override
    public void onComplete(ClientResponse<Void> response) {
      try {
        writtenHandler.onProduceWritten(response, ProduceRequestSlot.this);
      } finally {
        release();
      }
    }

    @Override
    public boolean keepsResponse() {
      return false;
    }
  }

  /** Back to the pool, holding no batch or buffer; a second call does nothing. */
  void release() {
    if (!inUse) {
      return;
    }
    inUse = false;
    Arrays.fill(batches, 0, count, null);
    Arrays.fill(sealed, 0, count, null);
    Arrays.fill(topicPartitions, 0, count, null);
    count = 0;
    body.set(null, (short) 0, 0, batches, sealed, 0);
    pool.release(this);
  }

  /**
   * The sender's free slots: a request in flight holds one, so about max.in.flight per node are in
   * use; at most {@code maxFree} wait here, more are simply dropped.
   */
  static final class Pool {
    private final ArrayDeque<ProduceRequestSlot> free = new ArrayDeque<>();
    private final ResponseHandler handler;
    private final WrittenHandler writtenHandler;
    private final int maxFree;

    Pool(ResponseHandler handler, WrittenHandler writtenHandler, int maxFree) {
      this.handler = handler;
      this.writtenHandler = writtenHandler;
      this.maxFree = maxFree;
    }

    ProduceRequestSlot acquire() {
      ProduceRequestSlot slot = free.pollFirst();
      if (slot == null) {
        slot = new ProduceRequestSlot(this, handler, writtenHandler);
      }
      slot.inUse = true;
      return slot;
    }

    private void release(ProduceRequestSlot slot) {
      if (free.size() < maxFree) {
        free.addFirst(slot);
      }
    }

    int freeCount() {
      return free.size();
    }
  }
}
