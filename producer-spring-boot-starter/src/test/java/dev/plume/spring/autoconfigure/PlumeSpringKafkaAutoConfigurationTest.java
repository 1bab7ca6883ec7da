package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.kafka.PlumeKafkaProducer;
import dev.plume.producer.security.SslContextProvider;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.transaction.KafkaTransactionManager;

/** Conditions, back-offs and configuration of the spring-kafka engine swap. */
class PlumeSpringKafkaAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  PlumeProducerAutoConfiguration.class,
                  PlumeSpringKafkaAutoConfiguration.class,
                  KafkaAutoConfiguration.class));

  @Test
  void replacesBootsProducerFactoryWithOneMakingPlumeProducers() {
    List<Producer<?, ?>> created = new CopyOnWriteArrayList<>();
    runner
        .withBean(
            DefaultKafkaProducerFactoryCustomizer.class,
            () ->
                factory ->
                    factory.addPostProcessor(
                        producer -> {
                          created.add(producer);
                          return producer;
                        }))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ProducerFactory.class);
              assertThat(context.getBean("kafkaProducerFactory"))
                  .isInstanceOf(PlumeKafkaProducerFactory.class);
              ProducerFactory<?, ?> factory = context.getBean(ProducerFactory.class);
              assertThat(context.getBean(KafkaTemplate.class).getProducerFactory())
                  .isSameAs(factory);
              try (Producer<?, ?> producer = factory.createProducer()) {
                assertThat(producer).isNotNull();
              }
              assertThat(created).singleElement().isInstanceOf(PlumeKafkaProducer.class);
              // No second, idle producer of Plume's own (PlumeDefaultClientConditionTest).
              assertThat(context).doesNotHaveBean("plumeProducer");
              assertThat(context).doesNotHaveBean("plumeProducerTemplate");
            });
  }

  @Test
  void configurationIsWhatBootWouldHaveGivenItsFactory() {
    runner
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=broker-a:9092,broker-b:9092",
            "spring.kafka.client-id=orders",
            "spring.kafka.producer.acks=1",
            "spring.kafka.producer.compression-type=gzip",
            "spring.kafka.producer.batch-size=32KB",
            "spring.kafka.producer.value-serializer="
                + "org.springframework.kafka.support.serializer.JacksonJsonSerializer",
            "spring.kafka.properties.metadata.max.age.ms=60000",
            "spring.kafka.producer.properties.linger.ms=7")
        .run(
            context -> {
              Map<String, Object> configs = configs(context.getBean(ProducerFactory.class));
              assertThat(configs)
                  .containsEntry("bootstrap.servers", List.of("broker-a:9092", "broker-b:9092"))
                  .containsEntry("client.id", "orders")
                  .containsEntry("acks", "1")
                  .containsEntry("compression.type", "gzip")
                  .containsEntry("batch.size", 32768)
                  .containsEntry("metadata.max.age.ms", "60000")
                  .containsEntry("linger.ms", "7")
                  .containsKey("value.serializer");
            });
  }

  @Test
  void plumeTuningSettingsApplyOnTopButNotConnectionIdentityOrPlumePlugins() {
    runner
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=broker-a:9092",
            "spring.kafka.client-id=orders",
            "spring.kafka.producer.compression-type=gzip",
            "spring.kafka.producer.properties.linger.ms=7",
            "plume.producer.compression-type=zstd",
            "plume.producer.linger=25ms",
            "plume.producer.batch-size=64KB",
            "plume.producer.properties[delivery.timeout.ms]=90000",
            "plume.producer.bootstrap-servers=elsewhere:9092",
            "plume.producer.client-id=plume-own",
            "plume.producer.transactional-id=plume-own-tx",
            "plume.producer.security.protocol=ssl",
            "plume.producer.properties[ssl.truststore.type]=PEM",
            "plume.producer.clients.audit.linger=99ms")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Map<String, Object> configs = configs(context.getBean(ProducerFactory.class));
              assertThat(configs)
                  .containsEntry("compression.type", "zstd")
                  .containsEntry("linger.ms", "25")
                  .containsEntry("batch.size", "65536")
                  .containsEntry("delivery.timeout.ms", "90000")
                  .containsEntry("bootstrap.servers", List.of("broker-a:9092"))
                  .containsEntry("client.id", "orders")
                  .doesNotContainKeys(
                      "transactional.id", "security.protocol", "ssl.truststore.type");
              assertThat(context.getBean(ProducerFactory.class).getTransactionIdPrefix()).isNull();
            });
  }

  @Test
  void transactionIdPrefixMakesTheFactoryAndBootsTransactionManagerTransactional() {
    runner
        .withPropertyValues("spring.kafka.producer.transaction-id-prefix=orders-tx-")
        .run(
            context -> {
              ProducerFactory<?, ?> factory = context.getBean(ProducerFactory.class);
              assertThat(factory.getTransactionIdPrefix()).isEqualTo("orders-tx-");
              assertThat(factory.transactionCapable()).isTrue();
              assertThat(context.getBean(KafkaTransactionManager.class).getProducerFactory())
                  .isSameAs(factory);
            });
  }

  @Test
  void kafkaConnectionDetailsWinOverProperties() {
    KafkaConnectionDetails details = () -> List.of("from-details:9092");
    runner
        .withPropertyValues("spring.kafka.bootstrap-servers=from-properties:9092")
        .withBean(KafkaConnectionDetails.class, () -> details)
        .run(
            context ->
                assertThat(configs(context.getBean(ProducerFactory.class)))
                    .containsEntry("bootstrap.servers", List.of("from-details:9092")));
  }

  @Test
  void sslBundleOfTheConnectionDetailsBecomesAnSslContextForTheEngine() {
    // The JDK's default trust, TLS 1.3 only: enough to see the bundle reach the engine; the real
    // handshake with a bundle is PlumeSslBundleEndToEndTest's.
    SslBundle bundle = SslBundle.of(null, null, SslOptions.of(null, new String[] {"TLSv1.3"}));
    KafkaConnectionDetails details =
        new KafkaConnectionDetails() {
          @Override
          public List<String> getBootstrapServers() {
            return List.of("localhost:9093");
          }

          @Override
          public SslBundle getSslBundle() {
            return bundle;
          }

          @Override
          public String getSecurityProtocol() {
            return "SSL";
          }
        };
    runner
        .withBean(KafkaConnectionDetails.class, () -> details)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Map<String, Object> configs = configs(context.getBean(ProducerFactory.class));
              assertThat(configs.get(SslContextProvider.class.getName()))
                  .isInstanceOfSatisfying(
                      SslContextProvider.class, p -> assertThat(p.sslContext()).isNotNull());
              assertThat(configs)
                  .containsEntry("security.protocol", "SSL")
                  .containsEntry("ssl.enabled.protocols", "TLSv1.3")
                  .doesNotContainKeys(
                      "ssl.engine.factory.class", "org.springframework.boot.ssl.SslBundle");
              // The producer is made with it (connections are lazy: no broker needed here).
              try (Producer<?, ?> producer =
                  context.getBean(ProducerFactory.class).createProducer()) {
                assertThat(producer.metrics()).isNotEmpty();
              }
            });
  }

  @Test
  void customizerBeansAreAppliedInOrder() {
    List<String> calls = new ArrayList<>();
    runner
        .withBean("second", OrderedCustomizer.class, () -> new OrderedCustomizer("second", calls))
        .withBean("first", FirstCustomizer.class, () -> new FirstCustomizer(calls))
        .run(
            context -> {
              assertThat(calls).containsExactly("first", "second");
              assertThat(configs(context.getBean(ProducerFactory.class)))
                  .containsEntry("linger.ms", "first");
            });
  }

  @Test
  void templateWithConfigurationOverridesStaysOnPlume() {
    runner.run(
        context -> {
          @SuppressWarnings("unchecked")
          ProducerFactory<Object, Object> factory = context.getBean(ProducerFactory.class);
          KafkaTemplate<Object, Object> template =
              new KafkaTemplate<>(factory, Map.of("linger.ms", "9"));
          assertThat(template.getProducerFactory())
              .isInstanceOf(PlumeKafkaProducerFactory.class)
              .isNotSameAs(factory);
          assertThat(configs(template.getProducerFactory())).containsEntry("linger.ms", "9");
        });
  }

  @Test
  void kafkaClientMetricsBindToPlumeProducers() {
    runner
        .withConfiguration(AutoConfigurations.of(KafkaMetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .run(
            context -> {
              ProducerFactory<?, ?> factory = context.getBean(ProducerFactory.class);
              assertThat(factory.getListeners()).isNotEmpty();
              try (Producer<?, ?> producer = factory.createProducer()) {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.getMeters())
                    .filteredOn(m -> m.getId().getTag("spring.id") != null)
                    .extracting(m -> m.getId().getName())
                    .contains("kafka.producer.record.send.total");
              }
            });
  }

  @Test
  void backsOffWhenTheApplicationHasAProducerFactory() {
    DefaultKafkaProducerFactory<Object, Object> own =
        new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "own:9092"));
    runner
        .withBean("ownProducerFactory", ProducerFactory.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ProducerFactory.class);
              assertThat(context.getBean(ProducerFactory.class)).isSameAs(own);
              assertThat(context).doesNotHaveBean(PlumeKafkaProducerFactory.class);
              assertThat(context.getBean(KafkaTemplate.class).getProducerFactory()).isSameAs(own);
            });
  }

  @Test
  void switchedOffLeavesBootsOwnFactory() {
    runner
        .withPropertyValues("plume.producer.spring-kafka.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ProducerFactory.class);
              assertThat(context.getBean(ProducerFactory.class))
                  .isExactlyInstanceOf(DefaultKafkaProducerFactory.class);
              assertThat(context).doesNotHaveBean(PlumeKafkaProducerFactory.class);
            });
  }

  @Test
  void withoutSpringKafkaNothingOfItLoads() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.kafka."))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PlumeSpringKafkaAutoConfiguration.class);
              assertThat(context).doesNotHaveBean("kafkaProducerFactory");
              assertThat(context).hasBean("plumeProducerTemplate");
            });
  }

  @Test
  void withSpringKafkaButWithoutBootsKafkaSupportNothingOfItLoads() {
    // Boot's Kafka auto-configuration lives in the same jar as KafkaProperties: both are absent.
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class, PlumeSpringKafkaAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(KafkaProperties.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(PlumeSpringKafkaAutoConfiguration.class);
              assertThat(context).doesNotHaveBean(ProducerFactory.class);
            });
  }

  @Test
  void withoutProducerKafkaClientsBootKeepsItsFactory() {
    runner
        .withClassLoader(new FilteredClassLoader(PlumeKafkaProducer.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(PlumeSpringKafkaAutoConfiguration.class);
              assertThat(context.getBean(ProducerFactory.class))
                  .isExactlyInstanceOf(DefaultKafkaProducerFactory.class);
            });
  }

  @Test
  void enabledSwitchHasIdeMetadata() throws Exception {
    String metadata =
        new ClassPathResource("META-INF/spring-configuration-metadata.json")
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(metadata).contains("\"plume.producer.spring-kafka.enabled\"");
  }

  private static Map<String, Object> configs(ProducerFactory<?, ?> factory) {
    return factory.getConfigurationProperties();
  }

  @Order(2)
  static final class OrderedCustomizer implements DefaultKafkaProducerFactoryCustomizer {
    private final String name;
    private final List<String> calls;

    OrderedCustomizer(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public void customize(DefaultKafkaProducerFactory<?, ?> factory) {
      calls.add(name);
    }
  }

  @Order(1)
  static final class FirstCustomizer implements DefaultKafkaProducerFactoryCustomizer {
    private final List<String> calls;

    FirstCustomizer(List<String> calls) {
      this.calls = calls;
    }

    @Override
    public void customize(DefaultKafkaProducerFactory<?, ?> factory) {
      calls.add("first");
      factory.updateConfigs(Map.of("linger.ms", "first"));
    }
  }
}
