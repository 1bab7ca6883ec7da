package dev.plume.internal.sender;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.txn.SequenceTracker;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.InvalidProducerEpochException;
import dev.plume.producer.errors.InvalidRecordException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.OutOfOrderSequenceException;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.TimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What to do with a batch whose Produce attempt failed, one {@link ProduceDecision} per kind of
 * error: retry, split, treat as success, or fail exactly this batch's records, plus what the error
 * taught (the batch may be in the log, the leader moved, the partition's sequence chain has a gap).
 * Deciding is a function of the response, the batch, the configuration and the partition's sequence
 * state: it changes none of them and nothing else; the sender carries the decision out.
 *
 * <p>Sender thread only (the sequence state it reads is the sender's).
 */
final class ProduceErrorHandler {

  private final SenderConfig config;
  private final SequenceTracker sequences; // only read here
  private final boolean restartsChainsItself;

  /**
   * @param restartsChainsItself an idempotent producer without transactional.id: it restarts broken
   *     sequence chains under a new epoch itself (a transactional one's coordinator does)
   */
  ProduceErrorHandler(
      SenderConfig config, SequenceTracker sequences, boolean restartsChainsItself) {
    this.config = config;
    this.sequences = sequences;
    this.restartsChainsItself = restartsChainsItself;
  }

  /** The whole request failed: disconnect, request timeout, or the request could not be sent. */
  ProduceDecision onRequestFailure(ProducerBatch batch, ClientResponse<?> response, long nowMs) {
    if (response.disconnected()) {
      // The broker may have written the batch before the connection went: it keeps its producer
      // state for good, so a retry can be recognised as a duplicate.
      return retryOrExpire(
          batch,
          nowMs,
          () -> disconnected(response),
          true,
          new ProduceDecision.Lessons(true, true, Optional.empty(), Optional.empty()));
    }
    // Never sent (no common API version, encoding failure): not retriable.
    return ProduceDecision.of(new ProduceDecision.Fail(response.error(), false));
  }

  /** The response did not mention a partition we sent: treat as a retriable broker fault. */
  ProduceDecision onMissingPartition(ProducerBatch batch, long nowMs) {
    return retryOrExpire(
        batch,
        nowMs,
        () ->
            new BrokerErrorException(
                (short) -1,
                "UNKNOWN_SERVER_ERROR",
                true,
                "the Produce response did not mention " + batch.topicPartition()),
        true,
        ProduceDecision.Lessons.MAY_HAVE_BEEN_WRITTEN);
  }

  ProduceDecision onPartitionError(
      ProducerBatch batch,
      ProduceResponse.PartitionResponse p,
      List<ProduceResponse.NodeEndpoint> endpoints,
      long nowMs) {
    short code = p.errorCode();
    String description = Errors.describe(code) + messageSuffix(p.errorMessage());
    return switch (Errors.forCode(code)) {
      case DUPLICATE_SEQUENCE_NUMBER ->
          ProduceDecision.of(new ProduceDecision.Complete(-1, p.logAppendTimeMs()));
      case MESSAGE_TOO_LARGE -> onTooLarge(batch, description);
      case OUT_OF_ORDER_SEQUENCE_NUMBER -> onOutOfOrder(batch, p, description, nowMs);
      case UNKNOWN_PRODUCER_ID -> {
        // The broker lost our producer state (e.g. retention) and wrote nothing: the partition's
        // chain restarts under a new epoch from this batch on, then it is retried.
        yield retryOrExpire(
            batch,
            nowMs,
            () -> brokerError(batch, code, p),
            false,
            restartsChainsItself
                ? ProduceDecision.Lessons.sequenceGap(batch.topicPartition(), batch.baseSequence())
                : ProduceDecision.Lessons.NONE);
      }
      case INVALID_PRODUCER_EPOCH ->
          // Abortable for a transaction (KIP-588); the abort then tells whether we were fenced.
          fail(
              new InvalidProducerEpochException(
                  "The broker refused " + batch.topicPartition() + ": " + description));
      case PRODUCER_FENCED ->
          fail(
              new ProducerFencedException(
                  "The broker refused " + batch.topicPartition() + ": " + description));
      case TOPIC_AUTHORIZATION_FAILED ->
          fail(
              new AuthorizationException(
                  "Not authorized to write to " + batch.topicPartition() + ": " + description));
      case CLUSTER_AUTHORIZATION_FAILED ->
          fail(
              new AuthorizationException(
                  "The cluster refused an idempotent write to "
                      + batch.topicPartition()
                      + " (grant IdempotentWrite or set enable.idempotence=false): "
                      + description));
      case INVALID_RECORD, INVALID_TIMESTAMP -> fail(invalidRecord(batch, p, description));
      default -> {
        if (!ProduceErrorPolicy.isRetriable(code)) {
          yield fail(
              new BrokerErrorException(
                  code,
                  Errors.nameOf(code),
                  false,
                  "the broker refused the batch for "
                      + batch.topicPartition()
                      + messageSuffix(p.errorMessage())));
        }
        boolean invalidatesMetadata = ProduceErrorPolicy.invalidatesMetadata(code);
        ProduceDecision.Lessons lessons =
            new ProduceDecision.Lessons(
                // e.g. NOT_ENOUGH_REPLICAS_AFTER_APPEND
                !ProduceErrorPolicy.refusedBeforeAppend(code),
                invalidatesMetadata,
                invalidatesMetadata ? leaderHint(batch, p, endpoints, code) : Optional.empty(),
                Optional.empty());
        yield retryOrExpire(batch, nowMs, () -> brokerError(batch, code, p), false, lessons);
      }
    };
  }

  /** A refusal the broker gives before appending: the batch is certainly not in the log. */
  private static ProduceDecision fail(RuntimeException error) {
    return ProduceDecision.of(new ProduceDecision.Fail(error, false));
  }

  private static ProduceDecision onTooLarge(ProducerBatch batch, String description) {
    // Pieces get sequence ranges of their own, which the broker could not match with a copy of
    // the whole batch that an earlier, lost attempt may have written.
    if (batch.recordCount() > 1 && !batch.mayHaveBeenWritten()) {
      return ProduceDecision.of(new ProduceDecision.Split());
    }
    return fail(
        new RecordTooLargeException(
            "The broker refused a record for "
                + batch.topicPartition()
                + " as too large ("
                + batch.estimatedSizeBytes()
                + " bytes batch; check the topic's max.message.bytes): "
                + description));
  }

  /**
   * OUT_OF_ORDER_SEQUENCE_NUMBER: the broker did not write this batch. If it is the batch the
   * broker should have taken next (right after the last acknowledged one, or right after a batch
   * whose outcome was unknown, which is now known to be missing), the chain has a real gap and
   * restarts under a new epoch before the retry; otherwise an earlier batch is still pending and
   * this one is simply retried after it.
   */
  private ProduceDecision onOutOfOrder(
      ProducerBatch batch, ProduceResponse.PartitionResponse p, String description, long nowMs) {
    if (!config.idempotent()) {
      return fail(new OutOfOrderSequenceException(description));
    }
    ProduceDecision.Lessons lessons = ProduceDecision.Lessons.NONE;
    if (restartsChainsItself) {
      int unresolved = sequences.unresolvedSequence(batch.topicPartition());
      int base = batch.baseSequence();
      boolean gap;
      if (unresolved >= 0) {
        gap = base == SequenceTracker.next(unresolved);
      } else {
        int expected = sequences.nextExpectedByBroker(batch.topicPartition());
        gap = base == expected || SequenceTracker.isAfter(expected, base);
      }
      if (gap) {
        lessons = ProduceDecision.Lessons.sequenceGap(batch.topicPartition(), base);
      }
    }
    return retryOrExpire(
        batch,
        nowMs,
        () -> brokerError(batch, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), p),
        false,
        lessons);
  }

  /**
   * Retries while delivery.timeout.ms and retries allow. Out of time, the records fail with a
   * TimeoutException naming the last error; out of retries (with time left), with that error
   * itself, so a producer with few retries does not report a "timeout" after a few ms.
   */
  private ProduceDecision retryOrExpire(
      ProducerBatch batch,
      long nowMs,
      Supplier<RuntimeException> lastError,
      boolean mayHaveBeenWritten,
      ProduceDecision.Lessons lessons) {
    boolean timedOut = nowMs - batch.createdMs() >= config.deliveryTimeoutMs();
    if (!timedOut && batch.attempts() < config.retries()) {
      return new ProduceDecision(new ProduceDecision.Retry(lastError), lessons);
    }
    return new ProduceDecision(
        new ProduceDecision.Fail(
            timedOut
                ? deliveryTimeout(batch, nowMs, lastError.get().getMessage())
                : lastError.get(),
            mayHaveBeenWritten),
        lessons);
  }

  /** The error of a batch that ran out of delivery.timeout.ms. */
  RuntimeException deliveryTimeout(ProducerBatch batch, long nowMs, String lastError) {
    return new TimeoutException(
        "Expiring "
            + batch.recordCount()
            + " record(s) for "
            + batch.topicPartition()
            + ": "
            + (nowMs - batch.createdMs())
            + " ms has passed since batch creation (delivery.timeout.ms="
            + config.deliveryTimeoutMs()
            + ")"
            + (lastError == null ? "" : "; last error: " + lastError));
  }

  private static NetworkException disconnected(ClientResponse<?> response) {
    return new NetworkException(
        (response.timedOut()
                ? "Request timed out (request.timeout.ms) and the connection to node "
                : "Lost the connection to node ")
            + response.nodeId()
            + " while the request was in flight",
        response.error());
  }

  private static RuntimeException brokerError(
      ProducerBatch batch, short code, ProduceResponse.PartitionResponse p) {
    return new BrokerErrorException(
        code,
        Errors.nameOf(code),
        ProduceErrorPolicy.isRetriable(code),
        "the broker refused the batch for "
            + batch.topicPartition()
            + " on attempt "
            + (batch.attempts() + 1)
            + messageSuffix(p.errorMessage()));
  }

  /** The new leader a NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH response names, if any. */
  private static Optional<ProduceDecision.LeaderHint> leaderHint(
      ProducerBatch batch,
      ProduceResponse.PartitionResponse p,
      List<ProduceResponse.NodeEndpoint> endpoints,
      short code) {
    if ((!Errors.NOT_LEADER_OR_FOLLOWER.is(code) && !Errors.FENCED_LEADER_EPOCH.is(code))
        || !p.currentLeader().isKnown()) {
      return Optional.empty();
    }
    int leaderId = p.currentLeader().leaderId();
    Node leaderNode = null;
    for (ProduceResponse.NodeEndpoint e : endpoints) {
      if (e.nodeId() == leaderId) {
        leaderNode = new Node(e.nodeId(), e.host(), e.port(), e.rack());
      }
    }
    return Optional.of(
        new ProduceDecision.LeaderHint(
            batch.topicPartition(), leaderId, p.currentLeader().leaderEpoch(), leaderNode));
  }

  private static RuntimeException invalidRecord(
      ProducerBatch batch, ProduceResponse.PartitionResponse p, String description) {
    StringBuilder message =
        new StringBuilder("The broker refused records of ")
            .append(batch.topicPartition())
            .append(": ")
            .append(description);
    for (ProduceResponse.RecordError e : p.recordErrors()) {
      message.append("; record ").append(e.batchIndex());
      if (e.batchIndexErrorMessage() != null) {
        message.append(": ").append(e.batchIndexErrorMessage());
      }
    }
    return new InvalidRecordException(message.toString());
  }

  private static String messageSuffix(String errorMessage) {
    return errorMessage == null || errorMessage.isEmpty() ? "" : " (" + errorMessage + ")";
  }
}
