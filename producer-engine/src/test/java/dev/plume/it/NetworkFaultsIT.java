package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.FaultProxy;
import dev.plume.broker.FaultProxy.Direction;
import dev.plume.broker.KafkaCluster;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The producer on a real broker behind {@link FaultProxy}: networks that slow down, stall, reset,
 * cut frames, refuse connections, go half-open, and lose answers after the broker wrote the
 * request. kafka-clients runs the same schedules as a reference; what each run did is printed.
 */
class NetworkFaultsIT {

  private static final int PRODUCE = 0;

  private static FaultProxy proxy;
  private static KafkaCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    int listenerPort;
    try (ServerSocket free = new ServerSocket(0)) {
      listenerPort = free.getLocalPort();
    }
    proxy = FaultProxy.start(listenerPort);
    cluster =
        TestBrokers.startDedicated(
            ClusterSpec.singleNode().withProxiedListener("PROXIED", listenerPort, proxy));
  }

  @AfterEach
  void noFaultsLeft() {
    proxy.clear();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  // ---------------------------------------------------------------- schedules

  /**
   * Lost answers: the broker writes Produce requests and the connection is reset before each
   * answer, three times in a row, so with {@code retries=2} batches run out of retries with an
   * unknown outcome while others wait for their retry. Every acknowledged record must be in the log
   * exactly once and in order; a failed record may or may not be there, but never twice.
   *
   * <p>Retry backoff jitter and these figures. A reset fails every request in flight, and their
   * batches go back to the head of their partitions' queues. Until 2026-12-03 Plume's retry backoff
   * had no random factor, so the retried batches of all three partitions became ready in the same
   * millisecond, left together in one Produce request, and the next lost answer took them all
   * again: after the third each had used its three attempts. Every failure was a {@code
   * NetworkException} after three attempts with an unknown outcome, and every failed record was in
   * the log once. kafka-clients 4.1 multiplies its backoff by a random factor in [0.8, 1.2), so its
   * retries leave one partition at a time (in its log, three requests carrying the retries of
   * partitions 2, 1 and 0) and a lost answer takes one partition's batch. Plume now applies the
   * same factor (RetryBackoff), drawn once per retried batch. Records failed of 12,000 in six runs
   * each on 2026-12-03, before (main 41bf339) and after alternating on the same loaded machine:
   *
   * <pre>
   *                      before (no jitter)            after (jitter)
   * 1 partition          199 162 117  69 125  70       63  81  76  74  77 131
   * 3 partitions          64  58  62  65 118  66       16   8   0  11   5   0
   * 3, adaptive          594  25  23  27  15  16       19   7   0  16   9   6
   * kafka-clients, 3      93  21  39  30  10  18       21   8  19  20  39  36
   * </pre>
   *
   * <p>With 3 partitions Plume now fails about as many records as kafka-clients or fewer, and a run
   * may end with none out of retries, so only the 1-partition run asserts that the bursts exhausted
   * some retries: a partition's retried batches go one at a time, as its oldest incomplete batch,
   * so a random factor has nothing to spread there and its figures stay in the same range. The
   * other runs check order, duplicates and lost acknowledgements only.
   */
  @ParameterizedTest(name = "Plume, {0} partition(s), adaptive batching {1}")
  @CsvSource({"1, false", "3, false", "3, true"})
  void lostAnswersOutOfRetriesNeverWriteARecordTwice(int partitions, boolean adaptive)
      throws Exception {
    Map<String, Object> settings = new HashMap<>(retriesTwo());
    settings.put("plume.batching.adaptive", Boolean.toString(adaptive));
    Run run =
        lostAnswers(
            "lost-answers-plume-" + partitions + (adaptive ? "-adaptive" : ""),
            partitions,
            plume(settings));
    if (partitions == 1) {
      // With 3 partitions, whether the bursts exhaust a batch's retries varies from run to run
      // (see above), so those runs check order and duplicates only.
      assertThat(run.outcomes.failed.cardinality())
          .as("the bursts must make some batches run out of retries")
          .isPositive();
    }
  }

  /**
   * The same bursts with kafka-clients, for its figures beside Plume's. Only the harness and the
   * one-outcome-per-record rule are asserted: whether the rival keeps order when batches run out of
   * retries is printed, not asserted (it wrote one record out of order in a loaded run of
   * 2026-12-03), so that this test fails for Plume's harness and never for the rival's behaviour.
   */
  @Test
  void lostAnswersOutOfRetriesWithKafkaClientsAsAReference() throws Exception {
    lostAnswers("lost-answers-kafka-clients", 3, kafkaClients(retriesTwo()), false);
  }

  private Run lostAnswers(String topic, int partitions, Client client) throws Exception {
    return lostAnswers(topic, partitions, client, true);
  }

  private Run lostAnswers(String topic, int partitions, Client client, boolean strict)
      throws Exception {
    long lostBefore = proxy.lostResponses();
    List<Step> schedule = new ArrayList<>();
    // Every 0.75 s after the first second, a burst of three lost answers.
    for (long atMs = 1_000; atMs < 5_500; atMs += 750) {
      schedule.add(new Step(atMs, () -> proxy.loseResponses(PRODUCE, 3)));
    }
    Run run = run(topic, partitions, client, 12_000, 2_000, schedule);
    assertThat(proxy.lostResponses() - lostBefore)
        .as("responses lost")
        .isGreaterThanOrEqualTo((schedule.size() - 1) * 3L);
    if (strict) {
      run.assertNothingDuplicatedReorderedOrLost();
    } else {
      run.check(false);
    }
    return run;
  }

  /**
   * With Kafka's defaults at 3,000 records/s: latency, a bandwidth cap, a stall, a reset of every
   * connection, refused connections, answers cut mid-frame and answers lost after the write, each
   * shorter than delivery.timeout.ms. Every record is acknowledged, once, in order.
   */
  @Test
  void aScheduleOfShortFaultsLosesDuplicatesAndFailsNothing() throws Exception {
    long acceptedBefore = proxy.connectionsAccepted();
    Run run = shortFaults("short-faults-plume", plume(Map.of()));
    run.assertNothingDuplicatedReorderedOrLost();
    assertThat(run.outcomes.failed.cardinality()).as("records failed").isZero();
    assertThat(proxy.connectionsAccepted() - acceptedBefore)
        .as("connections replaced after resets")
        .isGreaterThan(3);
  }

  /**
   * kafka-clients 4.1 under the same schedule, off by default ({@code
   * -Dplume.faults.compare=true}): it writes nothing twice either, but in our runs a partition got
   * stuck answering OUT_OF_ORDER_SEQUENCE_NUMBER after the faults until delivery.timeout.ms (120 s)
   * failed its last records (39 of 45,000), which makes this run two minutes long.
   */
  @Test
  @EnabledIfSystemProperty(named = "plume.faults.compare", matches = "true")
  void aScheduleOfShortFaultsWithKafkaClientsAsAReference() throws Exception {
    shortFaults("short-faults-kafka-clients", kafkaClients(Map.of()))
        .assertNothingDuplicatedReorderedOrLost();
  }

  private Run shortFaults(String topic, Client client) throws Exception {
    return run(
        topic,
        3,
        client,
        45_000,
        3_000,
        List.of(
            new Step(
                1_000,
                () ->
                    proxy
                        .latency(Direction.TO_BROKER, Duration.ofMillis(150))
                        .latency(Direction.TO_CLIENT, Duration.ofMillis(150))),
            new Step(3_000, () -> proxy.clear().bandwidth(100_000)),
            new Step(5_000, () -> proxy.clear().stall(true)),
            new Step(8_000, () -> proxy.clear().resetAll()),
            new Step(9_000, () -> proxy.refuseConnections(true).resetAll()),
            new Step(10_000, () -> proxy.clear().cutResponses(2)),
            new Step(12_000, () -> proxy.loseResponses(PRODUCE, 3)),
            new Step(14_000, proxy::clear)));
  }

  /**
   * A stall longer than request.timeout.ms (3 s here), then half a second of answers that vanish:
   * the requests time out, the client replaces the connection, and retries are recognised as
   * duplicates where the broker had them. Nothing fails.
   */
  @Test
  void aStallLongerThanTheRequestTimeoutReplacesTheConnection() throws Exception {
    long acceptedBefore = proxy.connectionsAccepted();
    Run run = longStall("long-stall-plume", plume(shortRequestTimeout()));
    run.assertNothingDuplicatedReorderedOrLost();
    assertThat(run.outcomes.failed.cardinality()).as("records failed").isZero();
    assertThat(proxy.connectionsAccepted() - acceptedBefore)
        .as("connections replaced after the request timeouts")
        .isGreaterThan(1);
  }

  /**
   * kafka-clients 4.1 under the same stall, off by default ({@code -Dplume.faults.compare=true}):
   * in one of our two runs a partition was stuck on OUT_OF_ORDER_SEQUENCE_NUMBER until
   * delivery.timeout.ms failed 27 records (none written twice).
   */
  @Test
  @EnabledIfSystemProperty(named = "plume.faults.compare", matches = "true")
  void aStallLongerThanTheRequestTimeoutWithKafkaClientsAsAReference() throws Exception {
    longStall("long-stall-kafka-clients", kafkaClients(shortRequestTimeout()))
        .assertNothingDuplicatedReorderedOrLost();
  }

  private static Map<String, Object> shortRequestTimeout() {
    return Map.of("request.timeout.ms", "3000");
  }

  private Run longStall(String topic, Client client) throws Exception {
    return run(
        topic,
        3,
        client,
        24_000,
        3_000,
        List.of(
            new Step(2_000, () -> proxy.stall(true)),
            new Step(6_000, () -> proxy.stall(false)),
            new Step(6_500, () -> proxy.halfOpen(Direction.TO_CLIENT, true)),
            new Step(7_000, () -> proxy.halfOpen(Direction.TO_CLIENT, false))));
  }

  // ---------------------------------------------------------------- clients

  /** One send: the record with sequence number {@code seq} for {@code partition}. */
  private interface Client extends AutoCloseable {
    void send(String topic, int partition, long seq, Outcomes outcomes);

    @Override
    void close();
  }

  private static Map<String, Object> retriesTwo() {
    return Map.of("retries", "2");
  }

  private static Map<String, Object> settings(Map<String, Object> extra) {
    Map<String, Object> all = new HashMap<>(extra);
    all.put("bootstrap.servers", proxy.bootstrapServers());
    return all;
  }

  private static Client plume(Map<String, Object> extra) {
    PlumeProducer<byte[], byte[]> producer =
        new PlumeProducer<>(settings(extra), new ByteArraySerializer(), new ByteArraySerializer());
    return new Client() {
      @Override
      public void send(String topic, int partition, long seq, Outcomes outcomes) {
        producer.send(
            new ProducerRecord<>(topic, partition, null, value(seq)),
            (md, e) -> outcomes.complete(seq, e == null));
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static Client kafkaClients(Map<String, Object> extra) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings(extra),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    return new Client() {
      @Override
      public void send(String topic, int partition, long seq, Outcomes outcomes) {
        producer.send(
            new org.apache.kafka.clients.producer.ProducerRecord<>(
                topic, partition, null, value(seq)),
            (md, e) -> outcomes.complete(seq, e == null));
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static byte[] value(long seq) {
    return ByteBuffer.allocate(100).putLong(seq).array();
  }

  // ---------------------------------------------------------------- run and audit

  /** What each record's callback said; a record completing twice is counted as a bug. */
  private static final class Outcomes {
    final BitSet acked = new BitSet();
    final BitSet failed = new BitSet();
    long completedTwice;

    synchronized void complete(long seq, boolean ok) {
      int i = (int) seq;
      if (acked.get(i) || failed.get(i)) {
        completedTwice++;
      }
      (ok ? acked : failed).set(i);
    }
  }

  /** One run's outcomes and what the official consumer read back. */
  private static final class Run {
    final String topic;
    final int records;
    final Outcomes outcomes;
    final long sendMs;
    final Map<Long, Integer> timesRead = new HashMap<>();
    long reordered;

    Run(String topic, int records, Outcomes outcomes, long sendMs) {
      this.topic = topic;
      this.records = records;
      this.outcomes = outcomes;
      this.sendMs = sendMs;
    }

    void read() {
      Map<Integer, Long> lastSeqByPartition = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r :
          Records.readAll(cluster.bootstrapServers(), topic, Duration.ofSeconds(60))) {
        long seq = ByteBuffer.wrap(r.value()).getLong();
        timesRead.merge(seq, 1, Integer::sum);
        Long last = lastSeqByPartition.put(r.partition(), seq);
        if (last != null && last > seq) {
          reordered++;
        }
      }
    }

    void assertNothingDuplicatedReorderedOrLost() {
      check(true);
    }

    /** Prints the run's figures; asserts the rival-independent rules, and with strict all. */
    void check(boolean strict) {
      long duplicated = timesRead.values().stream().filter(n -> n > 1).count();
      long ackedMissing =
          outcomes.acked.stream().filter(s -> !timesRead.containsKey((long) s)).count();
      long failedWritten =
          outcomes.failed.stream().filter(s -> timesRead.containsKey((long) s)).count();
      System.out.printf(
          "NetworkFaultsIT %s: %d records in %d ms; acked=%d failed=%d (of which in the log: %d)"
              + " duplicated=%d reordered=%d acked-but-missing=%d%n",
          topic,
          records,
          sendMs,
          outcomes.acked.cardinality(),
          outcomes.failed.cardinality(),
          failedWritten,
          duplicated,
          reordered,
          ackedMissing);
      assertEveryRecordHasOneOutcome();
      if (!strict) {
        return;
      }
      assertThat(duplicated).as("records written twice").isZero();
      assertThat(reordered).as("records out of order").isZero();
      assertThat(ackedMissing).as("acknowledged records missing").isZero();
    }

    private void assertEveryRecordHasOneOutcome() {
      assertThat(outcomes.completedTwice).as("records completed twice").isZero();
      assertThat(outcomes.acked.cardinality() + outcomes.failed.cardinality())
          .as("records with an outcome")
          .isEqualTo(records);
    }
  }

  /** A fault action at a time after the start of sending. */
  private record Step(long atMs, Runnable action) {}

  /**
   * Sends {@code records} records at {@code ratePerSec} (open loop), partition {@code seq %
   * partitions}, while a timer thread carries out the fault {@code schedule} (not the sending
   * thread: a client may block in send during a fault), then closes the client (which waits for
   * every outcome) and reads the topic back.
   */
  private static Run run(
      String topic, int partitions, Client client, int records, int ratePerSec, List<Step> schedule)
      throws Exception {
    Records.createTopic(cluster.bootstrapServers(), topic, partitions, (short) 1);
    Outcomes outcomes = new Outcomes();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    long startNs = System.nanoTime();
    for (Step step : schedule) {
      timer.schedule(step.action(), step.atMs(), TimeUnit.MILLISECONDS);
    }
    try {
      long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerSec;
      for (long seq = 0; seq < records; seq++) {
        long dueNs = startNs + seq * intervalNs;
        long now;
        while ((now = System.nanoTime()) < dueNs) {
          LockSupport.parkNanos(dueNs - now);
        }
        client.send(topic, (int) (seq % partitions), seq, outcomes);
      }
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
      proxy.clear(); // nothing left that would keep close() from finishing
      client.close(); // waits for every outcome
    }
    Run run = new Run(topic, records, outcomes, (System.nanoTime() - startNs) / 1_000_000);
    run.read();
    return run;
  }
}
