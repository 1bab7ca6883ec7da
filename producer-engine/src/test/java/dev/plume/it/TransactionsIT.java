package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.serialization.StringSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transactions against the real broker, read back with the official consumer in read_committed
 * mode. Each test runs with the cluster's {@code transaction.version} set to 1 (classic protocol:
 * AddPartitionsToTxn, AddOffsetsToTxn) and to 2 (KIP-890: implicit adds, epoch bump per EndTxn).
 */
class TransactionsIT {

  /** Leaves the shared broker at the default (latest) transaction protocol for later tests. */
  @org.junit.jupiter.api.AfterAll
  static void restoreTransactionVersion() {
    TransactionsIT.useTransactionVersion(TestBrokers.bootstrapServers(), 2);
  }

  static void useTransactionVersion(String bootstrap, int level) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      short current =
          admin
              .describeFeatures()
              .featureMetadata()
              .get()
              .finalizedFeatures()
              .get("transaction.version")
              .maxVersionLevel();
      if (current != level) {
        admin
            .updateFeatures(
                Map.of(
                    "transaction.version",
                    new FeatureUpdate(
                        (short) level,
                        level < current
                            ? FeatureUpdate.UpgradeType.SAFE_DOWNGRADE
                            : FeatureUpdate.UpgradeType.UPGRADE)),
                new UpdateFeaturesOptions())
            .all()
            .get();
      }
      // The broker applies the change from its metadata log; wait until it reports it.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        var f =
            admin
                .describeFeatures()
                .featureMetadata()
                .get()
                .finalizedFeatures()
                .get("transaction.version");
        if (f != null && f.maxVersionLevel() == level) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("transaction.version did not become " + level);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Could not set transaction.version=" + level, e.getCause());
    }
  }

  static PlumeProducer<String, String> transactionalProducer(
      String bootstrap, String transactionalId) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("transactional.id", transactionalId);
    config.put("linger.ms", 5);
    config.put("max.block.ms", 30_000);
    config.put("transaction.timeout.ms", 40_000);
    return new PlumeProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> out = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @ParameterizedTest(name = "transaction.version={0}")
  @ValueSource(ints = {1, 2})
  void committedRecordsAppearOnceInOrderAndAbortedOnesNever(int transactionVersion)
      throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    useTransactionVersion(bootstrap, transactionVersion);
    String topic = "txn-commit-abort-tv" + transactionVersion;
    Records.createTopic(bootstrap, topic, 2, (short) 1);
    List<String> expected = new ArrayList<>();
    try (PlumeProducer<String, String> producer =
        transactionalProducer(bootstrap, "commit-abort-tv" + transactionVersion)) {
      producer.initTransactions();
      int n = 0;
      for (int txn = 0; txn < 6; txn++) {
        boolean commit = txn % 2 == 0;
        producer.beginTransaction();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++, n++) {
          String value = (commit ? "c-" : "a-") + n;
          futures.add(producer.send(new ProducerRecord<>(topic, 0, null, value)));
          if (commit) {
            expected.add(value);
          }
        }
        if (commit) {
          producer.commitTransaction();
          for (CompletableFuture<RecordMetadata> f : futures) {
            assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
          }
        } else {
          producer.flush(); // the aborted records really reach the log first
          producer.abortTransaction();
        }
      }
    }
    List<String> read = values(Records.readAll(bootstrap, topic, Duration.ofSeconds(30)));
    assertThat(read).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "transaction.version={0}")
  @ValueSource(ints = {1, 2})
  void secondProducerWithSameTransactionalIdFencesTheFirst(int transactionVersion)
      throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    useTransactionVersion(bootstrap, transactionVersion);
    String topic = "txn-fence-tv" + transactionVersion;
    Records.createTopic(bootstrap, topic, 1, (short) 1);
    String id = "fence-tv" + transactionVersion;
    try (PlumeProducer<String, String> first = transactionalProducer(bootstrap, id)) {
      first.initTransactions();
      first.beginTransaction();
      for (int i = 0; i < 50; i++) {
        first.send(new ProducerRecord<>(topic, "zombie-" + i));
      }
      first.flush();
      try (PlumeProducer<String, String> second = transactionalProducer(bootstrap, id)) {
        second.initTransactions(); // fences the first and aborts its open transaction
        assertThatThrownBy(first::commitTransaction)
            .isInstanceOf(ProducerFencedException.class)
            .hasMessageContaining("fatal");
        // Every later call fails with the fatal error; nothing more is written by the zombie.
        assertThatThrownBy(() -> first.send(new ProducerRecord<>(topic, "late")))
            .isInstanceOf(ProducerFencedException.class);
        assertThatThrownBy(first::beginTransaction).isInstanceOf(ProducerFencedException.class);
        assertThatThrownBy(first::abortTransaction).isInstanceOf(ProducerFencedException.class);
        second.beginTransaction();
        for (int i = 0; i < 50; i++) {
          second.send(new ProducerRecord<>(topic, "live-" + i));
        }
        second.commitTransaction();
      }
    }
    List<String> read = values(Records.readAll(bootstrap, topic, Duration.ofSeconds(30)));
    assertThat(read).hasSize(50).allMatch(v -> v.startsWith("live-"));
  }
}
