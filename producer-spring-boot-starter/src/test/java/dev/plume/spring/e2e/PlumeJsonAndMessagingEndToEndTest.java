package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.core.PlumeHeaders;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendFailedException;
import dev.plume.spring.core.SendResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.support.MessageBuilder;

/**
 * JSON values, {@code send(Message)}, the partition/timestamp send variants and the logging
 * listener against a real broker; records are read back with the official consumer.
 */
@WithKafkaCluster
@ExtendWith(OutputCaptureExtension.class)
class PlumeJsonAndMessagingEndToEndTest {

  /** Sent as JSON: no Serializer bean exists for it. */
  public record Order(String id, int quantity, List<String> items) {}

  private ApplicationContextRunner runner(String bootstrapServers) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                JacksonAutoConfiguration.class, PlumeProducerAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.bootstrap-servers=" + bootstrapServers, "plume.producer.linger=0");
  }

  @Test
  void jsonValuesAreReadBackWithAndWithoutTypeHeader(@BootstrapServers String bootstrapServers) {
    String topic = "e2e-json-" + UUID.randomUUID();
    Order order = new Order("o-1", 2, List.of("apple", "pear"));
    String expectedJson = "{\"id\":\"o-1\",\"quantity\":2,\"items\":[\"apple\",\"pear\"]}";
    runner(bootstrapServers)
        .withPropertyValues(
            "plume.producer.value-type=" + Order.class.getName(),
            "plume.producer.clients.typed.value-type=" + Order.class.getName(),
            "plume.producer.clients.typed.json.add-type-headers=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ProducerTemplate<String, Order> plain = template(context, "plumeProducerTemplate");
              ProducerTemplate<String, Order> typed = template(context, "typed");
              plain.send(topic, "plain", order).get(30, TimeUnit.SECONDS);
              typed.send(topic, "typed", order).get(30, TimeUnit.SECONDS);

              List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 2);
              ConsumerRecord<String, String> withoutHeader = byKey(read, "plain");
              assertThat(withoutHeader.value()).isEqualTo(expectedJson);
              assertThat(withoutHeader.headers().lastHeader("__TypeId__")).isNull();
              ConsumerRecord<String, String> withHeader = byKey(read, "typed");
              assertThat(withHeader.value()).isEqualTo(expectedJson);
              assertThat(text(withHeader.headers(), "__TypeId__")).isEqualTo(Order.class.getName());
            });
  }

  @Test
  void messagesAreAddressedByTheirHeadersAndCarryTheOthers(
      @BootstrapServers String bootstrapServers) throws Exception {
    String topic = "e2e-msg-" + UUID.randomUUID();
    createTopic(bootstrapServers, new NewTopic(topic, 3, (short) 1));
    long timestampMs = 1_700_000_000_000L;
    runner(bootstrapServers)
        .withPropertyValues("plume.producer.template.default-topic=" + topic)
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              template
                  .send(
                      MessageBuilder.withPayload("addressed")
                          .setHeader(PlumeHeaders.TOPIC, topic)
                          .setHeader(PlumeHeaders.KEY, "key-1")
                          .setHeader(PlumeHeaders.PARTITION, 2)
                          .setHeader(PlumeHeaders.TIMESTAMP, timestampMs)
                          .setHeader("tenant", "acme")
                          .setHeader("raw", new byte[] {0, 1, 2})
                          .setHeader("attempt", 3)
                          .build())
                  .get(30, TimeUnit.SECONDS);
              // No kafka_topic header: the default topic.
              template
                  .send(
                      MessageBuilder.withPayload("defaulted")
                          .setHeader(PlumeHeaders.KEY, "key-2")
                          .build())
                  .get(30, TimeUnit.SECONDS);

              List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 2);
              ConsumerRecord<String, String> addressed = byKey(read, "key-1");
              assertThat(addressed.value()).isEqualTo("addressed");
              assertThat(addressed.partition()).isEqualTo(2);
              assertThat(addressed.timestamp()).isEqualTo(timestampMs);
              assertThat(text(addressed.headers(), "tenant")).isEqualTo("acme");
              assertThat(addressed.headers().lastHeader("raw").value()).containsExactly(0, 1, 2);
              assertThat(text(addressed.headers(), "attempt")).isEqualTo("3");
              assertThat(addressed.headers().toArray())
                  .extracting(org.apache.kafka.common.header.Header::key)
                  .containsExactlyInAnyOrder("tenant", "raw", "attempt");
              assertThat(byKey(read, "key-2").value()).isEqualTo("defaulted");
            });
  }

  @Test
  void sendVariantsWriteToTheGivenPartitionWithTheGivenTimestamp(
      @BootstrapServers String bootstrapServers) throws Exception {
    String topic = "e2e-variants-" + UUID.randomUUID();
    createTopic(bootstrapServers, new NewTopic(topic, 3, (short) 1));
    runner(bootstrapServers)
        .withPropertyValues("plume.producer.template.default-topic=" + topic)
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              List<SendResult<String, String>> results = new ArrayList<>();
              results.add(template.send(topic, 1, "a", "v-a").get(30, TimeUnit.SECONDS));
              results.add(
                  template
                      .send(topic, 2, 1_600_000_000_000L, "b", "v-b")
                      .get(30, TimeUnit.SECONDS));
              results.add(template.sendDefault(0, "c", "v-c").get(30, TimeUnit.SECONDS));
              results.add(
                  template
                      .sendDefault(1, 1_650_000_000_000L, "d", "v-d")
                      .get(30, TimeUnit.SECONDS));
              assertThat(results)
                  .extracting(r -> r.metadata().partition())
                  .containsExactly(1, 2, 0, 1);

              List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 4);
              assertThat(byKey(read, "a").partition()).isEqualTo(1);
              assertThat(byKey(read, "b").partition()).isEqualTo(2);
              assertThat(byKey(read, "b").timestamp()).isEqualTo(1_600_000_000_000L);
              assertThat(byKey(read, "c").partition()).isEqualTo(0);
              assertThat(byKey(read, "d").partition()).isEqualTo(1);
              assertThat(byKey(read, "d").timestamp()).isEqualTo(1_650_000_000_000L);
            });
  }

  @Test
  void aRecordTheBrokerRefusesIsLoggedAtError(
      @BootstrapServers String bootstrapServers, CapturedOutput output) throws Exception {
    String topic = "e2e-too-large-" + UUID.randomUUID();
    // The broker takes at most 1 KiB per batch on this topic; the producer's own limit is 1 MiB.
    createTopic(
        bootstrapServers,
        new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "1024")));
    runner(bootstrapServers)
        .run(
            context -> {
              ProducerTemplate<String, String> template =
                  template(context, "plumeProducerTemplate");
              assertThat(template.send(topic, "big-key", "x".repeat(5_000)))
                  .failsWithin(60, TimeUnit.SECONDS)
                  .withThrowableOfType(ExecutionException.class)
                  .withCauseInstanceOf(SendFailedException.class)
                  .havingCause()
                  .withCauseInstanceOf(RecordTooLargeException.class);
              assertThat(output.getAll())
                  .containsPattern(
                      "ERROR .*LoggingProducerListener.*Failed to send a record to topic "
                          + topic
                          + " with key 'big-key'")
                  .contains(RecordTooLargeException.class.getName());
            });
  }

  @SuppressWarnings("unchecked")
  private static <K, V> ProducerTemplate<K, V> template(ApplicationContext context, String name) {
    return (ProducerTemplate<K, V>) context.getBean(name);
  }

  private static void createTopic(String bootstrapServers, NewTopic topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static ConsumerRecord<String, String> byKey(
      List<ConsumerRecord<String, String>> records, String key) {
    return records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  /** Reads records of {@code topic} until {@code expected} arrived or 30 s passed. */
  private static List<ConsumerRecord<String, String>> readBack(
      String bootstrapServers, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "e2e-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    assertThat(read).hasSize(expected);
    return read;
  }
}
