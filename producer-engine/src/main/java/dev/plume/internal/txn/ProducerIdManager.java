package dev.plume.internal.txn;

import dev.plume.internal.metadata.NodeOrWait;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.InitProducerIdRequest;
import dev.plume.internal.protocol.message.InitProducerIdResponse;
import dev.plume.internal.retry.RetryBackoff;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the producer's identity: the producer id and epoch every batch is stamped with,
 * and the {@code transactional.id} they belong to.
 *
 * <p>An idempotent producer gets its id here ({@link #maybeInitProducerId}, InitProducerId to the
 * least-loaded broker) and bumps the epoch itself when a partition's sequence chain broke ({@link
 * #bumpEpoch}, KIP-360; an exhausted epoch asks for a fresh id). A transactional producer's
 * identity comes from its coordinator: {@link TransactionManager} routes the InitProducerId request
 * built here ({@link #initRequest}) and hands back what the coordinator assigned (InitProducerId,
 * or EndTxn v5 under Transactions V2).
 *
 * <p>Written on the sender thread only ({@link #reset()} also from {@code initTransactions()},
 * before the sender uses any id); {@link #current()} is readable from any thread.
 */
public final class ProducerIdManager {

  private static final Logger log = LoggerFactory.getLogger(ProducerIdManager.class);
  private static final long MAX_WAIT_MS = 1000;

  /** Why an idempotent producer's InitProducerId failed. Called on the sender thread. */
  public interface InitFailureListener {

    /** Retrying cannot help (no common version, not authorized): every record must fail. */
    void onFatal(RuntimeException error);

    /** The request is retried after a backoff. */
    void onRetriableFailure(String why);
  }

  private final String transactionalId;
  private final int transactionTimeoutMs;
  private final RetryBackoff backoff;
  private final String logName;

  private volatile ProducerIdAndEpoch current = ProducerIdAndEpoch.NONE;

  // sender thread, transactional producer only: whether the coordinator that assigned the id
  // speaks InitProducerId v3+ (KIP-360, Kafka 2.5+) and so can bump its epoch
  private boolean coordinatorCanBumpEpoch = true;

  // sender thread, idempotent producer only
  private boolean initInFlight;
  private long initBackoffUntilMs;
  private int initAttempts;

  private ProducerIdManager(
      String transactionalId, int transactionTimeoutMs, RetryBackoff backoff, String logName) {
    this.transactionalId = transactionalId;
    this.transactionTimeoutMs = transactionTimeoutMs;
    this.backoff = backoff;
    this.logName = logName;
  }

  /** A producer with enable.idempotence=true and no transactional.id. */
  public static ProducerIdManager idempotent(String clientId, RetryBackoff backoff) {
    // transaction.timeout.ms means nothing without a transaction; brokers expect the maximum.
    return new ProducerIdManager(null, Integer.MAX_VALUE, backoff, clientId);
  }

  /** A producer with transactional.id. */
  public static ProducerIdManager transactional(TransactionConfig config) {
    return new ProducerIdManager(
        config.transactionalId(),
        config.transactionTimeoutMs(),
        config.retryBackoff(),
        "transactional.id=" + config.transactionalId());
  }

  /** The id and epoch to stamp new batches with; {@link ProducerIdAndEpoch#NONE} until known. */
  public ProducerIdAndEpoch current() {
    return current;
  }

  /** The {@code transactional.id}, or null for an idempotent-only producer. */
  public String transactionalId() {
    return transactionalId;
  }

  /**
   * True when the coordinator assigns the id and bumps the epoch (after an abort); the producer
   * then neither sends its own InitProducerId nor bumps the epoch by itself.
   */
  public boolean transactional() {
    return transactionalId != null;
  }

  RetryBackoff backoff() {
    return backoff;
  }

  // ---------------------------------------------------------------- idempotent producer

  /**
   * Sends InitProducerId to the least-loaded broker when there is no id yet and none is asked for.
   *
   * @return milliseconds until calling again makes sense
   */
  public long maybeInitProducerId(
      NetworkClient client, ProducerMetadata metadata, long nowMs, InitFailureListener listener) {
    if (current.isValid() || initInFlight) {
      return MAX_WAIT_MS;
    }
    if (nowMs < initBackoffUntilMs) {
      return initBackoffUntilMs - nowMs;
    }
    NodeOrWait target =
        NodeOrWait.leastLoaded(
            client, metadata.knownNodesOrBootstrap(), nowMs, backoff.retryBackoffMs(), MAX_WAIT_MS);
    if (!target.sendNow()) {
      return target.waitMs();
    }
    client.send(
        ClientRequest.of(
            target.node(),
            initRequest(false),
            InitProducerIdResponse::read,
            response -> onInitProducerId(response, listener)),
        nowMs);
    // Only once the client took it (handlers never run inside send): if send threw, a flag set
    // before would stay true and no InitProducerId would ever be sent again.
    initInFlight = true;
    return MAX_WAIT_MS;
  }

  private void onInitProducerId(
      ClientResponse<InitProducerIdResponse> response, InitFailureListener listener) {
    initInFlight = false;
    long nowMs = response.receivedTimeMs();
    if (response.isSuccess() && response.body().errorCode() == 0) {
      current =
          new ProducerIdAndEpoch(response.body().producerId(), response.body().producerEpoch());
      initAttempts = 0;
      log.info("{} got {}", logName, current);
      return;
    }
    if (!response.isSuccess() && response.error() instanceof UnsupportedVersionException e) {
      // Retrying cannot help: every record would wait for delivery.timeout.ms in silence.
      listener.onFatal(
          new UnsupportedVersionException(
              "The broker does not support the InitProducerId versions an idempotent producer"
                  + " needs ("
                  + e.getMessage()
                  + "): set enable.idempotence=false, or use a newer broker",
              e));
      return;
    }
    short code = response.isSuccess() ? response.body().errorCode() : -1;
    if (Errors.CLUSTER_AUTHORIZATION_FAILED.is(code)) {
      listener.onFatal(
          new AuthorizationException(
              "The cluster refused InitProducerId (CLUSTER_AUTHORIZATION_FAILED): this principal"
                  + " may not write idempotently; grant IdempotentWrite or set"
                  + " enable.idempotence=false"));
      return;
    }
    initAttempts++;
    initBackoffUntilMs = nowMs + backoff.backoffMs(initAttempts);
    String why = response.isSuccess() ? Errors.describe(code) : response.error().toString();
    log.debug("InitProducerId failed ({}), retrying", why);
    listener.onRetriableFailure(why);
  }

  /**
   * Client-side epoch bump (KIP-360) after a sequence chain broke: the same id with the next epoch,
   * or, once the epoch is exhausted (or there is no id), {@link ProducerIdAndEpoch#NONE} so that a
   * fresh InitProducerId follows.
   *
   * @return the new identity
   */
  public ProducerIdAndEpoch bumpEpoch() {
    ProducerIdAndEpoch previous = current;
    current =
        previous.isValid() && !previous.epochExhausted()
            ? new ProducerIdAndEpoch(previous.producerId(), (short) (previous.epoch() + 1))
            : ProducerIdAndEpoch.NONE;
    return current;
  }

  // ---------------------------------------------------------------- transactional producer

  /**
   * The InitProducerId request for the coordinator: a fresh id, or (KIP-360, needs v3+) the next
   * epoch of the current id when {@code bumpEpoch} and there is one.
   */
  InitProducerIdRequest initRequest(boolean bumpEpoch) {
    ProducerIdAndEpoch c = current;
    return bumpEpoch && c.isValid()
        ? new InitProducerIdRequest(
            transactionalId, transactionTimeoutMs, c.producerId(), c.epoch())
        : InitProducerIdRequest.fresh(transactionalId, transactionTimeoutMs);
  }

  /** What the coordinator assigned (InitProducerId, or EndTxn v5 under Transactions V2). */
  void assign(long producerId, short epoch) {
    current = new ProducerIdAndEpoch(producerId, epoch);
  }

  /**
   * Whether the transaction coordinator can bump the epoch of the current id (InitProducerId v3+).
   * Without it a batch that failed after being sent leaves a sequence gap no abort can heal, which
   * kafka-clients treats as fatal. An idempotent producer bumps its epoch itself ({@link
   * #bumpEpoch}), which brokers of any version accept (a new epoch starting at sequence 0), as
   * kafka-clients does.
   */
  boolean coordinatorCanBumpEpoch() {
    return coordinatorCanBumpEpoch;
  }

  void coordinatorCanBumpEpoch(boolean canBump) {
    coordinatorCanBumpEpoch = canBump;
  }

  /** initTransactions(): no id until the coordinator assigns one. */
  void reset() {
    current = ProducerIdAndEpoch.NONE;
  }
}
