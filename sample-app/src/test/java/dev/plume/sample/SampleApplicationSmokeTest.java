package dev.plume.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The whole sample over HTTP: embedded broker, real engine, web server on a random port. A record
 * posted to the API is read back with the official Kafka consumer; health and prometheus are served
 * by actuator on the same port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationSmokeTest {

  @LocalServerPort int port;

  @Value("${plume.producer.bootstrap-servers}")
  String bootstrapServers;

  RestClient http;

  @BeforeEach
  void client() {
    http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
  }

  @Test
  void postedMessageIsAcknowledgedAndReadableWithKafkaClients() {
    ResponseEntity<Map<String, Object>> response =
        http.post()
            .uri("/api/messages/{topic}?key={key}", "plume-smoke", "k1")
            .contentType(MediaType.TEXT_PLAIN)
            .body("hello over http")
            .retrieve()
            .toEntity(new ParameterizedTypeReference<>() {});

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    Map<String, Object> body = response.getBody();
    assertThat(body).containsEntry("topic", "plume-smoke").containsKeys("timestamp");
    int partition = ((Number) body.get("partition")).intValue();
    long offset = ((Number) body.get("offset")).longValue();
    assertThat(offset).isGreaterThanOrEqualTo(0);

    ConsumerRecord<String, String> read =
        readOne(new TopicPartition("plume-smoke", partition), offset);
    assertThat(read.key()).isEqualTo("k1");
    assertThat(read.value()).isEqualTo("hello over http");
    assertThat(read.timestamp()).isEqualTo(((Number) body.get("timestamp")).longValue());
  }

  @Test
  void postedOrderIsSentAsJsonThroughTheOrdersTemplate() {
    ResponseEntity<Map<String, Object>> response =
        http.post()
            .uri("/api/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"id\":\"o-42\",\"product\":\"tea\",\"quantity\":3}")
            .retrieve()
            .toEntity(new ParameterizedTypeReference<>() {});

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    Map<String, Object> body = response.getBody();
    assertThat(body).containsEntry("topic", "plume-orders");
    ConsumerRecord<String, String> read =
        readOne(
            new TopicPartition("plume-orders", ((Number) body.get("partition")).intValue()),
            ((Number) body.get("offset")).longValue());
    assertThat(read.key()).isEqualTo("o-42");
    // Written by the starter's JSON serializer (Boot's JsonMapper), not by the HTTP layer.
    assertThat(read.value()).isEqualTo("{\"id\":\"o-42\",\"product\":\"tea\",\"quantity\":3}");
    assertThat(new String(read.headers().lastHeader("__TypeId__").value(), UTF_8))
        .isEqualTo(Order.class.getName());
  }

  @Test
  void invalidTopicAnswersAJsonClientError() {
    ResponseEntity<Map<String, Object>> response =
        http.post()
            .uri("/api/messages/{topic}", "bad topic!")
            .contentType(MediaType.TEXT_PLAIN)
            .body("x")
            .retrieve()
            .toEntity(new ParameterizedTypeReference<>() {});

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody())
        .containsEntry("status", 400)
        .containsEntry("error", "IllegalArgumentException")
        .hasEntrySatisfying("message", m -> assertThat((String) m).contains("bad topic!"));
  }

  @Test
  void actuatorShowsPlumeHealthAndProducerMetrics() {
    // One send, so that the send timer exists.
    http.post()
        .uri("/api/messages/{topic}", "plume-smoke-metrics")
        .contentType(MediaType.TEXT_PLAIN)
        .body("m")
        .retrieve()
        .toBodilessEntity();

    Map<String, Object> health =
        http.get()
            .uri("/actuator/health")
            .retrieve()
            .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    // Two producers (the default one and the named client "orders"): one component each.
    assertThat(health)
        .extractingByKey("components")
        .asInstanceOf(MAP)
        .extractingByKey("plume")
        .asInstanceOf(MAP)
        .containsEntry("status", "UP");
    Object plume = ((Map<?, ?>) health.get("components")).get("plume");
    for (String producer : List.of("plumeProducer", "ordersProducer")) {
      assertThat(plume)
          .asInstanceOf(MAP)
          .extractingByKey("components")
          .asInstanceOf(MAP)
          .extractingByKey(producer)
          .asInstanceOf(MAP)
          .containsEntry("status", "UP")
          .containsKey("details");
    }

    String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    assertThat(prometheus).contains("plume_producer_send_seconds_count");
    // Same exported names as kafka-clients through KafkaClientMetrics (no unit suffix).
    assertThat(prometheus)
        .containsPattern("(?m)^kafka_producer_record_send_total\\{")
        .containsPattern("(?m)^kafka_producer_request_latency_avg\\{");
    assertThat(prometheus).contains("plume_producer_send_seconds_bucket");
    assertThat(prometheus)
        .containsPattern("(?m)^kafka_producer_\\w+\\{.*client_id=\"plume-sample\"");
  }

  private ConsumerRecord<String, String> readOne(TopicPartition partition, long offset) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() == offset) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("record at " + partition + "@" + offset + " not read within 30 s");
  }
}
