package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.broker.junit.BootstrapServers;
import dev.plume.broker.junit.WithKafkaCluster;
import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.spring.e2e.springkafkaapp.Order;
import dev.plume.spring.e2e.springkafkaapp.OrderService;
import dev.plume.spring.e2e.springkafkaapp.OrdersApplication;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain spring-kafka application ({@link OrdersApplication}: no Plume type in its code) with the
 * starter and producer-kafka-clients on the classpath, against a real broker: its KafkaTemplate,
 * JSON serializer, {@code @Transactional} methods, {@code executeInTransaction}, {@code
 * send(Message)}, template observation and Micrometer's KafkaClientMetrics run on
 * PlumeKafkaProducers. Records are read back with the official consumer, read_committed.
 */
@WithKafkaCluster
class SpringKafkaOnPlumeEndToEndTest {

  /** Test probe, not application code: records every raw producer spring-kafka creates. */
  @Configuration(proxyBeanMethods = false)
  static class RawProducerProbe {

    static final List<Producer<?, ?>> CREATED = new CopyOnWriteArrayList<>();

    @Bean
    DefaultKafkaProducerFactoryCustomizer rawProducerProbe() {
      return factory ->
          factory.addPostProcessor(
              producer -> {
                CREATED.add(producer);
                return producer;
              });
    }
  }

  @Test
  void plainSpringKafkaAppRunsOnPlume(@BootstrapServers String bootstrapServers) throws Exception {
    String topic = "orders-" + UUID.randomUUID();
    RawProducerProbe.CREATED.clear();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(OrdersApplication.class, RawProducerProbe.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.kafka.bootstrap-servers=" + bootstrapServers,
                "spring.kafka.producer.transaction-id-prefix=orders-tx-",
                "spring.kafka.producer.value-serializer="
                    + "org.springframework.kafka.support.serializer.JacksonJsonSerializer",
                "spring.kafka.producer.compression-type=lz4",
                "spring.kafka.template.observation-enabled=true",
                "spring.kafka.producer.properties.linger.ms=2")
            .run()) {
      OrderService orders = app.getBean(OrderService.class);

      assertThatThrownBy(() -> orders.placeThenFail(topic, new Order("aborted-1", 9)))
          .isInstanceOf(IllegalStateException.class);
      orders.placeAll(topic, new Order("o-1", 1), new Order("o-2", 2));
      orders.placeAsMessage(topic, new Order("o-3", 3));

      List<ConsumerRecord<String, String>> read = readBack(bootstrapServers, topic, 3);
      assertThat(read)
          .extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("o-1", "o-2", "o-3");
      JsonMapper json = JsonMapper.builder().build();
      for (ConsumerRecord<String, String> record : read) {
        JsonNode order = json.readTree(record.value());
        assertThat(order.get("id").asString()).isEqualTo(record.key());
        // spring-kafka's JSON type header, written by its serializer into Plume's record headers
        assertThat(record.headers().lastHeader("__TypeId__").value())
            .asString(StandardCharsets.UTF_8)
            .isEqualTo(Order.class.getName());
      }
      ConsumerRecord<String, String> message =
          read.stream().filter(r -> r.key().equals("o-3")).findFirst().orElseThrow();
      // Other message headers become record headers (spring-kafka's header mapper may quote them).
      assertThat(message.headers().lastHeader("source").value())
          .asString(StandardCharsets.UTF_8)
          .contains("message");

      // Boot wired its usual beans to the Plume-backed factory; every raw producer is Plume's.
      ProducerFactory<?, ?> factory = app.getBean(ProducerFactory.class);
      assertThat(factory).isInstanceOf(PlumeKafkaProducerFactory.class);
      assertThat(app.getBean(KafkaTemplate.class).getProducerFactory()).isSameAs(factory);
      assertThat(app.getBean(KafkaTransactionManager.class).getProducerFactory()).isSameAs(factory);
      assertThat(factory.getTransactionIdPrefix()).isEqualTo("orders-tx-");
      assertThat(RawProducerProbe.CREATED)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p).isInstanceOf(PlumeKafkaProducer.class));

      // Micrometer's KafkaClientMetrics, bound by Boot's Kafka metrics listener (tag spring.id).
      MeterRegistry registry = app.getBean(MeterRegistry.class);
      double sent =
          registry.find("kafka.producer.record.send.total").tagKeys("spring.id").meters().stream()
              .mapToDouble(meter -> meter.measure().iterator().next().getValue())
              .sum();
      // spring-kafka's template observation, timed by Boot's observation-to-meter handler.
      assertThat(registry.find("spring.kafka.template").timers())
          .isNotEmpty()
          .allSatisfy(timer -> assertThat(timer.count()).isPositive());
      // Counted by the engine, read through KafkaClientMetrics (of the producers still cached).
      assertThat(sent).isPositive();
    }
  }

  /** Reads committed records of {@code topic} until {@code expected} arrived or 30 s passed. */
  private static List<ConsumerRecord<String, String>> readBack(
      String bootstrapServers, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "spring-kafka-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest",
            "isolation.level",
            "read_committed");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      // Anything after the expected records (an aborted record would come first) is polled once
      // more.
      consumer.poll(Duration.ofMillis(200)).forEach(read::add);
    }
    return read;
  }
}
