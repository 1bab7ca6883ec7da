package dev.plume.internal.txn;

import static dev.plume.internal.txn.TransactionState.ABORTABLE_ERROR;
import static dev.plume.internal.txn.TransactionState.ABORTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.COMMITTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.FATAL_ERROR;
import static dev.plume.internal.txn.TransactionState.INITIALIZING;
import static dev.plume.internal.txn.TransactionState.IN_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.READY;
import static dev.plume.internal.txn.TransactionState.UNINITIALIZED;

import dev.plume.internal.metadata.NodeOrWait;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.network.RequestBody;
import dev.plume.internal.network.RequestCompletionHandler;
import dev.plume.internal.network.ResponseParser;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.NegotiatedVersions;
import dev.plume.internal.protocol.RequestMessage;
import dev.plume.internal.protocol.message.AddOffsetsToTxnRequest;
import dev.plume.internal.protocol.message.AddOffsetsToTxnResponse;
import dev.plume.internal.protocol.message.AddPartitionsToTxnRequest;
import dev.plume.internal.protocol.message.AddPartitionsToTxnResponse;
import dev.plume.internal.protocol.message.EndTxnRequest;
import dev.plume.internal.protocol.message.EndTxnResponse;
import dev.plume.internal.protocol.message.FindCoordinatorRequest;
import dev.plume.internal.protocol.message.FindCoordinatorResponse;
import dev.plume.internal.protocol.message.InitProducerIdRequest;
import dev.plume.internal.protocol.message.InitProducerIdResponse;
import dev.plume.internal.protocol.message.TxnOffsetCommitRequest;
import dev.plume.internal.protocol.message.TxnOffsetCommitResponse;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.FatalTransactionException;
import dev.plume.producer.errors.InvalidProducerEpochException;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.errors.TransactionAbortableException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer's state machine and coordinator conversation.
 *
 * <p>Application threads call the {@code initTransactions}/{@code beginTransaction}/... methods,
 * which check and change the state and return a future the caller waits on; the sender thread calls
 * the {@link TransactionCoordinatorClient} methods, which send the coordinator requests in Kafka's
 * priority order (FindCoordinator, InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn,
 * TxnOffsetCommit, EndTxn), one at a time, and complete those futures. All state is guarded by this
 * object's monitor. The producer id and epoch live in the shared {@link ProducerIdManager}.
 *
 * <p>Transactions V2 (KIP-890) is used when the coordinator's ApiVersions response finalizes {@code
 * transaction.version} at 2 or more, checked when the producer id is obtained: then no
 * AddPartitionsToTxn or AddOffsetsToTxn is sent, Produce goes at v12, TxnOffsetCommit at v5 and
 * EndTxn at v5 (whose response carries the bumped epoch). Otherwise Produce is capped at 11,
 * TxnOffsetCommit and EndTxn at 4.
 */
public final class TransactionManager implements ProducerTransactions {

  private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);
  private static final long MAX_WAIT_MS = 1000;
  private static final long FIRST_ADD_PARTITIONS_CONCURRENT_BACKOFF_MS = 20;

  private final ProducerIdManager producerIds;
  private final String transactionalId;
  private final RetryBackoff backoff;
  private final NetworkClient client;
  private final ProducerMetadata metadata;
  private final String id;

  // Written under this object's monitor; volatile so that send's check can skip the lock.
  private volatile TransactionState state = UNINITIALIZED;

  // guarded by this
  private RuntimeException lastError;
  private RuntimeException queuedBatchesError;
  private boolean transactionsV2;
  private Node transactionCoordinator;
  private final Map<String, Node> groupCoordinators = new HashMap<>();
  private boolean requestInFlight;
  private long backoffUntilMs;
  private int attempts;
  private CompletableFuture<Void> initResult;
  private boolean epochBumpInitPending;
  private final Set<TopicPartition> partitionsInTransaction = new LinkedHashSet<>();
  private final Set<TopicPartition> newPartitions = new LinkedHashSet<>();
  private final Set<TopicPartition> pendingPartitions = new LinkedHashSet<>();
  private boolean transactionStarted;
  private boolean epochBumpRequired;
  private PendingOffsets pendingOffsets;
  private CompletableFuture<Void> endTxnResult;
  private boolean endTxnCommits;

  /**
   * @param producerIds the producer's identity, shared with the sender; this manager routes its
   *     InitProducerId to the coordinator and stores what the coordinator assigns
   */
  public TransactionManager(
      ProducerIdManager producerIds, NetworkClient client, ProducerMetadata metadata) {
    if (!producerIds.transactional()) {
      throw new IllegalArgumentException("A transaction manager needs a transactional.id");
    }
    this.producerIds = producerIds;
    this.transactionalId = producerIds.transactionalId();
    this.backoff = producerIds.backoff();
    this.client = client;
    this.metadata = metadata;
    this.id = "transactional.id=" + transactionalId;
  }

  // ================================================================ application threads

  /** A transaction manager always serves transactions. */
  @Override
  public void requireTransactional(String operation) {}

  /** Starts (or, after a timeout, resumes) getting a producer id; fences older producers. */
  @Override
  public synchronized CompletableFuture<Void> initTransactions() {
    lockedFailIfFatal("initTransactions()");
    if (state == INITIALIZING && initResult != null && !epochBumpInitPending) {
      return initResult; // a retry after max.block.ms ran out
    }
    lockedRequireState("initTransactions()", UNINITIALIZED);
    lockedTransitionTo(INITIALIZING);
    producerIds.reset();
    initResult = new CompletableFuture<>();
    return initResult;
  }

  /** Starts a transaction (local only). */
  @Override
  public synchronized void beginTransaction() {
    lockedFailIfFatal("beginTransaction()");
    lockedFailIfAbortable("beginTransaction()");
    lockedRequireState("beginTransaction()", READY);
    lockedTransitionTo(IN_TRANSACTION);
  }

  /** Application thread, before each send: records may only join a transaction in progress. */
  @Override
  public void checkSendAllowed(String topic) {
    if (state == IN_TRANSACTION) {
      return; // the common case, without taking the lock
    }
    checkSendAllowedUnderLock(topic);
  }

  private synchronized void checkSendAllowedUnderLock(String topic) {
    lockedFailIfFatal("send a record to " + topic);
    lockedFailIfAbortable("send a record to " + topic);
    if (state != IN_TRANSACTION) {
      throw new IllegalStateException(
          "Cannot send a record to "
              + topic
              + " ("
              + id
              + "): no transaction is in progress, the producer is in state "
              + state
              + (state == READY ? "; call beginTransaction() first" : ""));
    }
  }

  /** Adds consumer offsets to the transaction; the future completes once TxnOffsetCommit did. */
  @Override
  public synchronized CompletableFuture<Void> sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    lockedFailIfFatal("sendOffsetsToTransaction()");
    lockedFailIfAbortable("sendOffsetsToTransaction()");
    lockedRequireState("sendOffsetsToTransaction()", IN_TRANSACTION);
    if (pendingOffsets != null) {
      if (pendingOffsets.offsets.equals(offsets) && pendingOffsets.group.equals(group)) {
        return pendingOffsets.result; // a retry after max.block.ms ran out
      }
      throw new IllegalStateException(
          "Cannot sendOffsetsToTransaction() ("
              + id
              + "): an earlier call for group "
              + pendingOffsets.group.groupId()
              + " has not completed yet");
    }
    pendingOffsets = new PendingOffsets(offsets, group);
    return pendingOffsets.result;
  }

  /** Starts committing (or resumes a commit that timed out); records sent before are flushed. */
  @Override
  public synchronized CompletableFuture<Void> beginCommit() {
    lockedFailIfFatal("commitTransaction()");
    if (state == COMMITTING_TRANSACTION && endTxnResult != null && endTxnCommits) {
      return endTxnResult;
    }
    if (state == ABORTABLE_ERROR) {
      throw new TransactionAbortableException(
          "Cannot commitTransaction() ("
              + id
              + "): the transaction hit an abortable error; call abortTransaction() and go on. "
              + "Cause: "
              + lastError.getMessage(),
          lastError);
    }
    lockedRequireState("commitTransaction()", IN_TRANSACTION);
    lockedTransitionTo(COMMITTING_TRANSACTION);
    endTxnResult = new CompletableFuture<>();
    endTxnCommits = true;
    return endTxnResult;
  }

  /** Starts aborting (or resumes an abort that timed out); queued records of the txn fail. */
  @Override
  public synchronized CompletableFuture<Void> beginAbort() {
    lockedFailIfFatal("abortTransaction()");
    if ((state == ABORTING_TRANSACTION || epochBumpInitPending)
        && endTxnResult != null
        && !endTxnCommits) {
      return endTxnResult;
    }
    if (state != IN_TRANSACTION && state != ABORTABLE_ERROR) {
      lockedRequireState("abortTransaction()", IN_TRANSACTION, ABORTABLE_ERROR);
    }
    lockedTransitionTo(ABORTING_TRANSACTION);
    queuedBatchesError =
        new TransactionAbortableException(
            "The transaction was aborted (" + id + ") before the record was sent");
    newPartitions.clear();
    if (pendingOffsets != null) {
      pendingOffsets.result.completeExceptionally(queuedBatchesError);
      pendingOffsets = null;
    }
    endTxnResult = new CompletableFuture<>();
    endTxnCommits = false;
    return endTxnResult;
  }

  public TransactionState state() {
    return state;
  }

  /** Whether Transactions V2 is in use (decided when the producer id was obtained). */
  public synchronized boolean transactionsV2() {
    return transactionsV2;
  }

  /** The error that moved the producer to FATAL_ERROR (fenced, not authorized...), or null. */
  @Override
  public synchronized RuntimeException fatalError() {
    return state == FATAL_ERROR ? lastError : null;
  }

  /** The error that moved the producer to ABORTABLE_ERROR or FATAL_ERROR, or null. */
  public synchronized RuntimeException lastError() {
    return lastError;
  }

  private void lockedRequireState(String operation, TransactionState... allowed) {
    for (TransactionState s : allowed) {
      if (state == s) {
        return;
      }
    }
    throw new IllegalStateException(
        "Cannot "
            + operation
            + " ("
            + id
            + "): the producer is in state "
            + state
            + hint(operation));
  }

  private String hint(String operation) {
    if (state == UNINITIALIZED) {
      return "; call initTransactions() first";
    }
    if (state == INITIALIZING) {
      return "; initTransactions() has not completed (call it again to keep waiting)";
    }
    if (state == READY && !operation.startsWith("initTransactions")) {
      return "; call beginTransaction() first";
    }
    if (state == COMMITTING_TRANSACTION || state == ABORTING_TRANSACTION) {
      return "; the previous commit or abort has not completed (call it again to keep waiting)";
    }
    return "";
  }

  private void lockedFailIfFatal(String operation) {
    if (state == FATAL_ERROR) {
      throw fatalErrorFor(operation);
    }
  }

  private void lockedFailIfAbortable(String operation) {
    if (state == ABORTABLE_ERROR) {
      throw new TransactionAbortableException(
          "Cannot "
              + operation
              + " ("
              + id
              + "): the transaction hit an abortable error; call abortTransaction() first. Cause: "
              + lastError.getMessage(),
          lastError);
    }
  }

  /** A fresh exception of the fatal error's kind, naming the refused operation. */
  private RuntimeException fatalErrorFor(String operation) {
    String message =
        "Cannot "
            + operation
            + " ("
            + id
            + "): the producer hit a fatal error and must be closed: "
            + lastError.getMessage();
    if (lastError instanceof ProducerFencedException) {
      return new ProducerFencedException(message, lastError);
    }
    if (lastError instanceof AuthorizationException) {
      return new AuthorizationException(message, lastError);
    }
    return new FatalTransactionException(message, lastError);
  }

  private void lockedTransitionTo(TransactionState target) {
    if (!TransactionTransitions.isLegal(state, target)) {
      throw new IllegalStateException(
          "Invalid transaction state transition " + state + " -> " + target + " (" + id + ")");
    }
    log.debug("{}: {} -> {}", id, state, target);
    state = target;
  }

  // ================================================================ errors

  private void lockedFatal(RuntimeException error) {
    if (state == FATAL_ERROR) {
      return;
    }
    log.error("{}: fatal error, the producer must be closed: {}", id, error.getMessage());
    lastError = error;
    queuedBatchesError = error;
    lockedTransitionTo(FATAL_ERROR);
    failPending(error);
  }

  private void failPending(RuntimeException error) {
    if (initResult != null) {
      initResult.completeExceptionally(error);
      initResult = null;
    }
    if (pendingOffsets != null) {
      pendingOffsets.result.completeExceptionally(error);
      pendingOffsets = null;
    }
    if (endTxnResult != null) {
      endTxnResult.completeExceptionally(error);
      endTxnResult = null;
    }
  }

  private void lockedAbortable(RuntimeException error) {
    if (state == FATAL_ERROR || state == ABORTING_TRANSACTION) {
      return; // records failing during an abort are expected
    }
    if (state == ABORTABLE_ERROR) {
      return; // keep the first cause
    }
    if (!TransactionTransitions.isLegal(state, ABORTABLE_ERROR)) {
      log.warn("{}: ignoring an abortable error in state {}: {}", id, state, error.getMessage());
      return;
    }
    log.info("{}: transaction must be aborted: {}", id, error.getMessage());
    lastError = error;
    queuedBatchesError = error;
    lockedTransitionTo(ABORTABLE_ERROR);
    failPending(error);
  }

  private RuntimeException fenced(String rpc, short code) {
    return new ProducerFencedException(
        rpc
            + " was refused with "
            + TxnErrorAction.describe(code)
            + ": another producer with "
            + id
            + " (or a newer epoch) has taken over; this producer is fenced (fatal: close it)");
  }

  private RuntimeException abortable(String rpc, short code) {
    return new TransactionAbortableException(
        rpc
            + " failed with "
            + TxnErrorAction.describe(code)
            + " ("
            + id
            + "); the transaction must be aborted (abortable: call abortTransaction() and go on)");
  }

  /** Applies an error code of a coordinator RPC; true when the request should be sent again. */
  private boolean lockedHandleError(String rpc, short code, boolean groupCoordinator, String key) {
    TxnErrorAction action = TxnErrorAction.of(code);
    switch (action) {
      case RETRY -> {
        lockedBackoff(rpc, code);
        return true;
      }
      case REDISCOVER -> {
        forgetCoordinator(groupCoordinator, key);
        lockedBackoff(rpc, code);
        return true;
      }
      case ABORTABLE -> lockedAbortable(abortable(rpc, code));
      case FATAL_FENCED -> lockedFatal(fenced(rpc, code));
      case FATAL_AUTHORIZATION ->
          lockedFatal(
              new AuthorizationException(
                  rpc
                      + " was refused with "
                      + TxnErrorAction.describe(code)
                      + ": this principal may not use "
                      + id
                      + " (fatal: close the producer)"));
      case FATAL, NONE ->
          lockedFatal(
              new FatalTransactionException(
                  rpc
                      + " failed with "
                      + TxnErrorAction.describe(code)
                      + " ("
                      + id
                      + "; fatal: close the producer)"));
    }
    return false;
  }

  private void lockedBackoff(String rpc, short code) {
    attempts++;
    long backoffMs = backoff.backoffMs(attempts);
    if (code == Errors.CONCURRENT_TRANSACTIONS.code()
        && (rpc.startsWith("AddPartitionsToTxn") || rpc.startsWith("AddOffsetsToTxn"))
        && !transactionStarted) {
      // The first add of a transaction: the previous transaction's markers are still being
      // written, which takes milliseconds, so ask again soon (Kafka does this for AddPartitions).
      backoffMs = FIRST_ADD_PARTITIONS_CONCURRENT_BACKOFF_MS;
    }
    backoffUntilMs = lastNowMs + backoffMs;
    log.debug(
        "{}: {} got {}, retrying in {} ms", id, rpc, TxnErrorAction.describe(code), backoffMs);
  }

  private void forgetCoordinator(boolean group, String key) {
    if (group) {
      groupCoordinators.remove(key);
    } else {
      transactionCoordinator = null;
    }
  }

  // ================================================================ sender thread

  private long lastNowMs;

  @Override
  public synchronized short maxProduceVersion() {
    return (short) (transactionsV2 ? 12 : 11);
  }

  @Override
  public synchronized RuntimeException queuedBatchesError() {
    return state == ABORTING_TRANSACTION || state == ABORTABLE_ERROR || state == FATAL_ERROR
        ? queuedBatchesError
        : null;
  }

  @Override
  public synchronized boolean mayDrain(TopicPartition tp) {
    if (state != IN_TRANSACTION && state != COMMITTING_TRANSACTION) {
      return false;
    }
    if (transactionsV2) {
      transactionStarted = true; // the partition leader adds the partition (Produce v12)
      return true;
    }
    if (partitionsInTransaction.contains(tp)) {
      return true;
    }
    if (!pendingPartitions.contains(tp)) {
      newPartitions.add(tp); // AddPartitionsToTxn goes out first
    }
    return false;
  }

  @Override
  public synchronized void onBatchFailed(
      TopicPartition tp, boolean hadSequence, RuntimeException error) {
    if (hadSequence && !transactionsV2) {
      // A sent batch failed: its partition's sequences have a gap, which only a new epoch heals.
      if (!producerIds.coordinatorCanBumpEpoch()) {
        // Before KIP-360 (InitProducerId v3, Kafka 2.5) the coordinator cannot bump the epoch of
        // an existing id, so aborting would not heal the gap: as kafka-clients, this is fatal.
        lockedFatal(
            new FatalTransactionException(
                "A batch to "
                    + tp
                    + " failed after it was sent ("
                    + error
                    + ") and the transaction coordinator cannot bump the producer epoch"
                    + " (InitProducerId below v3, brokers before Kafka 2.5): it is not safe to"
                    + " continue ("
                    + id
                    + "; fatal: close the producer; upgrade the broker to 2.5+ to make this"
                    + " abortable)",
                error));
        return;
      }
      epochBumpRequired = true;
    }
    if (error instanceof ProducerFencedException
        && !(error instanceof InvalidProducerEpochException)) {
      lockedFatal(
          new ProducerFencedException(
              "A Produce to " + tp + " found this producer fenced (" + id + "; fatal: close it)",
              error));
      return;
    }
    if (state == ABORTING_TRANSACTION || state == FATAL_ERROR) {
      return;
    }
    lockedAbortable(
        new TransactionAbortableException(
            "A record batch for "
                + tp
                + " failed, so the transaction ("
                + id
                + ") must be aborted (abortable: call abortTransaction() and go on): "
                + error.getMessage(),
            error));
  }

  @Override
  public synchronized void onGracefulClose() {
    if (state == IN_TRANSACTION || state == ABORTABLE_ERROR) {
      log.info("{}: aborting the open transaction because the producer is closing", id);
      beginAbort();
    }
  }

  @Override
  public synchronized boolean hasPendingCoordinatorWork() {
    return state != FATAL_ERROR
        && (endTxnResult != null || epochBumpInitPending || pendingOffsets != null);
  }

  @Override
  public synchronized long maybeSendCoordinatorRequest(long nowMs, boolean batchesIncomplete) {
    lastNowMs = nowMs;
    if (requestInFlight || state == FATAL_ERROR) {
      return MAX_WAIT_MS;
    }
    if (nowMs < backoffUntilMs) {
      return backoffUntilMs - nowMs;
    }
    if (state == INITIALIZING && (initResult != null || epochBumpInitPending)) {
      return sendInitProducerId(nowMs);
    }
    if (!transactionsV2
        && !newPartitions.isEmpty()
        && (state == IN_TRANSACTION || state == COMMITTING_TRANSACTION)) {
      return sendAddPartitions(nowMs);
    }
    if (pendingOffsets != null) {
      return !transactionsV2 && !pendingOffsets.addedToTransaction
          ? sendAddOffsets(nowMs)
          : sendTxnOffsetCommit(nowMs);
    }
    if (endTxnResult != null
        && (state == COMMITTING_TRANSACTION || state == ABORTING_TRANSACTION)
        && !batchesIncomplete
        && pendingPartitions.isEmpty()) {
      if (!transactionStarted) {
        lockedCompleteTransaction(); // nothing reached the coordinator: nothing to end
        return 0;
      }
      return sendEndTxn(nowMs);
    }
    return MAX_WAIT_MS;
  }

  /** Sends {@code message} to the coordinator, finding it first; returns the wait. */
  private <R> long sendToCoordinator(
      boolean group,
      String key,
      RequestMessage message,
      short minVersion,
      short maxVersion,
      ResponseParser<R> parser,
      RequestCompletionHandler<R> handler,
      long nowMs) {
    Node coordinator = group ? groupCoordinators.get(key) : transactionCoordinator;
    if (coordinator == null) {
      return sendFindCoordinator(group, key, nowMs);
    }
    long waitMs = client.readyOrWaitMs(coordinator, nowMs, MAX_WAIT_MS);
    if (waitMs > 0) {
      if (client.connectionFailed(coordinator)) {
        forgetCoordinator(group, key); // it may have moved: look it up again
        return backoff.retryBackoffMs();
      }
      return waitMs;
    }
    requestInFlight = true;
    client.send(
        new ClientRequest<>(
            coordinator,
            message.apiKey(),
            minVersion,
            maxVersion,
            RequestBody.of(message),
            true,
            parser,
            -1,
            response -> {
              synchronized (this) {
                requestInFlight = false;
                if (!response.isSuccess()) {
                  onRequestFailure(message.apiKey(), group, key, response);
                  return;
                }
                handler.onComplete(response);
              }
            }),
        nowMs);
    return MAX_WAIT_MS;
  }

  private void onRequestFailure(ApiKey api, boolean group, String key, ClientResponse<?> response) {
    if (response.disconnected()) {
      // Lost connection or request timeout: the coordinator may have moved, and the request may
      // or may not have been applied; every transactional request is safe to send again.
      forgetCoordinator(group, key);
      attempts++;
      backoffUntilMs = response.receivedTimeMs() + backoff.backoffMs(attempts);
      log.debug(
          "{}: {} to node {} failed ({}), retrying",
          id,
          api,
          response.nodeId(),
          response.error().getMessage());
      return;
    }
    if (response.error() instanceof UnsupportedVersionException e) {
      // No common version: no retry can help. The message names the API, both ranges and what
      // to change (from NegotiatedVersions); every pending and later call fails with it.
      String hint =
          api == ApiKey.TXN_OFFSET_COMMIT
              ? " (a consumer group generation or member id needs TxnOffsetCommit v3, Kafka 2.5+:"
                  + " pass only the group id, or upgrade the broker)"
              : "";
      lockedFatal(
          new UnsupportedVersionException(
              api
                  + " cannot be used with this broker ("
                  + id
                  + "; fatal): "
                  + e.getMessage()
                  + hint,
              e));
      return;
    }
    lockedFatal(
        new FatalTransactionException(
            api
                + " could not be sent to the coordinator ("
                + id
                + "; fatal: close the producer): "
                + response.error().getMessage(),
            response.error()));
  }

  private long sendFindCoordinator(boolean group, String key, long nowMs) {
    NodeOrWait target =
        NodeOrWait.leastLoaded(
            client, metadata.knownNodesOrBootstrap(), nowMs, backoff.retryBackoffMs(), MAX_WAIT_MS);
    if (!target.sendNow()) {
      return target.waitMs();
    }
    byte keyType =
        group ? FindCoordinatorRequest.KEY_TYPE_GROUP : FindCoordinatorRequest.KEY_TYPE_TRANSACTION;
    requestInFlight = true;
    client.send(
        ClientRequest.of(
            target.node(),
            FindCoordinatorRequest.of(keyType, key),
            (r, v) -> FindCoordinatorResponse.read(r, v, key),
            response -> {
              synchronized (this) {
                requestInFlight = false;
                if (!response.isSuccess()) {
                  onRequestFailure(ApiKey.FIND_COORDINATOR, group, key, response);
                  return;
                }
                onFindCoordinator(group, key, response.body());
              }
            }),
        nowMs);
    return MAX_WAIT_MS;
  }

  private void onFindCoordinator(boolean group, String key, FindCoordinatorResponse body) {
    for (FindCoordinatorResponse.Coordinator c : body.coordinators()) {
      if (!c.key().equals(key) && !c.key().isEmpty()) {
        continue;
      }
      short code = c.errorCode();
      if (code == 0) {
        Node node = new Node(c.nodeId(), c.host(), c.port());
        if (group) {
          groupCoordinators.put(key, node);
        } else {
          transactionCoordinator = node;
        }
        attempts = 0;
        log.debug(
            "{}: {} coordinator for {} is {}", id, group ? "group" : "transaction", key, node);
        return;
      }
      if (code == Errors.GROUP_AUTHORIZATION_FAILED.code()) {
        lockedAbortable(abortable("FindCoordinator(group " + key + ")", code));
        return;
      }
      String rpc = "FindCoordinator(" + (group ? "group " : "transaction ") + key + ")";
      TxnErrorAction action = TxnErrorAction.of(code);
      if (action == TxnErrorAction.RETRY || action == TxnErrorAction.REDISCOVER) {
        lockedBackoff(rpc, code);
      } else {
        lockedHandleError(rpc, code, group, key);
      }
      return;
    }
    lockedBackoff("FindCoordinator", Errors.COORDINATOR_NOT_AVAILABLE.code());
  }

  // ---------------------------------------------------------------- InitProducerId

  private long sendInitProducerId(long nowMs) {
    InitProducerIdRequest request = producerIds.initRequest(epochBumpInitPending);
    // An epoch bump of an existing id needs v3+ (KIP-360).
    short minVersion = request.producerId() >= 0 ? (short) 3 : ApiKey.INIT_PRODUCER_ID.minVersion();
    return sendToCoordinator(
        false,
        transactionalId,
        request,
        minVersion,
        ApiKey.INIT_PRODUCER_ID.maxVersion(),
        InitProducerIdResponse::read,
        response -> onInitProducerId(response.body(), response.request().destination()),
        nowMs);
  }

  private void onInitProducerId(InitProducerIdResponse body, Node coordinator) {
    short code = body.errorCode();
    if (code != 0) {
      if (code == Errors.TRANSACTION_ABORTABLE.code() && !epochBumpInitPending) {
        lockedFatal(
            new FatalTransactionException(
                "InitProducerId failed with " + TxnErrorAction.describe(code) + " (" + id + ")"));
        return;
      }
      lockedHandleError("InitProducerId", code, false, transactionalId);
      return;
    }
    attempts = 0;
    if (!epochBumpInitPending) {
      transactionsV2 = transactionVersion(coordinator) >= 2;
      producerIds.coordinatorCanBumpEpoch(coordinatorCanBumpEpoch(coordinator));
    }
    producerIds.assign(body.producerId(), body.producerEpoch());
    log.info(
        "{}: got {} (transactions {})", id, producerIds.current(), transactionsV2 ? "V2" : "V1");
    lockedTransitionTo(READY);
    if (epochBumpInitPending) {
      epochBumpInitPending = false;
      epochBumpRequired = false;
      CompletableFuture<Void> abort = endTxnResult;
      endTxnResult = null;
      if (abort != null) {
        abort.complete(null);
      }
    } else if (initResult != null) {
      CompletableFuture<Void> init = initResult;
      initResult = null;
      init.complete(null);
    }
  }

  /** KIP-360: InitProducerId v3+ (Kafka 2.5+) bumps the epoch of an existing id. */
  private boolean coordinatorCanBumpEpoch(Node coordinator) {
    return client
        .negotiatedVersions(coordinator)
        .map(v -> v.isUsable(ApiKey.INIT_PRODUCER_ID) && v.version(ApiKey.INIT_PRODUCER_ID) >= 3)
        .orElse(true);
  }

  private short transactionVersion(Node coordinator) {
    return client
        .negotiatedVersions(coordinator)
        .map(NegotiatedVersions::transactionVersion)
        .orElse((short) 0);
  }

  // ---------------------------------------------------------------- AddPartitionsToTxn (TV1)

  private long sendAddPartitions(long nowMs) {
    Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
    for (TopicPartition tp : newPartitions) {
      byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
    }
    List<AddPartitionsToTxnRequest.Topic> topics = new ArrayList<>();
    byTopic.forEach((t, ps) -> topics.add(new AddPartitionsToTxnRequest.Topic(t, ps)));
    ProducerIdAndEpoch pid = producerIds.current();
    Set<TopicPartition> sent = new LinkedHashSet<>(newPartitions);
    long wait =
        sendToCoordinator(
            false,
            transactionalId,
            new AddPartitionsToTxnRequest(transactionalId, pid.producerId(), pid.epoch(), topics),
            ApiKey.ADD_PARTITIONS_TO_TXN.minVersion(),
            ApiKey.ADD_PARTITIONS_TO_TXN.maxVersion(),
            AddPartitionsToTxnResponse::read,
            response -> onAddPartitions(response.body(), sent),
            nowMs);
    if (requestInFlight) {
      pendingPartitions.addAll(sent);
      newPartitions.removeAll(sent);
    }
    return wait;
  }

  private void onAddPartitions(AddPartitionsToTxnResponse body, Set<TopicPartition> sent) {
    pendingPartitions.removeAll(sent);
    short worst = 0;
    TopicPartition failed = null;
    for (AddPartitionsToTxnResponse.TopicResult t : body.results()) {
      for (AddPartitionsToTxnResponse.PartitionResult p : t.partitions()) {
        short code = p.errorCode();
        if (code != 0 && code != Errors.OPERATION_NOT_ATTEMPTED.code() && worst == 0) {
          worst = code;
          failed = new TopicPartition(t.name(), p.partitionIndex());
        }
      }
    }
    if (worst == 0) {
      attempts = 0;
      boolean stillInTransaction = state == IN_TRANSACTION || state == COMMITTING_TRANSACTION;
      if (stillInTransaction) {
        partitionsInTransaction.addAll(sent);
      }
      transactionStarted = true;
      return;
    }
    String rpc = "AddPartitionsToTxn(" + failed + ")";
    if (lockedHandleError(rpc, worst, false, transactionalId)
        && (state == IN_TRANSACTION || state == COMMITTING_TRANSACTION)) {
      newPartitions.addAll(sent);
    }
  }

  // ---------------------------------------------------------------- offsets

  private long sendAddOffsets(long nowMs) {
    ProducerIdAndEpoch pid = producerIds.current();
    PendingOffsets offsets = pendingOffsets;
    return sendToCoordinator(
        false,
        transactionalId,
        new AddOffsetsToTxnRequest(
            transactionalId, pid.producerId(), pid.epoch(), offsets.group.groupId()),
        ApiKey.ADD_OFFSETS_TO_TXN.minVersion(),
        ApiKey.ADD_OFFSETS_TO_TXN.maxVersion(),
        AddOffsetsToTxnResponse::read,
        response -> onAddOffsets(response.body(), offsets),
        nowMs);
  }

  private void onAddOffsets(AddOffsetsToTxnResponse body, PendingOffsets offsets) {
    if (pendingOffsets != offsets) {
      return; // aborted meanwhile
    }
    short code = body.errorCode();
    if (code == 0) {
      attempts = 0;
      offsets.addedToTransaction = true;
      transactionStarted = true;
      return;
    }
    lockedHandleError(
        "AddOffsetsToTxn(group " + offsets.group.groupId() + ")", code, false, transactionalId);
  }

  private long sendTxnOffsetCommit(long nowMs) {
    ProducerIdAndEpoch pid = producerIds.current();
    PendingOffsets offsets = pendingOffsets;
    Map<String, List<TxnOffsetCommitRequest.Partition>> byTopic = new LinkedHashMap<>();
    offsets.offsets.forEach(
        (tp, om) ->
            byTopic
                .computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(
                    new TxnOffsetCommitRequest.Partition(
                        tp.partition(), om.offset(), om.leaderEpoch(), om.metadata())));
    List<TxnOffsetCommitRequest.Topic> topics = new ArrayList<>();
    byTopic.forEach((t, ps) -> topics.add(new TxnOffsetCommitRequest.Topic(t, ps)));
    ConsumerGroupMetadata group = offsets.group;
    short version = (short) (transactionsV2 ? 5 : 4);
    // As kafka-clients: a consumer's generation and member id (KIP-447 fencing) need v3 (Kafka
    // 2.5+); they are refused on older brokers rather than silently dropped. A group id alone
    // works from v0.
    boolean withGenerationOrMember =
        group.generationId() != -1
            || !group.memberId().isEmpty()
            || group.groupInstanceId() != null;
    short minVersion =
        transactionsV2
            ? version
            : withGenerationOrMember ? (short) 3 : ApiKey.TXN_OFFSET_COMMIT.minVersion();
    return sendToCoordinator(
        true,
        group.groupId(),
        new TxnOffsetCommitRequest(
            transactionalId,
            group.groupId(),
            pid.producerId(),
            pid.epoch(),
            group.generationId(),
            group.memberId(),
            group.groupInstanceId(),
            topics),
        minVersion,
        version,
        TxnOffsetCommitResponse::read,
        response -> onTxnOffsetCommit(response.body(), offsets),
        nowMs);
  }

  private void onTxnOffsetCommit(TxnOffsetCommitResponse body, PendingOffsets offsets) {
    if (pendingOffsets != offsets) {
      return;
    }
    short worst = 0;
    for (TxnOffsetCommitResponse.Topic t : body.topics()) {
      for (TxnOffsetCommitResponse.Partition p : t.partitions()) {
        if (p.errorCode() != 0 && worst == 0) {
          worst = p.errorCode();
        }
      }
    }
    String groupId = offsets.group.groupId();
    if (worst == 0) {
      attempts = 0;
      transactionStarted = true;
      pendingOffsets = null;
      offsets.result.complete(null);
      return;
    }
    if (worst == Errors.REQUEST_TIMED_OUT.code()) {
      forgetCoordinator(true, groupId);
      lockedBackoff("TxnOffsetCommit", worst);
      return;
    }
    lockedHandleError("TxnOffsetCommit(group " + groupId + ")", worst, true, groupId);
  }

  // ---------------------------------------------------------------- EndTxn

  private long sendEndTxn(long nowMs) {
    ProducerIdAndEpoch pid = producerIds.current();
    boolean commit = endTxnCommits;
    short version = (short) (transactionsV2 ? 5 : 4);
    return sendToCoordinator(
        false,
        transactionalId,
        new EndTxnRequest(transactionalId, pid.producerId(), pid.epoch(), commit),
        transactionsV2 ? version : ApiKey.END_TXN.minVersion(),
        version,
        EndTxnResponse::read,
        response -> onEndTxn(response.body(), response.apiVersion(), commit),
        nowMs);
  }

  private void onEndTxn(EndTxnResponse body, short version, boolean commit) {
    String rpc = "EndTxn(" + (commit ? "commit" : "abort") + ")";
    short code = body.errorCode();
    if (code != 0) {
      if (code == Errors.TRANSACTION_ABORTABLE.code() && !commit) {
        lockedFatal(
            new FatalTransactionException(
                rpc + " failed with " + TxnErrorAction.describe(code) + " (" + id + "; fatal)"));
        return;
      }
      lockedHandleError(rpc, code, false, transactionalId);
      return;
    }
    attempts = 0;
    if (transactionsV2 && version >= 5 && body.producerId() >= 0) {
      // TV2: the coordinator bumped the epoch (or allocated a new id); sequences restart.
      producerIds.assign(body.producerId(), body.producerEpoch());
    }
    lockedCompleteTransaction();
  }

  private void lockedCompleteTransaction() {
    boolean aborted = state == ABORTING_TRANSACTION;
    partitionsInTransaction.clear();
    newPartitions.clear();
    transactionStarted = false;
    queuedBatchesError = null;
    lastError = null;
    if (aborted && epochBumpRequired && !transactionsV2) {
      // TV1 after a failed batch: the coordinator bumps the epoch so sequences restart at 0.
      lockedTransitionTo(INITIALIZING);
      epochBumpInitPending = true;
      return; // the abort completes once the bump did
    }
    epochBumpRequired = false;
    lockedTransitionTo(READY);
    CompletableFuture<Void> result = endTxnResult;
    endTxnResult = null;
    if (result != null) {
      result.complete(null);
    }
  }
}
