package dev.plume.internal.txn;

import static dev.plume.internal.txn.TxnFixture.N1;
import static dev.plume.internal.txn.TxnFixture.N2;
import static dev.plume.internal.txn.TxnFixture.PID;
import static dev.plume.internal.txn.TxnFixture.TIMEOUT_MS;
import static dev.plume.internal.txn.TxnFixture.TOPIC;
import static dev.plume.internal.txn.TxnFixture.TP0;
import static dev.plume.internal.txn.TxnFixture.TXN_ID;
import static dev.plume.internal.txn.TxnFixture.coordinator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.engine.PlumeProducer;
import dev.plume.engine.ProducerTestHooks;
import dev.plume.internal.network.FakeNetworkClient;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.AddOffsetsToTxnResponse;
import dev.plume.internal.protocol.message.AddPartitionsToTxnRequest;
import dev.plume.internal.protocol.message.AddPartitionsToTxnResponse;
import dev.plume.internal.protocol.message.EndTxnResponse;
import dev.plume.internal.protocol.message.FakeBrokerDecoders;
import dev.plume.internal.protocol.message.FindCoordinatorRequest;
import dev.plume.internal.protocol.message.InitProducerIdRequest;
import dev.plume.internal.protocol.message.InitProducerIdResponse;
import dev.plume.internal.protocol.message.ProduceRequest;
import dev.plume.internal.protocol.message.TxnOffsetCommitRequest;
import dev.plume.internal.protocol.message.TxnOffsetCommitResponse;
import dev.plume.internal.record.DecodedBatch;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.FatalTransactionException;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.TransactionAbortableException;
import dev.plume.producer.serialization.StringSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The transaction manager with the sender over a scripted network: call order, versions per
 * transaction protocol (TV1/TV2), and each RPC's errors (coordinator moved or loading, concurrent
 * transactions, fencing, abortable errors, disconnects, timeouts).
 */
class TransactionManagerTest {

  private static final short NONE = Errors.NONE.code();
  private static final short NOT_COORDINATOR = Errors.NOT_COORDINATOR.code();
  private static final short COORDINATOR_LOAD_IN_PROGRESS =
      Errors.COORDINATOR_LOAD_IN_PROGRESS.code();
  private static final short CONCURRENT_TRANSACTIONS = Errors.CONCURRENT_TRANSACTIONS.code();
  private static final short PRODUCER_FENCED = Errors.PRODUCER_FENCED.code();
  private static final short INVALID_PRODUCER_EPOCH = Errors.INVALID_PRODUCER_EPOCH.code();
  private static final short TOPIC_AUTHORIZATION_FAILED = Errors.TOPIC_AUTHORIZATION_FAILED.code();
  private static final short TRANSACTIONAL_ID_AUTHORIZATION_FAILED =
      Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code();
  private static final short INVALID_TXN_STATE = Errors.INVALID_TXN_STATE.code();
  private static final short INVALID_RECORD = Errors.INVALID_RECORD.code();
  private static final short UNKNOWN_MEMBER_ID = Errors.UNKNOWN_MEMBER_ID.code();

  private static InitProducerIdResponse initOk(short epoch) {
    return new InitProducerIdResponse(0, NONE, PID, epoch);
  }

  private static AddPartitionsToTxnResponse addPartitions(TopicPartition tp, short code) {
    return new AddPartitionsToTxnResponse(
        0,
        List.of(
            new AddPartitionsToTxnResponse.TopicResult(
                tp.topic(),
                List.of(new AddPartitionsToTxnResponse.PartitionResult(tp.partition(), code)))));
  }

  private static TxnOffsetCommitResponse offsetCommit(short code) {
    return new TxnOffsetCommitResponse(
        0,
        List.of(
            new TxnOffsetCommitResponse.Topic(
                "in", List.of(new TxnOffsetCommitResponse.Partition(0, code)))));
  }

  /** Finds the coordinator (N2) and gets producer id PID, epoch 0. */
  private static TxnFixture initialized(boolean v2) {
    TxnFixture f = new TxnFixture(v2);
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(ApiKey.INIT_PRODUCER_ID, initOk((short) 0));
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    assertThat(init).isCompleted();
    assertThat(f.txn.state()).isEqualTo(TransactionState.READY);
    assertThat(f.txn.transactionsV2()).isEqualTo(v2);
    return f;
  }

  @Test
  void initFindsTheTransactionCoordinatorThenFencesWithInitProducerId() {
    TxnFixture f = initialized(false);
    assertThat(f.sentKeys()).containsExactly(ApiKey.FIND_COORDINATOR, ApiKey.INIT_PRODUCER_ID);
    SentRequest find = f.client.sentRequests(ApiKey.FIND_COORDINATOR).get(0);
    FindCoordinatorRequest findBody = find.decode(FakeBrokerDecoders::readFindCoordinatorRequest);
    assertThat(findBody.keyType()).isEqualTo(FindCoordinatorRequest.KEY_TYPE_TRANSACTION);
    assertThat(findBody.coordinatorKeys()).containsExactly(TXN_ID);
    SentRequest init = f.client.sentRequests(ApiKey.INIT_PRODUCER_ID).get(0);
    assertThat(init.destination()).isEqualTo(N2);
    InitProducerIdRequest initBody = init.decode(FakeBrokerDecoders::readInitProducerIdRequest);
    assertThat(initBody.transactionalId()).isEqualTo(TXN_ID);
    assertThat(initBody.transactionTimeoutMs()).isEqualTo(TIMEOUT_MS);
    assertThat(f.sender.producerIdAndEpoch()).isEqualTo(new ProducerIdAndEpoch(PID, (short) 0));
  }

  @Test
  void tv1AddsThePartitionBeforeProducingAndEndsAfterTheBatchCompleted() throws Exception {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.client.prepareResponse(ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, NONE));
    f.runOnce();
    f.runOnce();
    f.runOnce();
    assertThat(f.sentKeys())
        .endsWith(ApiKey.ADD_PARTITIONS_TO_TXN, ApiKey.PRODUCE)
        .doesNotContain(ApiKey.END_TXN);
    AddPartitionsToTxnRequest add =
        f.client
            .sentRequests(ApiKey.ADD_PARTITIONS_TO_TXN)
            .get(0)
            .decode(FakeBrokerDecoders::readAddPartitionsToTxnRequest);
    assertThat(add.topics())
        .containsExactly(new AddPartitionsToTxnRequest.Topic(TOPIC, List.of(0)));
    SentRequest produce = f.client.sentRequests(ApiKey.PRODUCE).get(0);
    assertThat(produce.version()).isEqualTo((short) 11);
    assertThat(produce.decode(ProduceRequest::read).transactionalId()).isEqualTo(TXN_ID);
    DecodedBatch batch = TxnFixture.batches(produce).get(0);
    assertThat(batch.header().isTransactional()).isTrue();
    assertThat(batch.header().producerId()).isEqualTo(PID);

    CompletableFuture<Void> commit = f.txn.beginCommit();
    f.runOnce();
    assertThat(f.sentKeys()).doesNotContain(ApiKey.END_TXN); // the batch is still in flight
    f.ackProduces();
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, -1, (short) -1));
    f.runUntilQuiet();
    assertThat(record.get().offset()).isZero();
    SentRequest end = f.client.sentRequests(ApiKey.END_TXN).get(0);
    assertThat(end.version()).isEqualTo((short) 4);
    assertThat(end.decode(FakeBrokerDecoders::readEndTxnRequest).committed()).isTrue();
    assertThat(commit).isCompleted();
    assertThat(f.txn.state()).isEqualTo(TransactionState.READY);
  }

  @Test
  void tv2SkipsAddPartitionsAndAddOffsetsAndAdoptsTheEpochReturnedByEndTxn() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    assertThat(f.sentKeys()).endsWith(ApiKey.PRODUCE);
    assertThat(f.client.sentRequests(ApiKey.PRODUCE).get(0).version()).isEqualTo((short) 12);
    f.ackProduces();
    f.runOnce();

    CompletableFuture<Void> offsets =
        f.txn.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(42)),
            new ConsumerGroupMetadata("g", 7, "member-1", null));
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator("g", N1));
    f.client.prepareResponse(ApiKey.TXN_OFFSET_COMMIT, offsetCommit(NONE));
    f.runUntilQuiet();
    assertThat(offsets).isCompleted();
    assertThat(f.sentKeys())
        .doesNotContain(ApiKey.ADD_OFFSETS_TO_TXN, ApiKey.ADD_PARTITIONS_TO_TXN);
    SentRequest groupFind = f.client.sentRequests(ApiKey.FIND_COORDINATOR).get(1);
    assertThat(groupFind.decode(FakeBrokerDecoders::readFindCoordinatorRequest).keyType())
        .isEqualTo(FindCoordinatorRequest.KEY_TYPE_GROUP);
    SentRequest commitOffsets = f.client.sentRequests(ApiKey.TXN_OFFSET_COMMIT).get(0);
    assertThat(commitOffsets.version()).isEqualTo((short) 5);
    assertThat(commitOffsets.destination()).isEqualTo(N1);
    TxnOffsetCommitRequest body =
        commitOffsets.decode(FakeBrokerDecoders::readTxnOffsetCommitRequest);
    assertThat(body.generationId()).isEqualTo(7);
    assertThat(body.memberId()).isEqualTo("member-1");
    assertThat(body.topics().get(0).partitions().get(0).committedOffset()).isEqualTo(42);

    CompletableFuture<Void> commit = f.txn.beginCommit();
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, PID, (short) 1));
    f.runUntilQuiet();
    assertThat(commit).isCompleted();
    assertThat(f.client.sentRequests(ApiKey.END_TXN).get(0).version()).isEqualTo((short) 5);
    assertThat(f.sender.producerIdAndEpoch()).isEqualTo(new ProducerIdAndEpoch(PID, (short) 1));
  }

  @Test
  void tv1SendOffsetsAddsTheGroupThenCommitsOffsetsAtVersion4() {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    CompletableFuture<Void> offsets =
        f.txn.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5)),
            new ConsumerGroupMetadata("g"));
    f.client.prepareResponse(ApiKey.ADD_OFFSETS_TO_TXN, new AddOffsetsToTxnResponse(0, NONE));
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator("g", N1));
    f.client.prepareResponse(ApiKey.TXN_OFFSET_COMMIT, offsetCommit(NONE));
    f.runUntilQuiet();
    assertThat(offsets).isCompleted();
    assertThat(f.sentKeys())
        .endsWith(ApiKey.ADD_OFFSETS_TO_TXN, ApiKey.FIND_COORDINATOR, ApiKey.TXN_OFFSET_COMMIT);
    assertThat(f.client.sentRequests(ApiKey.TXN_OFFSET_COMMIT).get(0).version())
        .isEqualTo((short) 4);
  }

  @Test
  void beforeKafka25OffsetsGoAtV2WithAGroupIdButAGenerationIsRefusedAsInKafkaClients() {
    TxnFixture f = initialized(false);
    f.client.setVersionRange(ApiKey.TXN_OFFSET_COMMIT, (short) 0, (short) 2);
    f.txn.beginTransaction();
    CompletableFuture<Void> byGroupId =
        f.txn.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5)),
            new ConsumerGroupMetadata("g"));
    f.client.prepareResponse(ApiKey.ADD_OFFSETS_TO_TXN, new AddOffsetsToTxnResponse(0, NONE));
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator("g", N1));
    f.client.prepareResponse(ApiKey.TXN_OFFSET_COMMIT, offsetCommit(NONE));
    f.runUntilQuiet();
    assertThat(byGroupId).isCompleted();
    assertThat(f.client.sentRequests(ApiKey.TXN_OFFSET_COMMIT).get(0).version())
        .isEqualTo((short) 2);

    CompletableFuture<Void> withGeneration =
        f.txn.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(6)),
            new ConsumerGroupMetadata("g", 7, "member-1", null));
    f.client.prepareResponse(ApiKey.ADD_OFFSETS_TO_TXN, new AddOffsetsToTxnResponse(0, NONE));
    f.runUntilQuiet();
    assertThat(withGeneration)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class)
        .withMessageContaining("TXN_OFFSET_COMMIT")
        .withMessageContaining("needs TxnOffsetCommit v3, Kafka 2.5+");
    assertThat(f.client.sentRequests(ApiKey.TXN_OFFSET_COMMIT)).hasSize(1);
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
  }

  @Test
  void coordinatorLoadingIsRetriedAgainstTheSameCoordinator() {
    TxnFixture f = new TxnFixture(false);
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new InitProducerIdResponse(0, COORDINATOR_LOAD_IN_PROGRESS, -1, (short) -1));
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    assertThat(init).isNotDone();
    f.client.prepareResponse(ApiKey.INIT_PRODUCER_ID, initOk((short) 0));
    f.advancePastBackoff();
    f.runUntilQuiet();
    assertThat(init).isCompleted();
    assertThat(f.sentKeys())
        .containsExactly(ApiKey.FIND_COORDINATOR, ApiKey.INIT_PRODUCER_ID, ApiKey.INIT_PRODUCER_ID);
  }

  @Test
  void notCoordinatorLooksTheCoordinatorUpAgain() {
    TxnFixture f = new TxnFixture(false);
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID, new InitProducerIdResponse(0, NOT_COORDINATOR, -1, (short) -1));
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N1));
    f.client.prepareResponse(ApiKey.INIT_PRODUCER_ID, initOk((short) 0));
    f.advancePastBackoff();
    f.runUntilQuiet();
    assertThat(init).isCompleted();
    assertThat(f.sentKeys())
        .containsExactly(
            ApiKey.FIND_COORDINATOR,
            ApiKey.INIT_PRODUCER_ID,
            ApiKey.FIND_COORDINATOR,
            ApiKey.INIT_PRODUCER_ID);
    assertThat(f.client.sentRequests(ApiKey.INIT_PRODUCER_ID).get(1).destination()).isEqualTo(N1);
  }

  @Test
  void concurrentTransactionsRetriesAddPartitionsThenProduces() {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.client.prepareResponse(
        ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, CONCURRENT_TRANSACTIONS));
    f.runUntilQuiet();
    assertThat(f.sentKeys()).doesNotContain(ApiKey.PRODUCE);
    f.client.prepareResponse(ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, NONE));
    f.advancePastBackoff();
    f.runOnce();
    f.runOnce();
    f.runOnce();
    assertThat(f.sentKeys())
        .endsWith(ApiKey.ADD_PARTITIONS_TO_TXN, ApiKey.ADD_PARTITIONS_TO_TXN, ApiKey.PRODUCE);
    assertThat(f.txn.state()).isEqualTo(TransactionState.IN_TRANSACTION);
  }

  @Test
  void fencedOnInitIsFatalAndEveryLaterCallFailsWithIt() {
    TxnFixture f = new TxnFixture(false);
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID, new InitProducerIdResponse(0, PRODUCER_FENCED, -1, (short) -1));
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    assertThat(init)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ProducerFencedException.class)
        .withMessageContaining("fatal");
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
    assertThatThrownBy(f.txn::beginTransaction)
        .isInstanceOf(ProducerFencedException.class)
        .hasMessageContaining("beginTransaction()")
        .hasMessageContaining("must be closed");
    assertThatThrownBy(() -> f.txn.checkSendAllowed(TOPIC))
        .isInstanceOf(ProducerFencedException.class);
    assertThatThrownBy(f.txn::beginAbort).isInstanceOf(ProducerFencedException.class);
  }

  @Test
  void invalidProducerEpochOnEndTxnMeansFenced() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    f.ackProduces();
    CompletableFuture<Void> commit = f.txn.beginCommit();
    f.client.prepareResponse(
        ApiKey.END_TXN, new EndTxnResponse(0, INVALID_PRODUCER_EPOCH, -1, (short) -1));
    f.runUntilQuiet();
    assertThat(commit)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ProducerFencedException.class)
        .withMessageContaining("EndTxn(commit)");
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
  }

  @Test
  void authorizationAndInvalidStateAreFatalWithTheirOwnTypes() {
    TxnFixture auth = new TxnFixture(false);
    auth.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    auth.client.prepareResponse(
        ApiKey.INIT_PRODUCER_ID,
        new InitProducerIdResponse(0, TRANSACTIONAL_ID_AUTHORIZATION_FAILED, -1, (short) -1));
    auth.txn.initTransactions();
    auth.runUntilQuiet();
    assertThatThrownBy(auth.txn::beginTransaction)
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("TRANSACTIONAL_ID_AUTHORIZATION_FAILED");

    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    f.ackProduces();
    f.txn.beginCommit();
    f.client.prepareResponse(
        ApiKey.END_TXN, new EndTxnResponse(0, INVALID_TXN_STATE, -1, (short) -1));
    f.runUntilQuiet();
    assertThatThrownBy(f.txn::beginTransaction)
        .isInstanceOf(FatalTransactionException.class)
        .hasMessageContaining("INVALID_TXN_STATE");
  }

  @Test
  void disconnectDuringEndTxnLooksUpTheCoordinatorAndRetries() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    f.ackProduces();
    CompletableFuture<Void> abort = f.txn.beginAbort();
    f.client.prepareDisconnect(ApiKey.END_TXN);
    f.runUntilQuiet();
    assertThat(abort).isNotDone();
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, PID, (short) 1));
    f.advancePastBackoff();
    f.runUntilQuiet();
    assertThat(abort).isCompleted();
    assertThat(f.sentKeys()).endsWith(ApiKey.END_TXN, ApiKey.FIND_COORDINATOR, ApiKey.END_TXN);
    assertThat(
            f.client
                .sentRequests(ApiKey.END_TXN)
                .get(1)
                .decode(FakeBrokerDecoders::readEndTxnRequest)
                .committed())
        .isFalse();
  }

  @Test
  void abortableAddPartitionsErrorFailsTheRecordsAndCommitButAbortRecovers() {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.client.prepareResponse(
        ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, TOPIC_AUTHORIZATION_FAILED));
    f.runUntilQuiet();
    assertThat(f.txn.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);
    assertThat(record)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TransactionAbortableException.class)
        .withMessageContaining("TOPIC_AUTHORIZATION_FAILED");
    assertThatThrownBy(f.txn::beginCommit)
        .isInstanceOf(TransactionAbortableException.class)
        .hasMessageContaining("abortTransaction()");
    assertThatThrownBy(() -> f.txn.checkSendAllowed(TOPIC))
        .isInstanceOf(TransactionAbortableException.class);
    CompletableFuture<Void> abort = f.txn.beginAbort();
    f.runUntilQuiet();
    assertThat(abort).isCompleted();
    assertThat(f.sentKeys()).doesNotContain(ApiKey.PRODUCE, ApiKey.END_TXN);
    assertThat(f.txn.state()).isEqualTo(TransactionState.READY);
    f.txn.beginTransaction(); // the producer goes on
  }

  @Test
  void tv1ProduceFailureAbortsThenBumpsTheEpochSoSequencesRestart() {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.client.prepareResponse(ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, NONE));
    f.runOnce();
    f.runOnce();
    f.runOnce();
    f.failProduces(INVALID_RECORD);
    f.runOnce();
    assertThat(record).isCompletedExceptionally();
    assertThat(f.txn.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);
    CompletableFuture<Void> abort = f.txn.beginAbort();
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, -1, (short) -1));
    f.client.prepareResponse(ApiKey.INIT_PRODUCER_ID, initOk((short) 1));
    f.runUntilQuiet();
    assertThat(abort).isCompleted();
    InitProducerIdRequest bump =
        f.client
            .sentRequests(ApiKey.INIT_PRODUCER_ID)
            .get(1)
            .decode(FakeBrokerDecoders::readInitProducerIdRequest);
    assertThat(bump.producerId()).isEqualTo(PID);
    assertThat(bump.producerEpoch()).isZero();
    assertThat(f.sender.producerIdAndEpoch()).isEqualTo(new ProducerIdAndEpoch(PID, (short) 1));
    assertThat(f.txn.state()).isEqualTo(TransactionState.READY);
  }

  @Test
  void beforeKip360AProduceFailureAfterSendingIsFatalAsInKafkaClients() {
    // A 2.1-2.4 coordinator: InitProducerId v0-1 cannot bump the epoch of an existing id.
    TxnFixture f = new TxnFixture(false);
    f.client.setVersionRange(ApiKey.INIT_PRODUCER_ID, (short) 0, (short) 1);
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator(TXN_ID, N2));
    f.client.prepareResponse(ApiKey.INIT_PRODUCER_ID, initOk((short) 0));
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    assertThat(init).isCompleted();
    assertThat(f.client.sentRequests(ApiKey.INIT_PRODUCER_ID).get(0).version())
        .isEqualTo((short) 1);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.client.prepareResponse(ApiKey.ADD_PARTITIONS_TO_TXN, addPartitions(TP0, NONE));
    f.runOnce();
    f.runOnce();
    f.runOnce();
    f.failProduces(INVALID_RECORD);
    f.runOnce();
    assertThat(record).isCompletedExceptionally();
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
    assertThatThrownBy(f.txn::beginAbort)
        .hasStackTraceContaining("cannot bump the producer epoch")
        .hasStackTraceContaining("upgrade the broker to 2.5+");
    assertThat(f.client.sentRequests(ApiKey.INIT_PRODUCER_ID)).hasSize(1);
  }

  @Test
  void aCoordinatorWithoutFindCoordinatorKeyTypeFailsInitAtOnceNamingTheSetting() {
    // FindCoordinator v0 (Kafka 0.8-0.10) cannot look up a transaction coordinator.
    TxnFixture f = new TxnFixture(false);
    f.client.setVersionRange(ApiKey.FIND_COORDINATOR, (short) 0, (short) 0);
    CompletableFuture<Void> init = f.txn.initTransactions();
    f.runUntilQuiet();
    assertThat(init)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(dev.plume.producer.errors.UnsupportedVersionException.class)
        .withMessageContaining("FIND_COORDINATOR")
        .withMessageContaining("the broker speaks 0-0")
        .withMessageContaining("remove transactional.id");
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
    assertThat(f.client.sentRequests(ApiKey.FIND_COORDINATOR)).isEmpty();
  }

  @Test
  void aBrokerWithoutTransactionApisFailsTheTransactionAtOnce() {
    TxnFixture f = initialized(false);
    f.client.removeApi(ApiKey.ADD_PARTITIONS_TO_TXN);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.runUntilQuiet();
    assertThat(f.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
    assertThat(record).isCompletedExceptionally();
    assertThatThrownBy(f.txn::beginCommit)
        .hasStackTraceContaining("ADD_PARTITIONS_TO_TXN")
        .hasStackTraceContaining("remove transactional.id");
  }

  @Test
  void abortFailsQueuedRecordsWithAClearException() {
    TxnFixture f = initialized(false);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.runOnce();
    f.runOnce(); // AddPartitionsToTxn in flight, unanswered; the batch waits in its queue
    CompletableFuture<Void> abort = f.txn.beginAbort();
    f.runOnce();
    assertThat(record)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TransactionAbortableException.class)
        .withMessageContaining("aborted");
    // The partition was added after all: the coordinator must hear the abort.
    f.client.respondToNext(addPartitions(TP0, NONE));
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, -1, (short) -1));
    f.runUntilQuiet();
    assertThat(abort).isCompleted();
    assertThat(f.sentKeys()).endsWith(ApiKey.ADD_PARTITIONS_TO_TXN, ApiKey.END_TXN);
  }

  @Test
  void groupErrorsOnTxnOffsetCommitAreAbortable() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    CompletableFuture<Void> offsets =
        f.txn.sendOffsetsToTransaction(
            Map.of(new TopicPartition("in", 0), new OffsetAndMetadata(5)),
            new ConsumerGroupMetadata("g", 3, "m", null));
    f.client.prepareResponse(ApiKey.FIND_COORDINATOR, coordinator("g", N1));
    f.client.prepareResponse(ApiKey.TXN_OFFSET_COMMIT, offsetCommit(UNKNOWN_MEMBER_ID));
    f.runUntilQuiet();
    assertThat(offsets)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TransactionAbortableException.class)
        .withMessageContaining("UNKNOWN_MEMBER_ID");
    assertThat(f.txn.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);
  }

  @Test
  void gracefulCloseAbortsAnOpenTransaction() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    f.ackProduces();
    f.runOnce();
    f.txn.onGracefulClose();
    assertThat(f.txn.hasPendingCoordinatorWork()).isTrue();
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, PID, (short) 1));
    f.runUntilQuiet();
    assertThat(
            f.client
                .sentRequests(ApiKey.END_TXN)
                .get(0)
                .decode(FakeBrokerDecoders::readEndTxnRequest)
                .committed())
        .isFalse();
    assertThat(f.txn.hasPendingCoordinatorWork()).isFalse();
    assertThat(f.txn.state()).isEqualTo(TransactionState.READY);
  }

  @Test
  void invalidProducerEpochOnProduceIsAbortableButProducerFencedIsFatal() {
    TxnFixture epoch = initialized(true);
    epoch.txn.beginTransaction();
    epoch.append(TP0, "v");
    epoch.runOnce();
    epoch.failProduces(INVALID_PRODUCER_EPOCH);
    epoch.runOnce();
    assertThat(epoch.txn.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);

    TxnFixture fenced = initialized(true);
    fenced.txn.beginTransaction();
    fenced.append(TP0, "v");
    fenced.runOnce();
    fenced.failProduces(PRODUCER_FENCED);
    fenced.runOnce();
    assertThat(fenced.txn.state()).isEqualTo(TransactionState.FATAL_ERROR);
    assertThatThrownBy(fenced.txn::beginAbort).isInstanceOf(ProducerFencedException.class);
  }

  @Test
  void aRecordExpiringInTheTransactionMakesItAbortable() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    CompletableFuture<RecordMetadata> record = f.append(TP0, "v");
    f.runOnce(); // sent, never answered
    f.clock.advanceMs(121_000); // past delivery.timeout.ms
    f.client.timeOutInFlight(N1);
    f.runOnce();
    f.runOnce();
    assertThat(record).isCompletedExceptionally();
    assertThat(f.txn.state()).isEqualTo(TransactionState.ABORTABLE_ERROR);
    assertThat(f.txn.lastError()).isInstanceOf(TransactionAbortableException.class);
  }

  @Test
  void commitCalledAgainAfterATimeoutKeepsWaitingForTheSameEndTxn() {
    TxnFixture f = initialized(true);
    f.txn.beginTransaction();
    f.append(TP0, "v");
    f.runOnce();
    CompletableFuture<Void> first = f.txn.beginCommit();
    assertThat(f.txn.beginCommit()).isSameAs(first);
    assertThatThrownBy(f.txn::beginAbort)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("COMMITTING_TRANSACTION");
    f.ackProduces();
    f.client.prepareResponse(ApiKey.END_TXN, new EndTxnResponse(0, NONE, PID, (short) 1));
    f.runUntilQuiet();
    assertThat(first).isCompleted();
    assertThat(f.client.sentRequests(ApiKey.END_TXN)).hasSize(1);
  }

  @Test
  void callsOutOfOrderNameTheCurrentState() {
    TxnFixture f = new TxnFixture(false);
    assertThatThrownBy(f.txn::beginTransaction)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UNINITIALIZED")
        .hasMessageContaining("initTransactions()");
    TxnFixture ready = initialized(false);
    assertThatThrownBy(ready.txn::beginCommit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state READY")
        .hasMessageContaining("beginTransaction()");
    assertThatThrownBy(() -> ready.txn.checkSendAllowed(TOPIC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no transaction is in progress");
    assertThatThrownBy(ready.txn::initTransactions)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("READY");
  }

  @Test
  void initTransactionsTimesOutAfterMaxBlockMsNamingWhatItWaitedFor() {
    FakeNetworkClient silent = new FakeNetworkClient(); // never answers anything
    try (PlumeProducer<String, String> producer =
        ProducerTestHooks.networkClientFactory(
                PlumeProducer.<String, String>builder(
                        ProducerConfig.from(
                            Map.of(
                                "bootstrap.servers",
                                "localhost:9092",
                                "transactional.id",
                                TXN_ID,
                                "max.block.ms",
                                50)))
                    .keySerializer(new StringSerializer())
                    .valueSerializer(new StringSerializer()),
                config -> silent)
            .build()) {
      assertThatThrownBy(producer::initTransactions)
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("InitProducerId")
          .hasMessageContaining("max.block.ms");
      producer.close(Duration.ZERO);
    }
  }
}
