package dev.plume.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ProducerMetadataTest {

  private static final Node BOOT = new Node(-1, "boot", 9092);
  private static final Node N1 = new Node(1, "b1", 9092);
  private static final Node N2 = new Node(2, "b2", 9092);

  private final ProducerMetadata metadata = new ProducerMetadata(List.of(BOOT), 100, 1_000, 5_000);

  private static List<PartitionState> partitions(String topic, int count, int leader, int epoch) {
    List<PartitionState> parts = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      parts.add(new PartitionState(topic, p, leader, epoch, List.of(1, 2), List.of(1, 2)));
    }
    return parts;
  }

  private static ClusterSnapshot snapshot(String... topics) {
    ProducerMetadata.SnapshotBuilder b = ProducerMetadata.snapshotBuilder().node(N1).node(N2);
    for (String t : topics) {
      b.topic(t, null, partitions(t, 2, 1, 3));
    }
    return b.build();
  }

  private static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 10 s");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aFirstUpdateIsDueAtOnceThenByAge() {
    assertThat(metadata.timeToNextUpdateMs(0)).isZero();
    assertThat(metadata.knownNodesOrBootstrap()).containsExactly(BOOT);
    metadata.onRefreshAttempt(0);
    metadata.update(snapshot(), 10);
    assertThat(metadata.updateRequested()).isFalse();
    assertThat(metadata.knownNodesOrBootstrap()).containsExactlyInAnyOrder(N1, N2);
    assertThat(metadata.timeToNextUpdateMs(500)).isEqualTo(510);
    assertThat(metadata.timeToNextUpdateMs(1_009)).isEqualTo(1);
    assertThat(metadata.timeToNextUpdateMs(1_010)).isZero();
  }

  @Test
  void requestedUpdatesStillRespectTheRefreshBackoff() {
    metadata.update(snapshot(), 0);
    metadata.requestUpdate();
    assertThat(metadata.timeToNextUpdateMs(40)).isEqualTo(60);
    assertThat(metadata.timeToNextUpdateMs(100)).isZero();
    metadata.onRefreshAttempt(100);
    metadata.onRefreshFailed(150);
    assertThat(metadata.updateRequested()).isTrue();
    assertThat(metadata.timeToNextUpdateMs(200)).isEqualTo(50);
    assertThat(metadata.timeToNextUpdateMs(250)).isZero();
  }

  @Test
  void aTopicMissingFromTheResponseKeepsAnUpdateRequested() {
    metadata.touch("a", 0);
    metadata.touch("b", 0);
    assertThat(metadata.topicsInUse()).containsExactlyInAnyOrder("a", "b");
    metadata.update(snapshot("a"), 10);
    assertThat(metadata.updateRequested()).isTrue();
    metadata.update(snapshot("a", "b"), 200);
    assertThat(metadata.updateRequested()).isFalse();
  }

  @Test
  void idleTopicsAreForgottenAfterMetadataMaxIdle() {
    metadata.touch("idle", 0);
    metadata.touch("busy", 0);
    metadata.touch("busy", 4_000);
    metadata.update(snapshot("idle", "busy"), 5_000);
    assertThat(metadata.topicsInUse()).containsExactlyInAnyOrder("idle", "busy");
    metadata.update(snapshot("idle", "busy"), 5_001);
    assertThat(metadata.topicsInUse()).containsExactly("busy");
    metadata.update(snapshot("busy"), 9_001);
    assertThat(metadata.topicsInUse()).isEmpty();
  }

  @Test
  void awaitTopicReturnsOnceAnotherThreadInstallsIt() throws Exception {
    CompletableFuture<ClusterSnapshot> waiter = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                waiter.complete(metadata.awaitTopic("t", 0, 60_000));
              } catch (Throwable e) {
                waiter.completeExceptionally(e);
              }
            });
    t.start();
    awaitCondition(() -> metadata.topicsInUse().contains("t")); // the waiter registered it
    assertThat(metadata.updateRequested()).isTrue();
    metadata.update(snapshot("t"), 10);
    ClusterSnapshot seen = waiter.get(10, TimeUnit.SECONDS);
    assertThat(seen.partitionCountForTopic("t")).isEqualTo(2);
  }

  @Test
  void awaitTopicTimesOutNamingTheTopic() {
    assertThatThrownBy(() -> metadata.awaitTopic("missing-topic", 0, 0))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("missing-topic")
        .hasMessageContaining("max.block.ms=0");
    metadata.update(
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topicError("missing-topic", Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
            .build(),
        10);
    assertThatThrownBy(() -> metadata.awaitTopic("missing-topic", 10, 0))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("UNKNOWN_TOPIC_OR_PARTITION");
  }

  @Test
  void awaitTopicFailsFastOnAuthorizationErrorsAndClose() {
    metadata.update(
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topicError("secret", Errors.TOPIC_AUTHORIZATION_FAILED.code())
            .build(),
        10);
    assertThatThrownBy(() -> metadata.awaitTopic("secret", 10, 60_000))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("secret");
    metadata.close();
    assertThatThrownBy(() -> metadata.awaitTopic("other", 10, 60_000))
        .isInstanceOf(ProducerClosedException.class)
        .hasMessageContaining("other");
  }

  @Test
  void awaitTopicFailsFastOnAnInvalidTopicName() {
    metadata.update(
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topicError("bad name", Errors.INVALID_TOPIC_EXCEPTION.code())
            .build(),
        10);
    assertThatThrownBy(() -> metadata.awaitTopic("bad name", 10, 60_000))
        .isInstanceOfSatisfying(
            dev.plume.producer.errors.BrokerErrorException.class,
            e -> assertThat(e.errorCode()).isEqualTo((short) 17))
        .hasMessageContaining("bad name");
  }

  @Test
  void leaderHintsApplyOnlyForANewerEpoch() {
    metadata.update(snapshot("t"), 0);
    metadata.applyLeaderHint("t", 0, 2, 3, null); // same epoch: ignored
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N1);
    metadata.applyLeaderHint("t", 0, 2, 2, null); // older: ignored
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N1);
    metadata.applyLeaderHint("t", 0, 2, 4, null);
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N2);
    assertThat(metadata.snapshot().partition("t", 0).leaderEpoch()).isEqualTo(4);
    assertThat(metadata.snapshot().partitionsForNode(2))
        .containsExactly(new TopicPartition("t", 0));
    assertThat(metadata.snapshot().leaderFor("t", 1)).isEqualTo(N1);
    // an unknown broker without its endpoint cannot be used
    metadata.applyLeaderHint("t", 1, 9, 10, null);
    assertThat(metadata.snapshot().leaderFor("t", 1)).isEqualTo(N1);
    Node n9 = new Node(9, "b9", 9092);
    metadata.applyLeaderHint("t", 1, 9, 10, n9);
    assertThat(metadata.snapshot().leaderFor("t", 1)).isEqualTo(n9);
  }

  @Test
  void aStaleMetadataResponseDoesNotUndoANewerLeader() {
    metadata.update(snapshot("t"), 0); // epoch 3, leader 1
    metadata.applyLeaderHint("t", 0, 2, 4, null);
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N2);
    // a lagging broker still reports epoch 3 with the old leader
    metadata.update(snapshot("t"), 100);
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N2);
    assertThat(metadata.snapshot().partition("t", 0).leaderEpoch()).isEqualTo(4);
    assertThat(metadata.snapshot().leaderFor("t", 1)).isEqualTo(N1);
    // a newer epoch wins again
    metadata.update(
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .node(N2)
            .topic("t", null, partitions("t", 2, 1, 5))
            .build(),
        200);
    assertThat(metadata.snapshot().leaderFor("t", 0)).isEqualTo(N1);
    assertThat(metadata.snapshot().partition("t", 0).leaderEpoch()).isEqualTo(5);
  }

  @Test
  void snapshotsDescribeLeadersAndAvailablePartitions() {
    List<PartitionState> parts = new ArrayList<>(partitions("t", 3, 1, 0));
    parts.set(1, new PartitionState("t", 1, -1, 0, List.of(1), List.of()));
    parts.set(2, new PartitionState("t", 2, 7, 0, List.of(7), List.of(7))); // broker not listed
    ClusterSnapshot s = ProducerMetadata.snapshotBuilder().node(N1).topic("t", null, parts).build();
    assertThat(s.partitionCountForTopic("t")).isEqualTo(3);
    assertThat(s.availablePartitionsForTopic("t"))
        .extracting(p -> p.partition())
        .containsExactly(0);
    assertThat(s.leaderFor("t", 1)).isNull();
    assertThat(s.leaderFor("t", 2)).isNull();
    assertThat(s.leaderFor("t", 3)).isNull();
    assertThat(s.partitionCountForTopic("nope")).isEqualTo(-1);
  }

  @Test
  void malformedPartitionListsBecomeTopicErrorsNotCrashes() {
    List<PartitionState> gap =
        List.of(
            new PartitionState("g", 0, 1, 0, List.of(1), List.of(1)),
            new PartitionState("g", 2, 1, 0, List.of(1), List.of(1)));
    List<PartitionState> duplicate =
        List.of(
            new PartitionState("d", 0, 1, 0, List.of(1), List.of(1)),
            new PartitionState("d", 0, 1, 0, List.of(1), List.of(1)));
    ClusterSnapshot s =
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topic("g", null, gap)
            .topic("d", null, duplicate)
            .topic("ok", null, partitions("ok", 1, 1, 0))
            .build();
    assertThat(s.hasTopic("g")).isFalse();
    assertThat(s.topicError("g").description()).contains("non-contiguous");
    assertThat(s.hasTopic("d")).isFalse();
    assertThat(s.topicError("d")).isNotNull();
    assertThat(s.partitionCountForTopic("ok")).isEqualTo(1);
  }

  @Test
  void retainOthersKeepsInUseTopicsTheResponseDidNotCoverAndDropsIdleOnes() {
    ClusterSnapshot first = snapshot("a", "b", "c");
    ClusterSnapshot second =
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topic("a", null, partitions("a", 1, 1, 9))
            .retainOthersFrom(first, Set.of("a"), Set.of("a", "b"))
            .build();
    assertThat(second.partitionCountForTopic("a")).isEqualTo(1);
    assertThat(second.partitionCountForTopic("b")).isEqualTo(2);
    assertThat(second.hasTopic("c")).as("idle topic c is forgotten").isFalse();
  }

  @Test
  void aTransientTopicErrorKeepsThePreviousPartitionsAndAsksAgain() {
    ClusterSnapshot first = snapshot("a");
    ClusterSnapshot second =
        ProducerMetadata.snapshotBuilder()
            .node(N1)
            .topicError("a", Errors.LEADER_NOT_AVAILABLE.code())
            .retainTopic(first, "a")
            .build();
    assertThat(second.partitionCountForTopic("a")).isEqualTo(first.partitionCountForTopic("a"));
    ProducerMetadata metadata = new ProducerMetadata(List.of(N1), 100, 300_000, 300_000);
    metadata.touch("a", 0);
    metadata.update(second, 0);
    assertThat(metadata.updateRequested()).isTrue();
  }

  @Test
  void leaderMovesAreLoggedInOneWarnPerUpdate() {
    metadata.update(snapshot("t"), 10);
    try (dev.plume.logging.LogCapture logs = dev.plume.logging.LogCapture.of(LeaderMoveLog.class)) {
      metadata.update(snapshot("t"), 20); // nothing moved
      assertThat(logs.messages(ch.qos.logback.classic.Level.WARN)).isEmpty();

      ClusterSnapshot moved =
          ProducerMetadata.snapshotBuilder()
              .node(N1)
              .node(N2)
              .topic("t", null, partitions("t", 2, 2, 4))
              .build();
      metadata.update(moved, 30);

      assertThat(logs.messages(ch.qos.logback.classic.Level.WARN))
          .singleElement()
          .asString()
          .contains("2 partition(s)", "t-0: 1 -> 2", "t-1: 1 -> 2");
    }
  }
}
