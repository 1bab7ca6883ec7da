package dev.plume.sender;

import dev.plume.accumulator.ProducerBatch;
import dev.plume.network.ClientResponse;
import dev.plume.network.Node;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.InvalidProducerEpochException;
import dev.plume.producer.errors.InvalidRecordException;
import dev.plume.producer.errors.OutOfOrderSequenceException;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.protocol.Errors;
import dev.plume.protocol.message.ProduceResponse;
import dev.plume.txn.SequenceTracker;
import java.util.List;

/**
 * What to do with a batch whose Produce attempt failed, one named decision per kind of error: retry
 * (refreshing metadata where the leader may have moved), split, treat as success, or fail exactly
 * this batch's records.
 */
final class ProduceErrorHandler {

  private final Sender sender;

  ProduceErrorHandler(Sender sender) {
    this.sender = sender;
  }

  /** The whole request failed: disconnect, request timeout, or the request could not be sent. */
  void onRequestFailure(ProducerBatch batch, ClientResponse<?> response, long nowMs) {
    if (response.disconnected()) {
      // The broker may have written the batch before the connection went: it keeps its producer
      // state for good, so a retry can be recognised as a duplicate.
      batch.markMayHaveBeenWritten();
      sender.metadata().requestUpdate();
      retryOrExpire(batch, nowMs, () -> Sender.disconnected(response), true);
    } else {
      // Never sent (no common API version, encoding failure): not retriable.
      RuntimeException error = response.error();
      sender.failBatch(batch, error, false);
    }
  }

  /** The response did not mention a partition we sent: treat as a retriable broker fault. */
  void onMissingPartition(ProducerBatch batch, long nowMs) {
    batch.markMayHaveBeenWritten();
    retryOrExpire(
        batch,
        nowMs,
        () ->
            new BrokerErrorException(
                (short) -1,
                "UNKNOWN_SERVER_ERROR",
                true,
                "the Produce response did not mention " + batch.topicPartition()),
        true);
  }

  void onPartitionError(
      ProducerBatch batch,
      ProduceResponse.PartitionResponse p,
      List<ProduceResponse.NodeEndpoint> endpoints,
      long nowMs) {
    short code = p.errorCode();
    String description = Errors.describe(code) + messageSuffix(p.errorMessage());
    switch (Errors.forCode(code)) {
      case DUPLICATE_SEQUENCE_NUMBER -> sender.completeBatch(batch, -1, p.logAppendTimeMs());
      case MESSAGE_TOO_LARGE -> onTooLarge(batch, description, nowMs);
      case OUT_OF_ORDER_SEQUENCE_NUMBER -> onOutOfOrder(batch, p, description, nowMs);
      case UNKNOWN_PRODUCER_ID -> {
        // The broker lost our producer state (e.g. retention) and wrote nothing: the partition's
        // chain restarts under a new epoch from this batch on, then it is retried.
        if (sender.restartsChainsItself()) {
          sender.sequences().markGap(batch.topicPartition(), batch.baseSequence());
        }
        retryOrExpire(batch, nowMs, () -> brokerError(batch, code, p), false);
      }
      case INVALID_PRODUCER_EPOCH ->
          // Abortable for a transaction (KIP-588); the abort then tells whether we were fenced.
          sender.failBatch(
              batch,
              new InvalidProducerEpochException(
                  "The broker refused " + batch.topicPartition() + ": " + description),
              false);
      case PRODUCER_FENCED ->
          sender.failBatch(
              batch,
              new ProducerFencedException(
                  "The broker refused " + batch.topicPartition() + ": " + description),
              false);
      case TOPIC_AUTHORIZATION_FAILED ->
          sender.failBatch(
              batch,
              new AuthorizationException(
                  "Not authorized to write to " + batch.topicPartition() + ": " + description),
              false);
      case CLUSTER_AUTHORIZATION_FAILED ->
          sender.failBatch(
              batch,
              new AuthorizationException(
                  "The cluster refused an idempotent write to "
                      + batch.topicPartition()
                      + " (grant IdempotentWrite or set enable.idempotence=false): "
                      + description),
              false);
      case INVALID_RECORD, INVALID_TIMESTAMP ->
          sender.failBatch(batch, invalidRecord(batch, p, description), false);
      default -> {
        if (ProduceErrorPolicy.isRetriable(code)) {
          if (!ProduceErrorPolicy.refusedBeforeAppend(code)) {
            batch.markMayHaveBeenWritten(); // e.g. NOT_ENOUGH_REPLICAS_AFTER_APPEND
          }
          if (ProduceErrorPolicy.invalidatesMetadata(code)) {
            applyLeaderHint(batch, p, endpoints, code);
            sender.metadata().requestUpdate();
          }
          retryOrExpire(batch, nowMs, () -> brokerError(batch, code, p), false);
        } else {
          sender.failBatch(
              batch,
              new BrokerErrorException(
                  code,
                  Errors.nameOf(code),
                  false,
                  "the broker refused the batch for "
                      + batch.topicPartition()
                      + messageSuffix(p.errorMessage())),
              false);
        }
      }
    }
  }

  private void onTooLarge(ProducerBatch batch, String description, long nowMs) {
    // Pieces get sequence ranges of their own, which the broker could not match with a copy of
    // the whole batch that an earlier, lost attempt may have written.
    if (batch.recordCount() > 1 && !batch.mayHaveBeenWritten()) {
      sender.splitAndRetry(batch, nowMs);
    } else {
      sender.failBatch(
          batch,
          new RecordTooLargeException(
              "The broker refused a record for "
                  + batch.topicPartition()
                  + " as too large ("
                  + batch.estimatedSizeBytes()
                  + " bytes batch; check the topic's max.message.bytes): "
                  + description),
          false);
    }
  }

  /**
   * OUT_OF_ORDER_SEQUENCE_NUMBER: the broker did not write this batch. If it is the batch the
   * broker should have taken next (right after the last acknowledged one, or right after a batch
   * whose outcome was unknown, which is now known to be missing), the chain has a real gap and
   * restarts under a new epoch before the retry; otherwise an earlier batch is still pending and
   * this one is simply retried after it.
   */
  private void onOutOfOrder(
      ProducerBatch batch, ProduceResponse.PartitionResponse p, String description, long nowMs) {
    if (!sender.config().idempotent()) {
      sender.failBatch(batch, new OutOfOrderSequenceException(description), false);
      return;
    }
    if (sender.restartsChainsItself()) {
      SequenceTracker sequences = sender.sequences();
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
        sequences.markGap(batch.topicPartition(), base);
      }
    }
    retryOrExpire(
        batch,
        nowMs,
        () -> brokerError(batch, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code(), p),
        false);
  }

  /**
   * Retries while delivery.timeout.ms and retries allow. Out of time, the records fail with a
   * TimeoutException naming the last error; out of retries (with time left), with that error
   * itself, so a producer with few retries does not report a "timeout" after a few ms.
   */
  private void retryOrExpire(
      ProducerBatch batch,
      long nowMs,
      java.util.function.Supplier<RuntimeException> lastError,
      boolean mayHaveBeenWritten) {
    if (sender.canRetry(batch, nowMs)) {
      sender
          .deliveryLog()
          .retrying(
              batch.topicPartition(), batch.recordCount(), batch.attempts() + 1, lastError, nowMs);
      sender.retry(batch, nowMs);
    } else if (sender.deliveryTimeoutPassed(batch, nowMs)) {
      sender.failBatch(
          batch,
          sender.deliveryTimeout(batch, nowMs, lastError.get().getMessage()),
          mayHaveBeenWritten);
    } else {
      sender.failBatch(batch, lastError.get(), mayHaveBeenWritten);
    }
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

  private void applyLeaderHint(
      ProducerBatch batch,
      ProduceResponse.PartitionResponse p,
      List<ProduceResponse.NodeEndpoint> endpoints,
      short code) {
    if ((!Errors.NOT_LEADER_OR_FOLLOWER.is(code) && !Errors.FENCED_LEADER_EPOCH.is(code))
        || !p.currentLeader().isKnown()) {
      return;
    }
    int leaderId = p.currentLeader().leaderId();
    Node leaderNode = null;
    for (ProduceResponse.NodeEndpoint e : endpoints) {
      if (e.nodeId() == leaderId) {
        leaderNode = new Node(e.nodeId(), e.host(), e.port(), e.rack());
      }
    }
    sender
        .metadata()
        .applyLeaderHint(
            batch.topicPartition().topic(),
            batch.topicPartition().partition(),
            leaderId,
            p.currentLeader().leaderEpoch(),
            leaderNode);
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
