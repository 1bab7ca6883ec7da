package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plume.broker.SharedKafka;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One contract, two clients: every assertion here runs against kafka-clients' {@link KafkaProducer}
 * and against {@link PlumeKafkaProducer} on the same real broker, through the kafka-clients API
 * only. The official consumer reads back what was written.
 */
class ProducerContractIT {

  public enum Client {
    KAFKA_CLIENTS,
    PLUME;

    <K, V> Producer<K, V> create(Map<String, Object> configs) {
      return this == PLUME ? new PlumeKafkaProducer<>(configs) : new KafkaProducer<>(configs);
    }

    <K, V> Producer<K, V> create(Properties properties) {
      return this == PLUME ? new PlumeKafkaProducer<>(properties) : new KafkaProducer<>(properties);
    }
  }

  private static String bootstrap;
  private static Admin admin;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @BeforeAll
  static void broker() {
    bootstrap = SharedKafka.singleNode().bootstrapServers();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  @AfterAll
  static void closeAdmin() {
    admin.close();
  }

  private static String topic(Client client, String what, int partitions) throws Exception {
    String name = "contract-" + what + "-" + client.name().toLowerCase() + "-" + SEQUENCE.get();
    SEQUENCE.incrementAndGet();
    admin
        .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    awaitLeaders(name, partitions);
    return name;
  }

  /**
   * The test starts only once every partition of a new topic is served by its leader. The metadata
   * names a leader before that broker has taken the partition on: kafka-clients 4.1.2 (the
   * reference) then got NOT_LEADER_OR_FOLLOWER for its first batch and answered
   * OUT_OF_ORDER_SEQUENCE_NUMBER for every later one until delivery.timeout.ms, failing the
   * reference run in the full test command twice. A ListOffsets answered by every leader (the admin
   * client retries until it is) shows the partitions are served.
   */
  private static void awaitLeaders(String topic, int partitions) throws Exception {
    long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      TopicDescription d = describeOrNull(topic);
      if (d != null
          && d.partitions().size() == partitions
          && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        return;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new AssertionError("topic " + topic + " has partitions without a leader: " + d);
      }
      Thread.sleep(50); // polling the broker, not timing the code under test
    }
  }

  /**
   * The broker answers {@code UNKNOWN_TOPIC_OR_PARTITION} until the created topic reaches its
   * metadata cache, even after {@code createTopics} has completed; that is "not yet", not a
   * failure.
   */
  private static TopicDescription describeOrNull(String topic) throws Exception {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  private static Map<String, Object> config(Client client) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        "contract-" + client.name().toLowerCase() + "-" + UUID.randomUUID());
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
    return c;
  }

  private static List<ConsumerRecord<String, String>> readAll(
      String topic, int expected, boolean readCommitted) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // One more short poll: anything beyond the expected count would show up here.
      consumer.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }

  private static Throwable failureOf(Future<RecordMetadata> future) throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
      throw new AssertionError("the send should have failed");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  // ----------------------------------------------------------------------------- partitioning

  @ParameterizedTest
  @EnumSource(Client.class)
  void keyedRecordsGoToTheMurmur2PartitionOfTheirKey(Client client) throws Exception {
    String topic = topic(client, "keyed", 6);
    try (Producer<String, String> producer = client.create(config(client))) {
      List<Future<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        futures.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "v" + i)));
      }
      for (int i = 0; i < 60; i++) {
        byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
        RecordMetadata m = futures.get(i).get(30, TimeUnit.SECONDS);
        assertThat(m.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 6);
        assertThat(m.topic()).isEqualTo(topic);
        assertThat(m.hasOffset()).isTrue();
        assertThat(m.serializedKeySize()).isEqualTo(key.length);
      }
    }
    List<ConsumerRecord<String, String>> read = readAll(topic, 60, false);
    assertThat(read).hasSize(60);
    for (ConsumerRecord<String, String> r : read) {
      byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
      assertThat(r.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 6);
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aCustomPartitionerSeesTheClusterAndIsConfiguredAndClosed(Client client) throws Exception {
    String topic = topic(client, "partitioner", 3);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, LastPartitionPartitioner.class.getName());
    LastPartitionPartitioner.reset();
    try (Producer<String, String> producer = client.create(c)) {
      for (int i = 0; i < 5; i++) {
        assertThat(producer.send(new ProducerRecord<>(topic, "k" + i, "v")).get().partition())
            .isEqualTo(2);
      }
      assertThat(LastPartitionPartitioner.configuredClientId).isEqualTo(c.get("client.id"));
      assertThat(LastPartitionPartitioner.leadersSeen).allMatch(leader -> leader >= 0);
      // Each send waits for its acknowledgement, so each record opens a new batch. kafka-clients
      // 3.x then calls onNewBatch and asks the partitioner again; 4.x has no onNewBatch.
      boolean hasOnNewBatch =
          Stream.of(org.apache.kafka.clients.producer.Partitioner.class.getMethods())
              .anyMatch(m -> m.getName().equals("onNewBatch"));
      assertThat(LastPartitionPartitioner.newBatchCalls).hasSize(hasOnNewBatch ? 5 : 0);
      assertThat(LastPartitionPartitioner.leadersSeen).hasSize(hasOnNewBatch ? 10 : 5);
    }
    assertThat(LastPartitionPartitioner.closed).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void partitionsForListsEveryPartitionWithItsLeader(Client client) throws Exception {
    String topic = topic(client, "partitions-for", 4);
    try (Producer<String, String> producer = client.create(config(client))) {
      List<PartitionInfo> partitions = producer.partitionsFor(topic);
      assertThat(partitions)
          .extracting(PartitionInfo::partition)
          .containsExactlyInAnyOrder(0, 1, 2, 3);
      assertThat(partitions).allMatch(p -> p.leader() != null && p.leader().port() > 0);
      assertThat(partitions).allMatch(p -> p.replicas().length == 1);
    }
  }

  // -------------------------------------------------------------- serializers, interceptors

  @ParameterizedTest
  @EnumSource(Client.class)
  void headersAddedByTheSerializerAndInterceptorReachTheConsumer(Client client) throws Exception {
    String topic = topic(client, "headers", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, HeaderWritingSerializer.class.getName());
    c.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, List.of(CountingInterceptor.class));
    CountingInterceptor.reset();
    HeaderWritingSerializer.reset();
    try (Producer<String, String> producer = client.create(c)) {
      producer.close(Duration.ofSeconds(30));
      assertThat(CountingInterceptor.closedCount.get()).isEqualTo(1);
      // (A second close: KafkaProducer closes the interceptors again, PlumeKafkaProducer not.)
    }
    CountingInterceptor.reset();
    try (Producer<String, String> producer = client.create(c)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "value-" + i));
      }
      producer.flush();
      assertThat(CountingInterceptor.acknowledged.get()).isEqualTo(10);
      assertThat(CountingInterceptor.failed.get()).isZero();
      if (KafkaInterceptors.ACK_WITH_HEADERS) { // kafka-clients 4.1+
        assertThat(CountingInterceptor.withoutHeaders.get()).isZero();
      }
      assertThat(CountingInterceptor.offsets).hasSize(10).allMatch(o -> o >= 0);
      // The cluster id reached the serializer (a ClusterResourceListener) once metadata came.
      String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
      assertThat(HeaderWritingSerializer.clusterId).isEqualTo(clusterId);
    }
    assertThat(CountingInterceptor.closedCount.get()).isEqualTo(1);
    List<ConsumerRecord<String, String>> read = readAll(topic, 10, false);
    assertThat(read).hasSize(10);
    for (ConsumerRecord<String, String> r : read) {
      Header type = r.headers().lastHeader("content-type");
      assertThat(type).isNotNull();
      assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo("text/plain");
      assertThat(r.headers().lastHeader("intercepted")).isNotNull();
      assertThat(r.value()).startsWith("VALUE-"); // the serializer upper-cases
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void serializerFailuresAreThrownFromSendAndSeenByInterceptors(Client client) throws Exception {
    String topic = topic(client, "bad-serializer", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, CountingInterceptor.class.getName());
    CountingInterceptor.reset();
    try (Producer<Object, Object> producer = client.create(c)) {
      // StringSerializer given an Integer: a ClassCastException, reported as
      // SerializationException.
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, 42, "v")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("key.serializer");
      assertThat(CountingInterceptor.failed.get()).isEqualTo(1);
    }
  }

  /** A value type for the third-party JSON serializer. */
  public record Order(String id, int quantity) {}

  @ParameterizedTest
  @EnumSource(Client.class)
  void springKafkasJacksonJsonSerializerRoundTripsThroughTheOfficialConsumer(Client client)
      throws Exception {
    String topic = topic(client, "json", 1);
    Map<String, Object> c = config(client);
    c.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        "org.springframework.kafka.support.serializer.JacksonJsonSerializer");
    try (Producer<String, Order> producer = client.create(c)) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "order-" + i, new Order("o-" + i, i * 10)));
      }
    }
    Map<String, Object> cc = new HashMap<>();
    cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cc.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    cc.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "org.springframework.kafka.support.serializer.JacksonJsonDeserializer");
    cc.put("spring.json.trusted.packages", "*");
    cc.put("spring.json.remove.type.headers", false); // keep them to check they were written
    List<ConsumerRecord<String, Object>> read = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(cc)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (read.size() < 5 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    assertThat(read).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(read.get(i).value()).isEqualTo(new Order("o-" + i, i * 10));
      assertThat(read.get(i).headers().lastHeader("__TypeId__")).isNotNull();
    }
  }

  // ------------------------------------------------------------------------------- failures

  @ParameterizedTest
  @EnumSource(Client.class)
  void aRecordOverMaxRequestSizeFailsTheFutureAndTheCallback(Client client) throws Exception {
    String topic = topic(client, "too-large", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000);
    try (Producer<String, String> producer = client.create(c)) {
      List<Exception> callbackErrors = new CopyOnWriteArrayList<>();
      Future<RecordMetadata> f =
          producer.send(
              new ProducerRecord<>(topic, "k", "x".repeat(2_000)),
              (m, e) -> {
                callbackErrors.add(e);
                assertThat(m).isNotNull();
              });
      assertThat(f.isDone()).isTrue();
      assertThat(failureOf(f)).isInstanceOf(RecordTooLargeException.class);
      assertThat(callbackErrors).singleElement().isInstanceOf(RecordTooLargeException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aRecordTheBrokerFindsTooLargeFailsWithRecordTooLargeException(Client client)
      throws Exception {
    String topic =
        "contract-broker-too-large-" + client.name().toLowerCase() + "-" + UUID.randomUUID();
    admin
        .createTopics(
            List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
        .all()
        .get(30, TimeUnit.SECONDS);
    try (Producer<String, String> producer = client.create(config(client))) {
      Future<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "k", "x".repeat(5_000)));
      assertThat(failureOf(f)).isInstanceOf(RecordTooLargeException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aPartitionTheTopicDoesNotHaveFailsWithTimeoutException(Client client) throws Exception {
    String topic = topic(client, "no-such-partition", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    try (Producer<String, String> producer = client.create(c)) {
      Future<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, 5, "k", "v"));
      assertThat(failureOf(f))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("Partition 5 of topic " + topic)
          .hasMessageContaining("not present in metadata");
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void anInvalidTopicNameFailsTheFutureWithInvalidTopicException(Client client) throws Exception {
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    try (Producer<String, String> producer = client.create(c)) {
      long start = System.nanoTime();
      Future<RecordMetadata> f = producer.send(new ProducerRecord<>("not a valid name!", "k", "v"));
      assertThat(failureOf(f)).isInstanceOf(InvalidTopicException.class);
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
    }
  }

  // ---------------------------------------------------------------------- flush and close

  @ParameterizedTest
  @EnumSource(Client.class)
  void flushSendsLingeringRecordsAndCloseWithTimeoutDeliversTheRest(Client client)
      throws Exception {
    String topic = topic(client, "flush-close", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
    Producer<String, String> producer = client.create(c);
    List<Future<RecordMetadata>> first = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      first.add(producer.send(new ProducerRecord<>(topic, "k", "v" + i)));
    }
    Thread.sleep(200);
    assertThat(first).noneMatch(Future::isDone); // lingering for a minute
    producer.flush();
    assertThat(first).allMatch(Future::isDone);
    List<Future<RecordMetadata>> second = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      second.add(producer.send(new ProducerRecord<>(topic, "k", "w" + i)));
    }
    producer.close(Duration.ofSeconds(30)); // a graceful close sends what lingers
    for (Future<RecordMetadata> f : second) {
      assertThat(f.get(1, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(5);
    }
    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> producer.close(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(readAll(topic, 10, false)).hasSize(10);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void closeWithZeroTimeoutFailsWhatIsStillQueued(Client client) throws Exception {
    String topic = topic(client, "close-now", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
    Producer<String, String> producer = client.create(c);
    producer.partitionsFor(topic);
    Future<RecordMetadata> f = producer.send(new ProducerRecord<>(topic, "k", "v"));
    producer.close(Duration.ZERO);
    assertThat(failureOf(f)).isInstanceOf(KafkaException.class).hasMessageContaining("closed");
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void clientInstanceIdIsRefusedWithTelemetryOff(Client client) {
    try (Producer<String, String> producer = client.create(config(client))) {
      assertThatThrownBy(() -> producer.clientInstanceId(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("enable.metrics.push");
    }
  }

  // --------------------------------------------------------------------------- transactions

  @ParameterizedTest
  @EnumSource(Client.class)
  void readProcessWriteCommitsOutputAndConsumerOffsetsAtomically(Client client) throws Exception {
    String input = topic(client, "txn-in", 1);
    String output = topic(client, "txn-out", 1);
    String group = "contract-group-" + client.name().toLowerCase() + "-" + UUID.randomUUID();
    try (Producer<String, String> seed = client.create(config(client))) {
      for (int i = 0; i < 10; i++) {
        seed.send(new ProducerRecord<>(input, "k" + i, "v" + i));
      }
    }
    Map<String, Object> pc = config(client);
    pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "contract-txn-" + UUID.randomUUID());
    Map<String, Object> cc = new HashMap<>();
    cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cc.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    cc.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (Producer<String, String> producer = client.create(pc);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cc)) {
      producer.initTransactions();
      consumer.subscribe(List.of(input));
      int processed = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (processed < 10 && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
          producer.send(new ProducerRecord<>(output, r.key(), r.value().toUpperCase()));
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          processed++;
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
      }
      assertThat(processed).isEqualTo(10);
      // An aborted transaction leaves nothing a read_committed consumer sees.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(output, "aborted", "ABORTED"));
      producer.flush();
      producer.abortTransaction();
    }
    List<ConsumerRecord<String, String>> read = readAll(output, 10, true);
    assertThat(read).hasSize(10);
    assertThat(read).extracting(ConsumerRecord::value).allMatch(v -> v.startsWith("V"));
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    assertThat(committed.get(new TopicPartition(input, 0)).offset()).isEqualTo(10);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aFencedProducerGetsProducerFencedException(Client client) throws Exception {
    String topic = topic(client, "fenced", 1);
    String transactionalId = "contract-fenced-" + UUID.randomUUID();
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (Producer<String, String> old = client.create(c)) {
      old.initTransactions();
      old.beginTransaction();
      old.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);
      Map<String, Object> c2 = config(client);
      c2.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      try (Producer<String, String> newer = client.create(c2)) {
        newer.initTransactions(); // bumps the epoch: the old producer is a zombie now
        Throwable t = catchThrowable(old::commitTransaction);
        assertThat(t).isInstanceOf(ProducerFencedException.class);
        // The zombie's sends fail from now on.
        Throwable after = failureOf(old.send(new ProducerRecord<>(topic, "k", "after")));
        assertThat(after).isInstanceOf(ProducerFencedException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aTransactionalProducerRefusesSendsOutsideATransaction(Client client) throws Exception {
    String topic = topic(client, "txn-refused", 1);
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "contract-refused-" + UUID.randomUUID());
    Producer<String, String> producer = client.create(c);
    try {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")))
          .isInstanceOf(IllegalStateException.class); // before initTransactions
      producer.initTransactions();
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")))
          .isInstanceOf(IllegalStateException.class); // no transaction begun
      assertThatThrownBy(producer::commitTransaction).isInstanceOf(IllegalStateException.class);
    } finally {
      // KafkaProducer queues the refused records anyway and could not flush them: do not wait.
      producer.close(Duration.ZERO);
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void transactionalMethodsOnAPlainProducerThrowIllegalStateException(Client client) {
    try (Producer<String, String> producer = client.create(config(client))) {
      assertThatThrownBy(producer::initTransactions).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(producer::beginTransaction).isInstanceOf(IllegalStateException.class);
    }
  }

  // ------------------------------------------------------------------------- configuration

  @ParameterizedTest
  @EnumSource(Client.class)
  void configProvidersResolvePlaceholdersFromAFile(Client client, @TempDir Path dir)
      throws Exception {
    String topic = topic(client, "providers", 1);
    Path secrets = dir.resolve("producer-secrets.properties");
    Files.writeString(
        secrets,
        "servers=" + bootstrap + "\nserializer=" + StringSerializer.class.getName() + "\n");
    Map<String, Object> c = config(client);
    c.put("config.providers", "file");
    c.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "${file:" + secrets + ":servers}");
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "${file:" + secrets + ":serializer}");
    try (Producer<String, String> producer = client.create(c)) {
      assertThat(
              producer
                  .send(new ProducerRecord<>(topic, "k", "v"))
                  .get(30, TimeUnit.SECONDS)
                  .offset())
          .isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aProducerPropertiesFileNamingKafkasClassesWorksAsItIs(Client client, @TempDir Path dir)
      throws Exception {
    String topic = topic(client, "properties-file", 3);
    Path file = dir.resolve("producer.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "bootstrap.servers=" + bootstrap,
            "key.serializer=org.apache.kafka.common.serialization.StringSerializer",
            "value.serializer=org.apache.kafka.common.serialization.StringSerializer",
            "acks=all",
            "compression.type=lz4",
            "linger.ms=10",
            "batch.size=32768",
            "partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner",
            "enable.metrics.push=false",
            ""));
    Properties properties = new Properties();
    try (var in = Files.newInputStream(file)) {
      properties.load(in);
    }
    try (Producer<String, String> producer = client.create(properties)) {
      Set<Integer> partitions = new TreeSet<>();
      for (int i = 0; i < 6; i++) {
        partitions.add(
            producer.send(new ProducerRecord<>(topic, "same-key", "v" + i)).get().partition());
      }
      assertThat(partitions).containsExactly(0, 1, 2); // round robin, whatever the key
    }
    assertThat(readAll(topic, 6, false)).hasSize(6);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void anInvalidSettingIsRefusedWithKafkasConfigException(Client client) {
    Map<String, Object> c = config(client);
    c.put(ProducerConfig.ACKS_CONFIG, "sometimes");
    assertThatThrownBy(() -> client.create(c))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessageContaining("acks");
  }

  // -------------------------------------------------------------------------------- metrics

  /** Meter names every client must offer (Micrometer's names for Kafka's metric names). */
  private static final List<String> REQUIRED_METERS =
      List.of(
          "kafka.producer.record.send.total",
          "kafka.producer.record.error.total",
          "kafka.producer.record.retry.total",
          "kafka.producer.request.latency.avg",
          "kafka.producer.request.latency.max",
          "kafka.producer.buffer.available.bytes",
          "kafka.producer.buffer.total.bytes",
          "kafka.producer.batch.size.avg",
          "kafka.producer.records.per.request.avg",
          "kafka.producer.record.queue.time.avg",
          "kafka.producer.requests.in.flight",
          "kafka.producer.connection.count",
          "kafka.producer.topic.record.send.total",
          "kafka.producer.topic.byte.total",
          "kafka.producer.node.request.latency.avg");

  @ParameterizedTest
  @EnumSource(Client.class)
  void metricsCarryKafkasNamesForKafkaClientMetricsAndJmx(Client client) throws Exception {
    String topic = topic(client, "metrics", 1);
    Map<String, Object> c = config(client);
    String clientId = (String) c.get(ProducerConfig.CLIENT_ID_CONFIG);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Producer<String, String> producer = client.create(c)) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(topic, "k", "v" + i));
      }
      producer.flush();
      producer.metrics(); // kafka-clients registers node and topic metrics while sending
      try (KafkaClientMetrics binder = new KafkaClientMetrics(producer)) {
        binder.bindTo(registry);
        Set<String> names =
            registry.getMeters().stream()
                .map(m -> m.getId().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).containsAll(REQUIRED_METERS);
        if (client == Client.KAFKA_CLIENTS) {
          KAFKA_METER_NAMES.addAll(names);
        } else {
          PLUME_METER_NAMES.addAll(names);
        }
        Meter sent =
            registry.getMeters().stream()
                .filter(m -> m.getId().getName().equals("kafka.producer.record.send.total"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.measure().iterator().next().getValue()).isEqualTo(20.0);
      }
      ObjectName mbean =
          new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
      Object fromJmx =
          ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "record-send-total");
      assertThat(fromJmx).isEqualTo(20.0);
    }
    if (!KAFKA_METER_NAMES.isEmpty() && !PLUME_METER_NAMES.isEmpty()) {
      assertThat(KAFKA_METER_NAMES)
          .as("Plume offers only meter names kafka-clients has too")
          .containsAll(PLUME_METER_NAMES);
    }
  }

  private static final Set<String> KAFKA_METER_NAMES = new TreeSet<>();
  private static final Set<String> PLUME_METER_NAMES = new TreeSet<>();
}
