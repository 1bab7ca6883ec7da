package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.TP0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.txn.SequenceTracker;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.OutOfOrderSequenceException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Produce error decision table, checked on the decision itself: no fake network round trips, no
 * sender. Every decision is also checked to change nothing (the batch, the sequence state).
 */
class ProduceErrorHandlerTest {

  private static final long DELIVERY_TIMEOUT_MS = 1_000;

  private final SenderFixture f = newFixture();
  private final SequenceTracker sequences = new SequenceTracker();

  private static SenderFixture newFixture() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    return new SenderFixture(o).startUp();
  }

  private static SenderConfig config(int retries, boolean idempotent) {
    return new SenderConfig(
        "test", (short) -1, 30_000, 1 << 20, retries, 100, 1000, DELIVERY_TIMEOUT_MS, idempotent);
  }

  private ProduceErrorHandler handler() {
    return new ProduceErrorHandler(config(Integer.MAX_VALUE, true), sequences, true);
  }

  /** A queued batch of {@code records} records for TP0, created now. */
  private ProducerBatch batch(int records) {
    for (int i = 0; i < records; i++) {
      f.append(TP0, "v" + i);
    }
    List<ProducerBatch> batches = f.accumulator.incompleteBatches();
    assertThat(batches).hasSize(1);
    return batches.get(0);
  }

  private static ProduceResponse.PartitionResponse error(Errors error) {
    return new ProduceResponse.PartitionResponse(
        0, error.code(), -1, -1, 0, List.of(), "refused", null);
  }

  private ProduceDecision decide(ProduceErrorHandler h, ProducerBatch b, Errors error) {
    return h.onPartitionError(b, error(error), List.of(), f.clock.nowMs());
  }

  private void assertUnchanged(ProducerBatch b) {
    assertThat(b.mayHaveBeenWritten()).isFalse();
    assertThat(sequences.hasGap(TP0)).isFalse();
  }

  @Test
  void duplicateSequenceNumberMeansTheBrokerHasTheBatch() {
    ProducerBatch b = batch(1);
    ProduceDecision d =
        handler()
            .onPartitionError(
                b,
                new ProduceResponse.PartitionResponse(
                    0, Errors.DUPLICATE_SEQUENCE_NUMBER.code(), -1, 1234, 0, List.of(), null, null),
                List.of(),
                f.clock.nowMs());
    assertThat(d.outcome()).isEqualTo(new ProduceDecision.Complete(-1, 1234));
    assertThat(d.lessons()).isEqualTo(ProduceDecision.Lessons.NONE);
  }

  @Test
  void messageTooLargeSplitsABatchOfSeveralRecordsAndFailsASingleRecord() {
    ProducerBatch several = batch(3);
    assertThat(decide(handler(), several, Errors.MESSAGE_TOO_LARGE).outcome())
        .isInstanceOf(ProduceDecision.Split.class);

    SenderFixture other = newFixture();
    other.append(TP0, "only");
    ProducerBatch single = other.accumulator.incompleteBatches().get(0);
    ProduceDecision d = decide(handler(), single, Errors.MESSAGE_TOO_LARGE);
    assertThat(d.outcome()).isInstanceOf(ProduceDecision.Fail.class);
    assertThat(((ProduceDecision.Fail) d.outcome()).error())
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("max.message.bytes");
  }

  @Test
  void notLeaderRetriesAsksForMetadataAndCarriesTheNamedLeader() {
    ProducerBatch b = batch(1);
    ProduceDecision d =
        handler()
            .onPartitionError(
                b,
                new ProduceResponse.PartitionResponse(
                    0,
                    Errors.NOT_LEADER_OR_FOLLOWER.code(),
                    -1,
                    -1,
                    0,
                    List.of(),
                    null,
                    new ProduceResponse.LeaderIdAndEpoch(2, 7)),
                List.of(new ProduceResponse.NodeEndpoint(2, "b2", 9093, null)),
                f.clock.nowMs());
    assertThat(d.outcome()).isInstanceOf(ProduceDecision.Retry.class);
    assertThat(d.lessons().batchMayHaveBeenWritten()).isFalse(); // refused before the append
    assertThat(d.lessons().refreshMetadata()).isTrue();
    assertThat(d.lessons().leaderHint())
        .contains(new ProduceDecision.LeaderHint(TP0, 2, 7, new Node(2, "b2", 9093, null)));
    assertUnchanged(b);
  }

  @Test
  void anErrorThatMayFollowTheAppendRetriesKnowingTheBatchMayBeInTheLog() {
    ProducerBatch b = batch(1);
    ProduceDecision d = decide(handler(), b, Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    assertThat(d.outcome()).isInstanceOf(ProduceDecision.Retry.class);
    assertThat(((ProduceDecision.Retry) d.outcome()).lastError().get())
        .isInstanceOf(BrokerErrorException.class)
        .hasMessageContaining("NOT_ENOUGH_REPLICAS_AFTER_APPEND");
    assertThat(d.lessons().batchMayHaveBeenWritten()).isTrue();
    assertThat(d.lessons().leaderHint()).isEmpty();
    assertUnchanged(b); // the sender marks the batch, not the decision
  }

  @Test
  void authorizationAndOtherFinalErrorsFailTheBatchLearningNothing() {
    ProducerBatch b = batch(1);
    ProduceDecision denied = decide(handler(), b, Errors.TOPIC_AUTHORIZATION_FAILED);
    assertThat(denied.outcome()).isInstanceOf(ProduceDecision.Fail.class);
    ProduceDecision.Fail fail = (ProduceDecision.Fail) denied.outcome();
    assertThat(fail.error()).isInstanceOf(AuthorizationException.class);
    assertThat(fail.mayHaveBeenWritten()).isFalse();
    assertThat(denied.lessons()).isEqualTo(ProduceDecision.Lessons.NONE);

    ProduceDecision acks = decide(handler(), b, Errors.INVALID_REQUIRED_ACKS);
    assertThat(((ProduceDecision.Fail) acks.outcome()).error())
        .isInstanceOf(BrokerErrorException.class)
        .hasMessageContaining("INVALID_REQUIRED_ACKS");
    assertUnchanged(b);
  }

  @Test
  void aRetriableErrorFailsWithATimeoutOnceDeliveryTimeoutPassedAndWithItselfOnceRetriesRanOut() {
    ProducerBatch b = batch(1);
    f.advance(DELIVERY_TIMEOUT_MS);
    ProduceDecision late = decide(handler(), b, Errors.NOT_LEADER_OR_FOLLOWER);
    assertThat(((ProduceDecision.Fail) late.outcome()).error())
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("delivery.timeout.ms")
        .hasMessageContaining("NOT_LEADER_OR_FOLLOWER");
    assertThat(late.lessons().refreshMetadata()).isTrue(); // still learned

    SenderFixture fresh = newFixture();
    fresh.append(TP0, "v");
    ProducerBatch early = fresh.accumulator.incompleteBatches().get(0);
    ProduceErrorHandler noRetries = new ProduceErrorHandler(config(0, true), sequences, true);
    ProduceDecision d =
        noRetries.onPartitionError(
            early, error(Errors.NOT_LEADER_OR_FOLLOWER), List.of(), fresh.clock.nowMs());
    assertThat(((ProduceDecision.Fail) d.outcome()).error())
        .isInstanceOf(BrokerErrorException.class)
        .hasMessageContaining("NOT_LEADER_OR_FOLLOWER");
  }

  @Test
  void aLostConnectionRetriesKnowingTheBatchMayBeInTheLogAndAsksForMetadata() {
    ProducerBatch b = batch(1);
    long nowMs = f.clock.nowMs();
    ClientResponse<ProduceResponse> lost =
        new ClientResponse<>(
            null, 1, (short) 9, null, true, false, new NetworkException("reset"), nowMs, nowMs);
    ProduceDecision d = handler().onRequestFailure(b, lost, nowMs);
    assertThat(d.outcome()).isInstanceOf(ProduceDecision.Retry.class);
    assertThat(d.lessons().batchMayHaveBeenWritten()).isTrue();
    assertThat(d.lessons().refreshMetadata()).isTrue();

    ProduceDecision late = handler().onRequestFailure(b, lost, nowMs + DELIVERY_TIMEOUT_MS);
    ProduceDecision.Fail fail = (ProduceDecision.Fail) late.outcome();
    assertThat(fail.error()).isInstanceOf(TimeoutException.class);
    assertThat(fail.mayHaveBeenWritten()).isTrue();
    assertUnchanged(b);
  }

  @Test
  void aRequestThatWasNeverSentFailsWithItsOwnError() {
    ProducerBatch b = batch(1);
    long nowMs = f.clock.nowMs();
    UnsupportedVersionException never = new UnsupportedVersionException("no common version");
    ClientResponse<ProduceResponse> notSent =
        new ClientResponse<>(null, 1, (short) -1, null, false, false, never, nowMs, nowMs);
    ProduceDecision d = handler().onRequestFailure(b, notSent, nowMs);
    assertThat(d.outcome()).isEqualTo(new ProduceDecision.Fail(never, false));
    assertThat(d.lessons()).isEqualTo(ProduceDecision.Lessons.NONE);
  }

  @Test
  void aPartitionMissingFromTheResponseIsRetriedAsPossiblyWritten() {
    ProducerBatch b = batch(1);
    ProduceDecision d = handler().onMissingPartition(b, f.clock.nowMs());
    assertThat(((ProduceDecision.Retry) d.outcome()).lastError().get())
        .hasMessageContaining("did not mention " + TP0);
    assertThat(d.lessons()).isEqualTo(ProduceDecision.Lessons.MAY_HAVE_BEEN_WRITTEN);
    assertUnchanged(b);
  }

  @Test
  void unknownProducerIdRestartsTheChainOnlyForAProducerThatRestartsChainsItself() {
    ProducerBatch b = batch(1);
    ProduceDecision own = decide(handler(), b, Errors.UNKNOWN_PRODUCER_ID);
    assertThat(own.outcome()).isInstanceOf(ProduceDecision.Retry.class);
    assertThat(own.lessons().sequenceGap())
        .isEqualTo(Optional.of(new ProduceDecision.SequenceGap(TP0, b.baseSequence())));

    ProduceErrorHandler coordinated =
        new ProduceErrorHandler(config(Integer.MAX_VALUE, true), sequences, false);
    assertThat(decide(coordinated, b, Errors.UNKNOWN_PRODUCER_ID).lessons())
        .isEqualTo(ProduceDecision.Lessons.NONE);
    assertUnchanged(b);
  }

  @Test
  void outOfOrderSequenceFailsAProducerWithoutIdempotence() {
    ProducerBatch b = batch(1);
    ProduceErrorHandler plain =
        new ProduceErrorHandler(config(Integer.MAX_VALUE, false), sequences, false);
    ProduceDecision d = decide(plain, b, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    assertThat(((ProduceDecision.Fail) d.outcome()).error())
        .isInstanceOf(OutOfOrderSequenceException.class);
  }
}
