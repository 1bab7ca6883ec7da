package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.PlumeTransactionAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.transaction.PlumeTransactionManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Transactions of the starter on the real engine and a real broker, checked with the official
 * consumer: {@code read_committed} must see exactly the committed records, {@code read_uncommitted}
 * proves the aborted ones were really written.
 */
@WithKafkaCluster
class PlumeTransactionsEndToEndTest {

  private ApplicationContextRunner runner(String bootstrapServers) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeTransactionAutoConfiguration.class,
                TransactionAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.bootstrap-servers=" + bootstrapServers,
            "plume.producer.transaction-id-prefix=e2e-" + UUID.randomUUID() + "-",
            "plume.producer.linger=0");
  }

  @Test
  void eightThreadsRunTwoHundredTransactionsEachThroughOneTemplate(
      @BootstrapServers String bootstrapServers) {
    String topic = "tx-concurrent-" + UUID.randomUUID();
    int threads = 8;
    int transactionsPerThread = 200;
    runner(bootstrapServers)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ProducerTemplate<String, String> template = template(context);
              ExecutorService pool = Executors.newFixedThreadPool(threads);
              List<Future<List<String>>> committedPerThread = new ArrayList<>();
              Set<String> aborted = ConcurrentHashMap.newKeySet();
              for (int t = 0; t < threads; t++) {
                int thread = t;
                committedPerThread.add(
                    pool.submit(
                        () -> {
                          List<String> committed = new ArrayList<>();
                          for (int i = 0; i < transactionsPerThread; i++) {
                            int records = 2 + (i % 2);
                            List<String> values = new ArrayList<>();
                            for (int r = 0; r < records; r++) {
                              values.add(thread + "-" + i + "-" + r);
                            }
                            boolean abort = i % 7 == 3; // about one in seven, on purpose
                            try {
                              template.executeInTransaction(
                                  tx -> {
                                    for (String value : values) {
                                      tx.send(topic, "k" + thread, value);
                                    }
                                    if (abort) {
                                      // Written before the abort (an abort drops records not
                                      // sent yet), so read_uncommitted proves they were there.
                                      tx.flush();
                                      throw new IllegalStateException("abort on purpose");
                                    }
                                    return null;
                                  });
                              committed.addAll(values);
                            } catch (IllegalStateException e) {
                              assertThat(abort).as("unexpected failure %s", e).isTrue();
                              aborted.addAll(values);
                            }
                          }
                          return committed;
                        }));
              }
              List<String> committed = new ArrayList<>();
              for (Future<List<String>> f : committedPerThread) {
                committed.addAll(f.get(5, TimeUnit.MINUTES));
              }
              pool.shutdown();
              // Concurrent transactions ran on distinct producers; the pool grew only as needed.
              assertThat(template.transactionalPool().size()).isBetween(2, threads);
              assertThat(aborted).isNotEmpty();

              List<String> readCommitted = readAll(bootstrapServers, topic, "read_committed");
              assertThat(readCommitted).hasSameSizeAs(committed);
              assertThat(new HashSet<>(readCommitted)).isEqualTo(new HashSet<>(committed));
              assertThat(readCommitted).doesNotContainAnyElementsOf(aborted);
              List<String> readUncommitted = readAll(bootstrapServers, topic, "read_uncommitted");
              assertThat(readUncommitted).containsAll(aborted);
              assertThat(readUncommitted).hasSize(committed.size() + aborted.size());
            });
  }

  @Test
  void aNonTransactionalSendDuringATransactionOnAnotherThreadIsNotPartOfIt(
      @BootstrapServers String bootstrapServers) {
    String topic = "tx-outside-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues("plume.producer.template.allow-non-transactional=true")
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              assertThatThrownBy(
                      () ->
                          template.executeInTransaction(
                              tx -> {
                                tx.send(topic, "in-aborted-transaction").join();
                                ExecutorService other = Executors.newSingleThreadExecutor();
                                try {
                                  // Acknowledged while the transaction is still open.
                                  other
                                      .submit(() -> template.send(topic, "outside").join())
                                      .get(30, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                  throw new IllegalArgumentException(e);
                                } finally {
                                  other.shutdown();
                                }
                                throw new IllegalStateException("abort on purpose");
                              }))
                  .hasMessage("abort on purpose");
              assertThat(readAll(bootstrapServers, topic, "read_committed"))
                  .containsExactly("outside");
              assertThat(readAll(bootstrapServers, topic, "read_uncommitted"))
                  .containsExactlyInAnyOrder("outside", "in-aborted-transaction");
            });
  }

  @Test
  void transactionalMethodsRunInKafkaTransactionsOfThePlumeTransactionManager(
      @BootstrapServers String bootstrapServers) {
    String topic = "tx-annotated-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withPropertyValues("plume.producer.template.default-topic=" + topic)
        .withBean(OrderService.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PlatformTransactionManager.class))
                  .isInstanceOf(PlumeTransactionManager.class);
              OrderService service = context.getBean(OrderService.class);
              service.place("committed", false, false);
              assertThatThrownBy(() -> service.place("thrown", true, false)).hasMessage("rejected");
              service.place("rollback-only", false, true);
              assertThat(service.template().inTransaction()).isFalse();
              assertThat(readAll(bootstrapServers, topic, "read_committed"))
                  .containsExactly("committed");
              assertThat(readAll(bootstrapServers, topic, "read_uncommitted"))
                  .containsExactlyInAnyOrder("committed", "thrown", "rollback-only");
            });
  }

  @Test
  void sendsInDataSourceTransactionsCommitAfterTheDatabaseAndAbortWithIt(
      @BootstrapServers String bootstrapServers) {
    String topic = "tx-jdbc-" + UUID.randomUUID();
    runner(bootstrapServers)
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.template.default-topic=" + topic,
            "spring.datasource.generate-unique-name=true")
        .withBean(OrderService.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              // Boot's JDBC transaction manager drives; the Plume one backed off.
              assertThat(context).doesNotHaveBean(PlumeTransactionManager.class);
              assertThat(context.getBean(PlatformTransactionManager.class))
                  .isInstanceOf(DataSourceTransactionManager.class);
              JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
              jdbc.execute("create table orders (id varchar(64) primary key)");
              OrderService service = context.getBean(OrderService.class);

              service.place("committed", false, false);
              assertThatThrownBy(() -> service.place("thrown", true, false)).hasMessage("rejected");
              service.place("rollback-only", false, true);

              assertThat(jdbc.queryForList("select id from orders", String.class))
                  .containsExactly("committed");
              assertThat(readAll(bootstrapServers, topic, "read_committed"))
                  .containsExactly("committed");
              assertThat(readAll(bootstrapServers, topic, "read_uncommitted"))
                  .containsExactlyInAnyOrder("committed", "thrown", "rollback-only");
              // Every Kafka transaction ended and returned its producer.
              assertThat(service.template().transactionalPool().idleCount())
                  .isEqualTo(service.template().transactionalPool().size());
            });
  }

  /** An application service: a database row (when there is a database) and a record. */
  public static class OrderService {

    private final ProducerTemplate<String, String> template;
    private final ApplicationContext context;

    @SuppressWarnings("unchecked")
    public OrderService(ApplicationContext context) {
      this.context = context;
      this.template = (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
    }

    public ProducerTemplate<String, String> template() {
      return template;
    }

    @Transactional
    public void place(String id, boolean fail, boolean rollbackOnly) {
      context
          .getBeanProvider(JdbcTemplate.class)
          .ifAvailable(jdbc -> jdbc.update("insert into orders (id) values (?)", id));
      // Acknowledged, i.e. written to the log, before the transaction ends either way.
      template.sendDefault(id).join();
      if (fail) {
        throw new IllegalStateException("rejected");
      }
      if (rollbackOnly) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(ApplicationContext context) {
    return (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
  }

  /** Every record of {@code topic} up to its end (the last stable offset for read_committed). */
  private static List<String> readAll(String bootstrapServers, String topic, String isolation) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "isolation.level", isolation,
            "enable.auto.commit", "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      assertThat(reachedEnd(consumer, end)).as("read %s to its end", topic).isTrue();
    }
    return values;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
