package dev.plume.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerRecord;
import dev.plume.spring.autoconfigure.StubProducer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/** send(Message) header mapping and the KafkaTemplate-like send variants, on a stub producer. */
class ProducerTemplateMessagingTest {

  private final StubProducer producer = new StubProducer();

  @SuppressWarnings("unchecked")
  private final ProducerTemplate<String, String> template =
      (ProducerTemplate<String, String>)
          (ProducerTemplate<?, ?>)
              ProducerTemplate.builder(producer).defaultTopic("fallback").build();

  @Test
  void messageHeadersAddressTheRecordAndTheRestBecomeRecordHeaders() {
    UUID trace = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    template.send(
        MessageBuilder.withPayload("payload")
            .setHeader(PlumeHeaders.TOPIC, "orders")
            .setHeader(PlumeHeaders.KEY, "key-1")
            .setHeader(PlumeHeaders.PARTITION, 3)
            .setHeader(PlumeHeaders.TIMESTAMP, 1_700_000_000_000L)
            .setHeader("text", "héllo")
            .setHeader("raw", new byte[] {1, 2, 3})
            .setHeader("count", 42)
            .setHeader("trace", trace)
            .setHeader("contentType", MimeTypeUtils.APPLICATION_JSON)
            .build());

    ProducerRecord<Object, Object> record = producer.sent.get(0);
    assertThat(record.topic()).isEqualTo("orders");
    assertThat(record.key()).isEqualTo("key-1");
    assertThat(record.partition()).isEqualTo(3);
    assertThat(record.timestampMs()).isEqualTo(1_700_000_000_000L);
    assertThat(record.value()).isEqualTo("payload");
    // Spring's id and timestamp, and the addressing headers, are not record headers.
    assertThat(record.headers())
        .extracting(Header::key)
        .containsExactlyInAnyOrder("text", "raw", "count", "trace", "contentType");
    assertThat(value(record, "text")).isEqualTo("héllo");
    assertThat(header(record, "raw").value()).containsExactly(1, 2, 3);
    assertThat(value(record, "count")).isEqualTo("42");
    assertThat(value(record, "trace")).isEqualTo(trace.toString());
    assertThat(value(record, "contentType")).isEqualTo("application/json");
  }

  @Test
  void messageWithoutTopicGoesToTheDefaultTopicAndTheShortPartitionNameIsRead() {
    template.send(
        MessageBuilder.withPayload("v")
            .setHeader(PlumeHeaders.PARTITION_SHORT, 1L)
            .setHeader("dropped", null)
            .build());

    ProducerRecord<Object, Object> record = producer.sent.get(0);
    assertThat(record.topic()).isEqualTo("fallback");
    assertThat(record.partition()).isEqualTo(1);
    assertThat(record.key()).isNull();
    assertThat(record.timestampMs()).isNull();
    assertThat(record.headers()).isEmpty();
  }

  @Test
  void messageWithoutTopicOrDefaultTopicIsRejected() {
    ProducerTemplate<Object, Object> noDefault = ProducerTemplate.builder(producer).build();
    assertThatThrownBy(() -> noDefault.send(MessageBuilder.withPayload("v").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka_topic")
        .hasMessageContaining("plume.producer.template.default-topic");
    assertThat(producer.sent).isEmpty();
  }

  @Test
  void nonNumericPartitionHeaderIsRejected() {
    assertThatThrownBy(
            () ->
                template.send(
                    MessageBuilder.withPayload("v").setHeader(PlumeHeaders.PARTITION, "2").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Message header kafka_partitionId must be a Number, not java.lang.String");
  }

  @Test
  void sendVariantsSetPartitionAndTimestamp() {
    template.send("t", 2, "k1", "v1");
    template.send("t", 1, 5_000L, "k2", "v2");
    template.sendDefault(0, "k3", "v3");
    template.sendDefault(4, 6_000L, "k4", "v4");

    assertThat(producer.sent)
        .extracting(
            ProducerRecord::topic,
            ProducerRecord::partition,
            ProducerRecord::timestampMs,
            ProducerRecord::key,
            ProducerRecord::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t", 2, null, "k1", "v1"),
            org.assertj.core.groups.Tuple.tuple("t", 1, 5_000L, "k2", "v2"),
            org.assertj.core.groups.Tuple.tuple("fallback", 0, null, "k3", "v3"),
            org.assertj.core.groups.Tuple.tuple("fallback", 4, 6_000L, "k4", "v4"));
  }

  @Test
  void loggingListenerAbbreviatesKeys() {
    assertThat(LoggingProducerListener.abbreviate(null)).isEqualTo("null");
    assertThat(LoggingProducerListener.abbreviate("k")).isEqualTo("'k'");
    assertThat(LoggingProducerListener.abbreviate(new byte[7])).isEqualTo("byte[7]");
    assertThat(LoggingProducerListener.abbreviate("x".repeat(150)))
        .isEqualTo("'" + "x".repeat(100) + "...' (150 chars)");
  }

  private static Header header(ProducerRecord<Object, Object> record, String key) {
    return record.headers().stream().filter(h -> h.key().equals(key)).findFirst().orElseThrow();
  }

  private static String value(ProducerRecord<Object, Object> record, String key) {
    return new String(header(record, key).value(), StandardCharsets.UTF_8);
  }
}
