package dev.plume.internal.sender;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.accumulator.ReadyCheckResult;
import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.clock.Clock;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.metadata.ClusterSnapshot;
import dev.plume.internal.metadata.MetadataUpdater;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.txn.ProducerIdAndEpoch;
import dev.plume.internal.txn.ProducerIdManager;
import dev.plume.internal.txn.SequenceTracker;
import dev.plume.internal.txn.TransactionCoordinatorClient;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.PlumeException;
import dev.plume.producer.errors.ProducerClosedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O thread's duty cycle. {@link #runOnce()} does one round: refresh metadata or the producer
 * id if due, expire old batches, drain ready batches into one Produce request per leader, and poll
 * the network (which runs response handlers). {@link #run()} loops it until close, then drains.
 *
 * <p>Everything here runs on the sender thread, except {@link #initiateClose}, {@link #forceClose}
 * and {@link #wakeup}. No exception escapes {@link #run()}: a failed round is logged and the next
 * one starts, so records always get an outcome.
 */
public final class Sender implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  private static final long MAX_POLL_MS = 1000;

  /** ProduceRequestBody writes topics by name (v9-12); v13 would need topic ids. */
  private static final short MAX_PRODUCE_VERSION = 12;

  private final SenderConfig config;
  private final Clock clock;
  private final NetworkClient client;
  private final ProducerMetadata metadata;
  private final RecordAccumulator accumulator;
  private final SenderStats stats;
  private final CompressionContext sealContext;
  private final SequenceTracker sequences = new SequenceTracker();
  private final ProduceErrorHandler errors;
  private final TransactionCoordinatorClient transactions;
  private final ProducerIdManager producerIds;
  private final MetadataUpdater metadataUpdater;
  private final DeliveryLog deliveryLog;
  private final WakeupGate wakeups;
  private final BusyLeaders busyLeaders = new BusyLeaders();
  private final java.util.function.IntPredicate atInFlightLimit;

  private volatile boolean running = true;
  private volatile boolean forceClose;

  // sender-thread state
  private volatile RuntimeException fatalError; // read by health checks
  private final Map<Integer, Long> throttledUntilMs = new HashMap<>();
  // Adaptive batching: a leader with a request in flight lets batches linger.
  private final java.util.function.IntPredicate leaderBusy;
  // Allocated once, not per round: the drain filter and the list the drain fills.
  private final Predicate<ProducerBatch> mayDrain = this::mayDrain;
  // Side-effect free, unlike the transactions' part of mayDrain: the ready check may ask it.
  private final Predicate<ProducerBatch> idempotenceAllowsDrain = this::idempotenceAllowsDrain;
  private final List<ProducerBatch> drained = new ArrayList<>();
  // Whether a Produce request was sent or answered since the last poll began: records are flowing.
  private boolean producedSincePoll;

  /**
   * Free Produce request slots. A request in flight holds one, so about max.in.flight per node are
   * in use at once; this many free ones cover a few nodes at the default of 5, and more are
   * dropped.
   */
  private static final int MAX_FREE_REQUEST_SLOTS = 64;

  private final ProduceRequestSlot.Pool requestSlots =
      new ProduceRequestSlot.Pool(
          this::onProduceResponse, this::completeWritten, MAX_FREE_REQUEST_SLOTS);

  public Sender(SenderConfig config, SenderCollaborators parts) {
    this.config = config;
    this.clock = parts.clock();
    this.client = parts.client();
    this.metadata = parts.metadata();
    this.accumulator = parts.accumulator();
    this.sealContext = parts.sealContext();
    this.stats = parts.stats();
    this.transactions = parts.transactions();
    this.producerIds = parts.producerIds();
    this.errors =
        new ProduceErrorHandler(
            config, sequences, config.idempotent() && !producerIds.transactional());
    this.leaderBusy = nodeId -> client.inFlightRequestCount(nodeId) > 0;
    this.metadataUpdater =
        new MetadataUpdater(
            config.clientId(), config.retryBackoffMs(), client, metadata, new MetadataListener());
    this.deliveryLog = new DeliveryLog(config.clientId());
    this.wakeups = new WakeupGate(client::wakeup, stats);
    this.atInFlightLimit = client::atInFlightLimit;
  }

  @Override
  public void run() {
    log.debug("Sender thread of {} started", config.clientId());
    while (running) {
      runOnceSafely();
    }
    // Graceful close: keep sending until everything queued or in flight has an outcome (and an
    // open transaction is aborted).
    if (!forceClose) {
      transactions.onGracefulClose();
    }
    while (!forceClose
        && (accumulator.hasIncomplete()
            || client.inFlightRequestCount() > 0
            || transactions.hasPendingCoordinatorWork())) {
      if (fatalError != null) {
        break;
      }
      runOnceSafely();
    }
    RuntimeException closed =
        fatalError != null
            ? fatalError
            : new ProducerClosedException(
                "Producer closed before the record was sent (close with a zero or expired"
                    + " timeout)");
    // Close the network first: its in-flight requests complete (as disconnected) while their
    // buffers are still owned by their batches; whatever is left then fails below.
    try {
      client.close();
    } catch (RuntimeException e) {
      log.warn("Error closing the network client", e);
    }
    abortQueued(closed);
    failAllIncomplete(closed);
    deliveryLog.flush(clock.nowMs());
    log.debug("Sender thread of {} stopped", config.clientId());
  }

  private void runOnceSafely() {
    try {
      runOnce();
    } catch (RuntimeException | Error e) {
      // Never let the I/O thread die: report, and go on with the next round.
      log.error("Uncaught error in the sender of {}; continuing", config.clientId(), e);
      stats.error(e.toString(), clock.nowMs());
    }
  }

  /** One round of work; tests drive this directly with a manual clock and a fake network. */
  public void runOnce() {
    wakeups.awake(); // before the accumulator is scanned
    // Also before the scan: a leader that got a response has room again, so appenders must wake
    // this thread for its batches from now on (see BusyLeaders for why none is stranded).
    busyLeaders.clearIdle(atInFlightLimit);
    stats.rounds.increment();
    long nowMs = clock.nowMs();
    long pollTimeoutMs = MAX_POLL_MS;
    metadataUpdater.maybeRecover(nowMs);
    deliveryLog.maybeFlush(nowMs);
    pollTimeoutMs = Math.min(pollTimeoutMs, metadataUpdater.maybeUpdate(nowMs));
    if (fatalError != null) {
      abortQueued(fatalError);
      client.poll(wakeups.beforeSleep(nowMs, pollTimeoutMs), nowMs);
      return;
    }
    pollTimeoutMs = Math.min(pollTimeoutMs, maybeEnsureProducerId(nowMs));
    failExpired(nowMs);
    failQueuedIfTransactionEnding();
    pollTimeoutMs = Math.min(pollTimeoutMs, sendProduceRequests(nowMs));
    // After the drain, which may have found partitions the transaction must add first (TV1).
    pollTimeoutMs =
        Math.min(
            pollTimeoutMs,
            transactions.maybeSendCoordinatorRequest(nowMs, accumulator.hasIncomplete()));
    pollTimeoutMs = Math.min(pollTimeoutMs, nextBatchWaitMs(nowMs));
    client.poll(wakeups.beforeSleep(nowMs, Math.max(0, pollTimeoutMs)), nowMs);
  }

  /**
   * While records flow, this thread sleeps no longer than a batch opened now would linger, so the
   * appender that opens the next batch finds it waking in time ({@link WakeupGate}) and does not
   * wake it: at a steady rate that saves, per batch, the appender's eventfd write, this thread's
   * eventfd read and the round that only learned the batch's linger deadline. The round this wait
   * ends early scans the new batch and sleeps to its deadline or its fill, whichever wakes it
   * first. When records stop, it costs one round that finds nothing (that round sent and received
   * nothing, so it sleeps as long as it likes again). Nothing waits longer than before: the wait is
   * only ever shortened. No cap without linger.ms (or with adaptive batching): a new batch is ready
   * at once then, so its appender wakes this thread anyway.
   */
  private long nextBatchWaitMs(long nowMs) {
    if (!producedSincePoll) {
      return MAX_POLL_MS;
    }
    producedSincePoll = false; // set again by whatever the coming poll sends or completes
    long lingerMs = accumulator.readyAtMs(RecordAccumulator.NEW_BATCH, nowMs) - nowMs;
    return lingerMs > 0 ? lingerMs : MAX_POLL_MS;
  }

  // ---------------------------------------------------------------- metadata

  /** What the sender does for the metadata updater: fail queued records, count, report. */
  private final class MetadataListener implements MetadataUpdater.Listener {

    @Override
    public void failQueued(RuntimeException error) {
      abortQueued(error);
    }

    @Override
    public void onError(String error, long nowMs) {
      stats.error(error, nowMs);
    }

    @Override
    public void onResponse(long nowMs) {
      stats.lastResponseMs.set(nowMs);
    }

    @Override
    public boolean producerFailed() {
      return fatalError != null;
    }
  }

  // ---------------------------------------------------------------- transactions

  /** Transactions: once the transaction is being aborted (or failed), queued batches fail. */
  private void failQueuedIfTransactionEnding() {
    RuntimeException abortQueued = transactions.queuedBatchesError();
    if (abortQueued != null) {
      for (ProducerBatch b : accumulator.abortQueued(abortQueued)) {
        releaseSequence(b, false);
        transactions.onBatchFailed(b.topicPartition(), b.hasSequence(), abortQueued);
      }
    }
  }

  // ---------------------------------------------------------------- producer id

  /**
   * An idempotent producer asks for its id itself; a transactional producer's id and epoch come
   * from its coordinator (through the transaction manager). Each partition moves to a new id or
   * epoch once it has nothing incomplete (see {@link SequenceTracker}).
   */
  private long maybeEnsureProducerId(long nowMs) {
    if (!config.idempotent() || producerIds.transactional()) {
      return MAX_POLL_MS;
    }
    maybeRestartBrokenChains();
    return producerIds.maybeInitProducerId(client, metadata, nowMs, initFailures);
  }

  private final ProducerIdManager.InitFailureListener initFailures =
      new ProducerIdManager.InitFailureListener() {
        @Override
        public void onFatal(RuntimeException error) {
          fatal(error);
        }

        @Override
        public void onRetriableFailure(String why) {
          stats.error("InitProducerId failed: " + why, clock.nowMs());
        }
      };

  /**
   * Client-side epoch bump for an idempotent producer (KIP-360), per partition: a partition whose
   * sequence chain broke (a gap, or an unknown outcome that no later acknowledgement settled)
   * restarts at sequence 0 under a new epoch, but only once nothing of it is in flight and nothing
   * before the break is incomplete. Batches that may be in the log keep their epoch and sequence
   * until they complete; other partitions keep their epoch until they have nothing incomplete.
   */
  private void maybeRestartBrokenChains() {
    List<TopicPartition> broken = sequences.partitionsNeedingNewEpoch();
    if (broken.isEmpty()) {
      return;
    }
    // A fresh InitProducerId follows when the epoch is exhausted.
    ProducerIdAndEpoch bumped = producerIds.bumpEpoch();
    for (TopicPartition tp : broken) {
      int restamped = accumulator.resetProducerState(tp);
      sequences.startOver(tp, bumped);
      log.info(
          "{}: the sequence chain of {} broke; it restarts at 0 under {} ({} queued batch(es)"
              + " restamped)",
          config.clientId(),
          tp,
          bumped,
          restamped);
    }
  }

  // ---------------------------------------------------------------- produce

  private long sendProduceRequests(long nowMs) {
    if (config.idempotent() && !producerIds.current().isValid()) {
      return MAX_POLL_MS; // wait for the producer id; batches keep lingering meanwhile
    }
    ClusterSnapshot cluster = metadata.snapshot();
    ReadyCheckResult ready = accumulator.ready(cluster, nowMs, leaderBusy, idempotenceAllowsDrain);
    if (!ready.unknownLeaderTopics().isEmpty()) {
      for (String topic : ready.unknownLeaderTopics()) {
        metadata.touch(topic, nowMs);
      }
      metadata.requestUpdate();
    }
    long timeoutMs = ready.nextReadyCheckDelayMs();
    List<Node> readyNodes = ready.readyNodes();
    for (int i = 0; i < readyNodes.size(); i++) { // indexed: no iterator per round
      Node node = readyNodes.get(i);
      long throttledMs = throttledUntilMs.getOrDefault(node.id(), 0L) - nowMs;
      if (throttledMs > 0) {
        // KIP-219: the broker asked us to hold off this node (quota); batches wait meanwhile.
        timeoutMs = Math.min(timeoutMs, throttledMs);
        continue;
      }
      boolean canSend = client.ready(node, nowMs);
      accumulator.updateNodeLatencyStats(node.id(), nowMs, canSend);
      if (!canSend) {
        if (maybeFailQueuedForRefusedNode(node, cluster, nowMs)) {
          continue;
        }
        maybeMarkBusy(node);
        // 0 here means connected but busy (max in flight, or a request still being written):
        // a response or write completion ends the poll, so waiting 0 ms would only spin.
        long delay = client.connectionDelayMs(node, nowMs);
        timeoutMs =
            Math.min(timeoutMs, delay == Long.MAX_VALUE || delay == 0 ? MAX_POLL_MS : delay);
        continue;
      }
      drained.clear();
      accumulator.drainInto(cluster, node, config.maxRequestSizeBytes(), mayDrain, nowMs, drained);
      if (!drained.isEmpty()) {
        sendProduce(node, drained, nowMs);
        maybeMarkBusy(node);
      }
      drained.clear(); // holds no batch between rounds
    }
    return timeoutMs;
  }

  /**
   * Tells appenders that the node takes no request before one of its own completes, which ends this
   * thread's poll by itself: batches filled for it meanwhile need no wake-up.
   */
  private void maybeMarkBusy(Node node) {
    if (client.atInFlightLimit(node.id())) {
      busyLeaders.mark(node.id());
    }
  }

  /**
   * A leader that refused our credentials (or TLS handshake) will refuse them again: fail what is
   * queued for its partitions now, with that cause, instead of at delivery.timeout.ms. Only that
   * leader's partitions: other brokers may still accept us. The client keeps reconnecting in the
   * background, so records sent after a fix get through.
   *
   * @return whether the node's connection failed authentication
   */
  private boolean maybeFailQueuedForRefusedNode(Node node, ClusterSnapshot cluster, long nowMs) {
    if (!client.connectionFailed(node)
        || !(client.connectionFailure(node) instanceof AuthenticationException auth)) {
      return false;
    }
    while (true) {
      List<ProducerBatch> batches =
          accumulator.drain(cluster, node, Integer.MAX_VALUE, batch -> true, nowMs);
      if (batches.isEmpty()) {
        return true;
      }
      for (ProducerBatch batch : batches) {
        failBatch(batch, batch.generation(), auth, false); // just drained: the current use
      }
    }
  }

  /**
   * Idempotence ordering: a batch that is being retried may go only when it is the oldest
   * incomplete batch of its partition, so retries cannot overtake each other.
   */
  private boolean mayDrain(ProducerBatch batch) {
    return transactions.mayDrain(batch.topicPartition()) && idempotenceAllowsDrain(batch);
  }

  private boolean idempotenceAllowsDrain(ProducerBatch batch) {
    if (!config.idempotent()) {
      return true;
    }
    // A batch keeps the producer state it was first sent with (the broker deduplicates retries on
    // it) and goes again only as its partition's oldest incomplete batch.
    return batch.hasSequence()
        ? sequences.mayResend(batch.topicPartition(), batch.baseSequence())
        : sequences.mayStartNewBatch(batch.topicPartition(), producerIds.current());
  }

  private void sendProduce(Node node, List<ProducerBatch> drained, long nowMs) {
    ProduceRequestSlot slot = requestSlots.acquire();
    try {
      slot.fill(drained);
      trySendProduce(node, slot, nowMs);
    } catch (RuntimeException e) {
      slot.release(); // nothing was sent, so no handler will release it
      // Sealing or handing the request to the client failed, so nothing was sent. The batches
      // are no longer queued: fail them now rather than lose them (they would never complete).
      log.error("Could not send a Produce request to {}; failing its batches", node, e);
      RuntimeException error =
          new PlumeException("Could not send the Produce request to " + node + ": " + e, e);
      for (ProducerBatch b : drained) {
        b.inFlight(false);
        failBatch(b, b.generation(), error, false); // never completed since drained
      }
    }
  }

  /**
   * Seals the slot's batches and hands the request to the client. The slot (batches, sealed
   * buffers, body, network request) is pooled: a request allocates nothing here.
   */
  private void trySendProduce(Node node, ProduceRequestSlot slot, long nowMs) {
    ProducerIdAndEpoch pid = producerIds.current();
    int count = slot.count();
    for (int i = 0; i < count; i++) {
      ProducerBatch b = slot.batch(i);
      ByteBuffer sealed;
      if (config.idempotent() && b.hasSequence()) {
        // A retry: exactly the producer id, epoch and sequence of its first attempt.
        sealed = b.sealed(sealContext, b.producerId(), b.producerEpoch(), b.baseSequence());
      } else if (config.idempotent()) {
        int seq = sequences.assign(b.topicPartition(), b.recordCount(), pid);
        sealed = b.sealed(sealContext, pid.producerId(), pid.epoch(), seq);
      } else {
        sealed = b.sealed(sealContext, -1, (short) -1, -1);
      }
      slot.sealed(i, sealed);
      b.inFlight(true);
      stats.recordBatch(sealed.remaining(), b.uncompressedSizeBytes());
      SenderStats.TopicCounters topic = stats.topic(b.topicPartition().topic());
      topic.bytesSent.add(sealed.remaining());
      topic.uncompressedBytes.add(b.uncompressedSizeBytes());
      stats.recordQueueTime(nowMs - b.createdMs());
    }
    ProduceRequestBody body =
        slot.body(producerIds.transactionalId(), config.acks(), config.requestTimeoutMs());
    short maxVersion = (short) Math.min(MAX_PRODUCE_VERSION, transactions.maxProduceVersion());
    if (config.acks() == 0) {
      // Reused like the acks=1/all request: completes (through the slot) once written.
      client.send(slot.oneWayRequest(node, ApiKey.PRODUCE.minVersion(), maxVersion), nowMs);
    } else {
      client.send(slot.request(node, ApiKey.PRODUCE.minVersion(), maxVersion), nowMs);
    }
    // Counted once the client took the request (it never completes one inside send).
    if (config.idempotent()) {
      for (int i = 0; i < count; i++) {
        sequences.onSent(slot.topicPartition(i));
      }
    }
    stats.produceRequests.increment();
    producedSincePoll = true;
  }

  /**
   * An acks=0 request was written (or not): its batches' only outcome. The slot releases itself.
   */
  private void completeWritten(ClientResponse<Void> response, ProduceRequestSlot slot) {
    producedSincePoll = true;
    long nowMs = response.receivedTimeMs();
    for (int i = 0; i < slot.count(); i++) {
      onReturned(slot.topicPartition(i)); // the attempt came back, whatever became of its batch
      ProducerBatch b = slot.batch(i);
      if (b == null) {
        continue; // reused meanwhile: it had its outcome already (the slot logged it)
      }
      b.inFlight(false);
      int generation = slot.generation(i);
      if (response.isSuccess()) {
        completeBatch(b, generation, -1, -1);
      } else {
        carryOut(
            b, generation, errors.onRequestFailure(b, response, response.receivedTimeMs()), nowMs);
      }
    }
  }

  /**
   * Completes a request's batches from its response. Each partition's batch is looked up in the
   * request's slot (the broker answers in request order, so the search starts after the last match)
   * and taken out of it, so whatever is left had no answer.
   */
  private void onProduceResponse(ClientResponse<ProduceResults> response, ProduceRequestSlot slot) {
    producedSincePoll = true;
    long nowMs = response.receivedTimeMs();
    int count = slot.count();
    // A batch reused meanwhile had its outcome already: skipped (the slot logged it), so that it
    // cannot keep the request's other batches from theirs. Its attempt still came back: the
    // partition's in-flight count must drop, or its sequence chain could never restart.
    for (int i = 0; i < count; i++) {
      onReturned(slot.topicPartition(i));
      ProducerBatch b = slot.batch(i);
      if (b != null) {
        b.inFlight(false);
      }
    }
    if (!response.isSuccess()) {
      for (int i = 0; i < count; i++) {
        ProducerBatch b = slot.batch(i);
        if (b != null) {
          carryOut(b, slot.generation(i), errors.onRequestFailure(b, response, nowMs), nowMs);
        }
      }
      return;
    }
    stats.lastResponseMs.set(nowMs);
    stats.recordLatency(response.latencyMs());
    ProduceResults results = response.body();
    if (results.throttleTimeMs() > 0) {
      throttledUntilMs.put(response.nodeId(), nowMs + results.throttleTimeMs());
      stats.throttleTimeMsTotal.add(results.throttleTimeMs());
    }
    // In request order, which is the order the broker answers in.
    for (int i = 0; i < count; i++) {
      ProducerBatch batch = slot.batch(i);
      if (batch == null) {
        continue;
      }
      int generation = slot.generation(i);
      if (!results.answered(i)) {
        carryOut(batch, generation, errors.onMissingPartition(batch, nowMs), nowMs);
      } else if (Errors.NONE.is(results.errorCode(i))) {
        completeBatch(batch, generation, results.baseOffset(i), results.logAppendTimeMs(i));
      } else {
        carryOut(
            batch,
            generation,
            errors.onPartitionError(batch, results.details(i), results.nodeEndpoints(), nowMs),
            nowMs);
      }
    }
  }

  /** Idempotent requests in flight for a partition, as the sequence tracker counts them. */
  int requestsInFlight(TopicPartition tp) {
    return sequences.requestsInFlight(tp);
  }

  private void onReturned(TopicPartition sentFor) {
    if (config.idempotent()) {
      sequences.onReturned(sentFor);
    }
  }

  // ---------------------------------------------------------------- completion

  /**
   * Does what the error handler decided for a batch whose attempt came back: first what the error
   * taught, then the batch's outcome. {@code generation}: the use of the batch the attempt was.
   */
  private void carryOut(ProducerBatch batch, int generation, ProduceDecision decision, long nowMs) {
    learn(batch, decision.lessons());
    ProduceDecision.Outcome outcome = decision.outcome();
    if (outcome instanceof ProduceDecision.Complete complete) {
      completeBatch(batch, generation, complete.baseOffset(), complete.logAppendTimeMs());
    } else if (outcome instanceof ProduceDecision.Retry again) {
      deliveryLog.retrying(
          batch.topicPartition(),
          batch.recordCount(),
          batch.attempts() + 1,
          again.lastError(),
          nowMs);
      retry(batch, nowMs);
    } else if (outcome instanceof ProduceDecision.Split) {
      splitAndRetry(batch, nowMs);
    } else if (outcome instanceof ProduceDecision.Fail fail) {
      failBatch(batch, generation, fail.error(), fail.mayHaveBeenWritten());
    }
  }

  private void learn(ProducerBatch batch, ProduceDecision.Lessons lessons) {
    if (lessons.batchMayHaveBeenWritten()) {
      batch.markMayHaveBeenWritten();
    }
    lessons
        .leaderHint()
        .ifPresent(
            hint ->
                metadata.applyLeaderHint(
                    hint.tp().topic(),
                    hint.tp().partition(),
                    hint.leaderId(),
                    hint.leaderEpoch(),
                    hint.leaderNode()));
    if (lessons.refreshMetadata()) {
      metadata.requestUpdate();
    }
    lessons.sequenceGap().ifPresent(gap -> sequences.markGap(gap.tp(), gap.sequence()));
  }

  /**
   * A batch's success; {@code generation} names the use that succeeded, so that only that use is
   * released.
   */
  private void completeBatch(
      ProducerBatch batch, int generation, long baseOffset, long logAppendTimeMs) {
    if (config.idempotent() && batch.hasSequence()) {
      sequences.complete(batch.topicPartition(), batch.baseSequence(), batch.lastSequence(), true);
    }
    // Count before completing: a flush() released by the completion may read the stats at once.
    // Only this thread completes batches, so the isDone check cannot race.
    if (!batch.isDone()) {
      stats.recordsSent.add(batch.recordCount());
      stats.topic(batch.topicPartition().topic()).recordsSent.add(batch.recordCount());
      batch.complete(baseOffset, logAppendTimeMs);
    }
    // The batch's end: it may be reused at once, so nothing here touches it afterwards.
    accumulator.release(batch, generation);
  }

  /** A batch's failure, as {@link #completeBatch} for {@code generation}. */
  private void failBatch(
      ProducerBatch batch, int generation, RuntimeException error, boolean mayHaveBeenWritten) {
    transactions.onBatchFailed(batch.topicPartition(), batch.hasSequence(), error);
    releaseSequence(batch, mayHaveBeenWritten);
    if (!batch.isDone()) { // counted first, as in completeBatch
      stats.recordErrors.add(batch.recordCount());
      stats.topic(batch.topicPartition().topic()).recordErrors.add(batch.recordCount());
      stats.error(error.toString(), clock.nowMs());
      deliveryLog.failed(batch.topicPartition(), batch.recordCount(), error, clock.nowMs());
      batch.completeExceptionally(error);
    }
    accumulator.release(batch, generation); // as in completeBatch: the last use of the batch
  }

  /**
   * A batch with a sequence failed for good: its partition's chain now has a gap (the broker
   * certainly did not write it) or an unknown outcome to settle before new batches may follow.
   */
  private void releaseSequence(ProducerBatch batch, boolean mayHaveBeenWritten) {
    if (!config.idempotent() || !batch.hasSequence()) {
      return;
    }
    TopicPartition tp = batch.topicPartition();
    sequences.complete(tp, batch.baseSequence(), batch.lastSequence(), false);
    // A transactional producer's coordinator bumps the epoch after the abort instead.
    if (!producerIds.transactional()) {
      if (mayHaveBeenWritten || batch.mayHaveBeenWritten()) {
        sequences.markUnresolved(tp, batch.lastSequence());
      } else {
        sequences.markGap(tp, batch.baseSequence());
      }
    }
  }

  private void retry(ProducerBatch batch, long nowMs) {
    stats.recordRetries.add(batch.recordCount());
    stats.topic(batch.topicPartition().topic()).recordRetries.add(batch.recordCount());
    accumulator.reenqueue(batch, nowMs);
  }

  private void splitAndRetry(ProducerBatch batch, long nowMs) {
    List<ProducerBatch> pieces = accumulator.split(batch, sealContext);
    stats.batchSplits.increment();
    if (config.idempotent() && batch.hasSequence()) {
      // The pieces keep the original's sequence range, in order, so no epoch bump is needed: the
      // broker refused the whole batch, and later batches wait behind the first piece.
      int[] bases = new int[pieces.size()];
      for (int i = 0; i < bases.length; i++) {
        bases[i] = pieces.get(i).baseSequence();
      }
      sequences.replace(batch.topicPartition(), batch.baseSequence(), bases);
    }
    accumulator.deallocate(batch);
    accumulator.reenqueueSplit(pieces);
  }

  private void failExpired(long nowMs) {
    List<ProducerBatch> expired = accumulator.expiredBatches(nowMs);
    if (expired.isEmpty()) {
      return; // every round: no iterator for nothing
    }
    for (ProducerBatch b : expired) {
      // Whether it may be in the log is known by the batch (a lost response, or an error the
      // broker may give after writing).
      failBatch(b, b.generation(), errors.deliveryTimeout(b, nowMs, null), false);
    }
  }

  /** Fails every queued batch, counting its records as errors. */
  private void abortQueued(RuntimeException error) {
    for (ProducerBatch b : accumulator.abortQueued(error)) {
      releaseSequence(b, false);
      deliveryLog.failed(b.topicPartition(), b.recordCount(), error, clock.nowMs());
      stats.recordErrors.add(b.recordCount());
      stats.topic(b.topicPartition().topic()).recordErrors.add(b.recordCount());
    }
  }

  private void failAllIncomplete(RuntimeException error) {
    for (ProducerBatch b : accumulator.incompleteBatches()) {
      if (b.completeExceptionally(error)) {
        deliveryLog.failed(b.topicPartition(), b.recordCount(), error, clock.nowMs());
        stats.recordErrors.add(b.recordCount());
      }
      accumulator.deallocate(b);
    }
  }

  private void fatal(RuntimeException error) {
    log.error(
        "{} hit a fatal error; failing all records: {}", config.clientId(), error.getMessage());
    fatalError = error;
    stats.error(error.toString(), clock.nowMs());
    metadata.failWaiters(error);
    abortQueued(error);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Stops accepting work; the thread drains what is queued or in flight, then exits. */
  public void initiateClose() {
    accumulator.close();
    running = false;
    wakeups.wakeUp();
  }

  /** Stops now: everything still queued or in flight fails. */
  public void forceClose() {
    forceClose = true;
    initiateClose();
  }

  /** Any thread: wakes the I/O thread now (flush, transactions, metadata wanted). */
  public void wakeup() {
    wakeups.wakeUp();
  }

  /**
   * Any thread, after an append: a batch becomes sendable at {@code readyAtMs} ({@link
   * RecordAccumulator#readyAtMs}, {@link Long#MAX_VALUE} when the append changed nothing), and its
   * partition is led by {@code leaderId} (-1 when unknown) in the appender's metadata. Wakes the
   * I/O thread only if it would otherwise sleep past that, and never while that leader is at its
   * in-flight limit: the batch cannot go before one of the leader's requests completes, and that
   * completion starts a round of the I/O thread by itself ({@link BusyLeaders}).
   */
  public void batchReadyAt(long readyAtMs, int leaderId) {
    if (readyAtMs == Long.MAX_VALUE) {
      return; // an append to an open batch: the common case, nothing to do
    }
    if (leaderId >= 0 && busyLeaders.isAtLimit(leaderId)) {
      stats.wakeupsSkipped.increment();
      return;
    }
    wakeups.batchReadyAt(readyAtMs);
  }

  public boolean isRunning() {
    return running;
  }

  /** The producer id and epoch new batches are stamped with (owned by the ProducerIdManager). */
  public ProducerIdAndEpoch producerIdAndEpoch() {
    return producerIds.current();
  }

  public RuntimeException fatalError() {
    return fatalError;
  }
}
