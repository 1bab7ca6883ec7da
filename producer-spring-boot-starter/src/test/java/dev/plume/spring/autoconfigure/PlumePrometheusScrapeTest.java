package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.autoconfigure.metrics.PlumeMetricsAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What a Prometheus scrape shows of the {@code kafka.producer.*} meters: Kafka's cumulative totals
 * as counters ({@code # TYPE ..._total counter}), and every series once per client id, on the Plume
 * template path and on the spring-kafka engine swap.
 */
class PlumePrometheusScrapeTest {

  private static final Pattern SAMPLE =
      Pattern.compile("^(kafka_producer_[a-z_]+)\\{([^}]*)\\} .*$");
  private static final Pattern CLIENT_ID = Pattern.compile("client_id=\"([^\"]*)\"");
  private static final Pattern TYPE = Pattern.compile("^# TYPE (kafka_producer_[a-z_]+) (\\w+)$");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withBean(
              PrometheusMeterRegistry.class,
              () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @Test
  void plumeTemplatePath() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class, PlumeMetricsAutoConfiguration.class))
        .withBean(StubProducerFactory.class)
        .withPropertyValues(
            "plume.producer.transaction-id-prefix=tx-",
            "plume.producer.template.allow-non-transactional=true",
            "plume.producer.clients.orders.linger=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
              context.getBeansOfType(MeterBinder.class).values().forEach(b -> b.bindTo(registry));
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
              template.executeInTransaction(t -> t.send("t", "v"));

              Scrape scrape = new Scrape(registry.scrape());
              assertThat(scrape.types).containsEntry("kafka_producer_record_send_total", "counter");
              assertThat(scrape.types).containsEntry("kafka_producer_request_total", "counter");
              assertThat(scrape.types)
                  .containsEntry("kafka_producer_node_request_total", "counter");
              assertThat(scrape.clientIds("kafka_producer_record_send_total"))
                  .containsExactlyInAnyOrder("plumeProducer", "ordersProducer", "tx-0");
              assertThat(scrape.duplicates()).isEmpty();
            });
  }

  @Test
  void springKafkaSwapPath() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeSpringKafkaAutoConfiguration.class,
                KafkaAutoConfiguration.class,
                KafkaMetricsAutoConfiguration.class,
                PlumeMetricsAutoConfiguration.class,
                PlumeDynamicProducersAutoConfiguration.class))
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "spring.kafka.producer.client-id=swapped",
            "spring.kafka.producer.properties.max.block.ms=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
              context.getBeansOfType(MeterBinder.class).values().forEach(b -> b.bindTo(registry));
              try (Producer<?, ?> producer =
                  context.getBean(ProducerFactory.class).createProducer()) {
                Scrape scrape = new Scrape(registry.scrape());
                assertThat(scrape.types)
                    .containsEntry("kafka_producer_record_send_total", "counter")
                    .containsEntry("kafka_producer_request_total", "counter")
                    .containsEntry("kafka_producer_outgoing_byte_total", "counter")
                    .containsEntry("kafka_producer_record_send_rate", "gauge");
                assertThat(scrape.clientIds("kafka_producer_record_send_total"))
                    .containsExactly("swapped-1");
                assertThat(scrape.duplicates()).isEmpty();
              }
            });
  }

  /** The kafka_producer_* families and samples of one scrape. */
  private static final class Scrape {
    final Map<String, String> types = new HashMap<>();
    final List<String[]> samples = new ArrayList<>();

    Scrape(String text) {
      for (String line : text.split("\n")) {
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
          types.put(type.group(1), type.group(2));
        }
        Matcher sample = SAMPLE.matcher(line);
        if (sample.matches()) {
          Matcher clientId = CLIENT_ID.matcher(sample.group(2));
          String id = clientId.find() ? clientId.group(1) : "";
          samples.add(new String[] {sample.group(1), id, sample.group(2)});
        }
      }
    }

    List<String> clientIds(String name) {
      return samples.stream().filter(s -> s[0].equals(name)).map(s -> s[1]).toList();
    }

    /**
     * Series whose name, client id, topic and node repeat: the same meter bound twice for one
     * client (by two binders, with different other tags).
     */
    List<String> duplicates() {
      Map<String, Integer> seen = new HashMap<>();
      for (String[] s : samples) {
        String key = s[0] + "|" + s[1] + "|" + label(s[2], "topic") + "|" + label(s[2], "node_id");
        seen.merge(key, 1, Integer::sum);
      }
      return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static String label(String labels, String name) {
      Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
      return m.find() ? m.group(1) : "";
    }
  }
}
