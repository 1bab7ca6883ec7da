package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.Serializer;
import dev.plume.producer.serialization.StringSerializer;
import dev.plume.spring.core.LoggingProducerListener;
import dev.plume.spring.core.ProducerListener;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.json.JacksonJsonSerializer;
import dev.plume.spring.json.JsonTypeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** JSON for POJO key/value types, and the logging ProducerListener, with their back-offs. */
@ExtendWith(OutputCaptureExtension.class)
class PlumeJsonAndLoggingAutoConfigurationTest {

  /** A POJO value type with no Serializer bean and no built-in serializer. */
  public record Order(String id, int quantity) {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  JacksonAutoConfiguration.class, PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void pojoValueTypeIsSentAsJsonWithBootsJsonMapperAndNoTypeHeaderByDefault() {
    runner
        .withPropertyValues("plume.producer.value-type=" + Order.class.getName())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PlumeProducerDefinition definition = definition(context, "default");
              assertThat(definition.valueSerializer()).isInstanceOf(JacksonJsonSerializer.class);
              assertThat(((JacksonJsonSerializer<?>) definition.valueSerializer()).mapper())
                  .isSameAs(context.getBean(JsonMapper.class));
              assertThat(definition.keySerializer()).isInstanceOf(StringSerializer.class);
              assertThat(json(definition.valueSerializer(), new Order("o-1", 3)))
                  .isEqualTo("{\"id\":\"o-1\",\"quantity\":3}");
              assertThat(definition.interceptors()).isEmpty();
            });
  }

  @Test
  void typeHeadersAreAddedWhenSwitchedOn() {
    runner
        .withPropertyValues(
            "plume.producer.value-type=" + Order.class.getName(),
            "plume.producer.json.add-type-headers=true")
        .run(
            context -> {
              List<ProducerInterceptor<?, ?>> interceptors =
                  definition(context, "default").interceptors();
              assertThat(interceptors).hasSize(1).first().isInstanceOf(JsonTypeHeaders.class);
              ProducerRecord<Object, Object> record =
                  typeHeaders(interceptors.get(0))
                      .onSend(
                          new ProducerRecord<>(
                              "t",
                              null,
                              null,
                              "k",
                              new Order("o", 1),
                              List.of(Header.of("a", "b"))));
              // The String key is not JSON: only the value's type is named.
              assertThat(record.headers())
                  .containsExactly(
                      Header.of("a", "b"), Header.of("__TypeId__", Order.class.getName()));
            });
  }

  @Test
  void pojoKeyTypeIsSentAsJsonWithItsOwnTypeHeader() {
    runner
        .withPropertyValues(
            "plume.producer.key-type=" + Order.class.getName(),
            "plume.producer.json.add-type-headers=true")
        .run(
            context -> {
              PlumeProducerDefinition definition = definition(context, "default");
              assertThat(definition.keySerializer()).isInstanceOf(JacksonJsonSerializer.class);
              assertThat(definition.valueSerializer()).isInstanceOf(StringSerializer.class);
              ProducerRecord<Object, Object> record =
                  typeHeaders(definition.interceptors().get(0))
                      .onSend(new ProducerRecord<>("t", null, null, new Order("k", 1), "v", null));
              assertThat(record.headers())
                  .containsExactly(Header.of("__Key_TypeId__", Order.class.getName()));
            });
  }

  @Test
  void serializerBeanWinsOverJson() {
    runner
        .withPropertyValues("plume.producer.value-type=" + Order.class.getName())
        .withUserConfiguration(OrderSerializerConfiguration.class)
        .run(
            context -> {
              assertThat(definition(context, "default").valueSerializer())
                  .isSameAs(context.getBean("orderSerializer"));
            });
  }

  @Test
  void withoutAJsonMapperBeanJacksonsSharedMapperIsUsed() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class)
        .withPropertyValues("plume.producer.value-type=" + Order.class.getName())
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(JsonMapper.class);
              Serializer<?> serializer = definition(context, "default").valueSerializer();
              assertThat(((JacksonJsonSerializer<?>) serializer).mapper())
                  .isSameAs(JsonMapper.shared());
              assertThat(json(serializer, new Order("x", 2)))
                  .isEqualTo("{\"id\":\"x\",\"quantity\":2}");
            });
  }

  @Test
  void withoutJacksonAPojoTypeFailsNamingTheTypeAndWhatToAdd() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class)
        .withClassLoader(new FilteredClassLoader(JsonMapper.class))
        .withPropertyValues("plume.producer.value-type=" + Order.class.getName())
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("Plume producer 'default' has no serializer")
                  .hasMessageContaining("value type " + Order.class.getName())
                  .hasMessageContaining("declare a Serializer<Order> bean")
                  .hasMessageContaining("plume.producer.value-serializer")
                  .hasMessageContaining("tools.jackson.core:jackson-databind");
            });
  }

  @Test
  void withoutJacksonBuiltInTypesStillWork() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class)
        .withClassLoader(new FilteredClassLoader(JsonMapper.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(definition(context, "default").valueSerializer())
                  .isInstanceOf(StringSerializer.class);
            });
  }

  @Test
  void namedClientsGetJsonAndTheirOwnTypeHeaderSetting() {
    runner
        .withPropertyValues(
            "plume.producer.clients.orders.value-type=" + Order.class.getName(),
            "plume.producer.clients.orders.json.add-type-headers=true",
            "plume.producer.clients.plain.value-type=" + Order.class.getName())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              context.getBean("orders");
              context.getBean("plain");
              assertThat(definition(context, "orders").valueSerializer())
                  .isInstanceOf(JacksonJsonSerializer.class);
              assertThat(definition(context, "orders").interceptors())
                  .singleElement()
                  .isInstanceOf(JsonTypeHeaders.class);
              assertThat(definition(context, "plain").valueSerializer())
                  .isInstanceOf(JacksonJsonSerializer.class);
              assertThat(definition(context, "plain").interceptors()).isEmpty();
              assertThat(definition(context, "default").valueSerializer())
                  .isInstanceOf(StringSerializer.class);
            });
  }

  @Test
  void loggingListenerIsRegisteredByDefaultAndLogsFailedSendsAtError(CapturedOutput output) {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(LoggingProducerListener.class);
          StubProducer producer =
              context.getBean(StubProducerFactory.class).producers.get("default");
          producer.sendError = new IllegalStateException("broker said no");
          ProducerTemplate<String, String> template = template(context);
          assertThat(template.send("orders", 2, "key-1", "v"))
              .failsWithin(10, TimeUnit.SECONDS)
              .withThrowableOfType(ExecutionException.class);
          assertThat(output.getAll())
              .containsPattern(
                  "ERROR .*Failed to send a record to topic orders partition 2 with key 'key-1'")
              .contains("java.lang.IllegalStateException: broker said no");
        });
  }

  @Test
  void loggingListenerBacksOffForTheApplicationsListener() {
    runner
        .withBean("myListener", ProducerListener.class, () -> new ProducerListener<>() {})
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(LoggingProducerListener.class);
              assertThat(context).hasSingleBean(ProducerListener.class);
            });
  }

  @Test
  void loggingListenerIsSwitchedOffByProperty(CapturedOutput output) {
    runner
        .withPropertyValues("plume.producer.template.log-failures=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ProducerListener.class);
              StubProducer producer =
                  context.getBean(StubProducerFactory.class).producers.get("default");
              producer.sendError = new IllegalStateException("quiet failure");
              assertThat(template(context).send("orders", "v"))
                  .failsWithin(10, TimeUnit.SECONDS)
                  .withThrowableOfType(ExecutionException.class);
              assertThat(output.getAll()).doesNotContain("quiet failure");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderSerializerConfiguration {
    @Bean
    Serializer<Order> orderSerializer() {
      return (topic, order) -> order.id().getBytes(StandardCharsets.UTF_8);
    }
  }

  private static PlumeProducerDefinition definition(
      org.springframework.context.ApplicationContext context, String client) {
    // Named clients' producers are lazy bean suppliers: make sure they exist.
    if (!"default".equals(client)) {
      context.getBean(client + "Producer");
    }
    return context.getBean(StubProducerFactory.class).definitions.get(client);
  }

  @SuppressWarnings("unchecked")
  private static String json(Serializer<?> serializer, Object value) {
    return new String(
        ((Serializer<Object>) serializer).serialize("t", value), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static ProducerInterceptor<Object, Object> typeHeaders(ProducerInterceptor<?, ?> i) {
    return (ProducerInterceptor<Object, Object>) i;
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(
      org.springframework.context.ApplicationContext context) {
    return (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
  }
}
