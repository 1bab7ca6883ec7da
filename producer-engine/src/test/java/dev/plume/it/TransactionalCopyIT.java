package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.serialization.StringSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Read-process-write (Kafka's TransactionsTest, scaled to one copier): 100,000 records copied from
 * one single-partition topic to another in 750-record transactions, the official consumer reading
 * and our producer writing, with the consumer's offsets committed inside each transaction. Once
 * without faults and once with the copier "killed" three times mid-transaction (abandoned without
 * commit or close, then replaced by a new instance with the same transactional.id).
 */
class TransactionalCopyIT {

  /** Leaves the shared broker at the default (latest) transaction protocol for later tests. */
  @org.junit.jupiter.api.AfterAll
  static void restoreTransactionVersion() {
    TransactionsIT.useTransactionVersion(TestBrokers.bootstrapServers(), 2);
  }

  private static final int RECORDS = 100_000;
  private static final int PER_TRANSACTION = 750;

  @ParameterizedTest(name = "transaction.version={0}, kills={1}")
  @CsvSource({"2, 0", "2, 3", "1, 3"})
  void copiesEveryRecordExactlyOnceInOrder(int transactionVersion, int kills) throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    TransactionsIT.useTransactionVersion(bootstrap, transactionVersion);
    String suffix = "-tv" + transactionVersion + "-k" + kills;
    String input = "copy-in" + suffix;
    String output = "copy-out" + suffix;
    Records.createTopic(bootstrap, input, 1, (short) 1);
    Records.createTopic(bootstrap, output, 1, (short) 1);
    seed(bootstrap, input);

    String transactionalId = "copier" + suffix;
    String group = "copier-group" + suffix;
    // Kill points: after this many committed transactions, in the middle of the next one.
    int transactions = (RECORDS + PER_TRANSACTION - 1) / PER_TRANSACTION;
    List<Integer> killAfter = new ArrayList<>();
    for (int k = 1; k <= kills; k++) {
      killAfter.add(transactions * k / (kills + 2));
    }
    int instances = 0;
    long copied = 0;
    int committedTransactions = 0;
    while (true) {
      instances++;
      Integer killAt = killAfter.isEmpty() ? null : killAfter.remove(0);
      CopierResult result =
          runCopier(
              bootstrap, input, output, transactionalId, group, committedTransactions, killAt);
      committedTransactions = result.committedTransactions;
      copied += result.recordsCommitted;
      if (!result.killed) {
        break;
      }
    }

    List<ConsumerRecord<byte[], byte[]>> out =
        Records.readAll(bootstrap, output, Duration.ofSeconds(60));
    List<String> values = new ArrayList<>(out.size());
    for (ConsumerRecord<byte[], byte[]> r : out) {
      values.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    Set<String> distinct = new HashSet<>(values);
    int duplicates = values.size() - distinct.size();
    int missing = 0;
    for (int i = 0; i < RECORDS; i++) {
      if (!distinct.contains(Integer.toString(i))) {
        missing++;
      }
    }
    System.out.printf(
        "TRANSACTIONAL COPY tv=%d kills=%d instances=%d: in=%d out=%d duplicates=%d missing=%d"
            + " committedByCopiers=%d%n",
        transactionVersion, kills, instances, RECORDS, values.size(), duplicates, missing, copied);
    assertThat(duplicates).isZero();
    assertThat(missing).isZero();
    assertThat(values).hasSize(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      if (!values.get(i).equals(Integer.toString(i))) {
        throw new AssertionError("output out of order at " + i + ": " + values.get(i));
      }
    }
    assertThat(instances).isEqualTo(kills + 1);
  }

  private static void seed(String bootstrap, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("linger.ms", 5);
    try (PlumeProducer<String, String> producer =
        new PlumeProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, Integer.toString(i)));
      }
      producer.flush();
    }
  }

  private record CopierResult(boolean killed, int committedTransactions, long recordsCommitted) {}

  /**
   * One copier instance: copies until the input is exhausted, or until {@code killAt} transactions
   * have been committed, then abandons the next transaction halfway (records sent and flushed, no
   * commit), closing producer and consumer with a zero timeout.
   */
  private static CopierResult runCopier(
      String bootstrap,
      String input,
      String output,
      String transactionalId,
      String group,
      int committedBefore,
      Integer killAt) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(PER_TRANSACTION));
    // A killed copier's consumer never leaves the group: let the broker drop it quickly.
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    PlumeProducer<String, String> producer =
        TransactionsIT.transactionalProducer(bootstrap, transactionalId);
    int committed = committedBefore;
    long records = 0;
    try {
      producer.initTransactions(); // fences a killed predecessor and aborts its transaction
      org.apache.kafka.common.TopicPartition tp =
          new org.apache.kafka.common.TopicPartition(input, 0);
      consumer.subscribe(List.of(input));
      int idlePolls = 0;
      while (true) {
        ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          Long end = consumer.endOffsets(List.of(tp)).get(tp);
          if (!consumer.assignment().isEmpty() && consumer.position(tp) >= end) {
            return new CopierResult(false, committed, records);
          }
          if (++idlePolls > 120) {
            throw new AssertionError("copier made no progress for 60 s");
          }
          continue;
        }
        idlePolls = 0;
        boolean kill = killAt != null && committed == killAt;
        producer.beginTransaction();
        int sent = 0;
        long nextOffset = -1;
        for (ConsumerRecord<String, String> r : batch) {
          producer.send(new ProducerRecord<>(output, 0, null, r.value()));
          nextOffset = r.offset() + 1;
          if (kill && ++sent == batch.count() / 2) {
            producer.flush(); // half the transaction is in the log, uncommitted
            return new CopierResult(true, committed, records);
          }
        }
        org.apache.kafka.clients.consumer.ConsumerGroupMetadata gm = consumer.groupMetadata();
        producer.sendOffsetsToTransaction(
            Map.of(new TopicPartition(input, 0), new OffsetAndMetadata(nextOffset)),
            new ConsumerGroupMetadata(
                gm.groupId(), gm.generationId(), gm.memberId(), gm.groupInstanceId().orElse(null)));
        producer.commitTransaction();
        committed++;
        records += batch.count();
      }
    } finally {
      // A kill: nothing is committed or aborted, the transaction stays open on the broker.
      producer.close(Duration.ZERO);
      consumer.close(Duration.ZERO);
    }
  }
}
