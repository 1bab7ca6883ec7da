package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Header;
import dev.plume.producer.Partitioner;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.serialization.Serializer;
import dev.plume.producer.serialization.StringSerializer;
import dev.plume.spring.core.ProducerListener;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.ReplacingProducer;
import dev.plume.spring.core.SendFailedException;
import dev.plume.spring.core.SendResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

class PlumeProducerAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class));

  private final ApplicationContextRunner stubbed = runner.withBean(StubProducerFactory.class);

  @Test
  void createsEngineProducerTemplateAndLifecycleByDefault() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(PlumeProducerLifecycle.class);
          assertThat(context).hasSingleBean(PlumeClients.class);
          assertThat(context).hasSingleBean(PlumeProducerFactory.class);
          assertThat(context.getBean("plumeProducer")).isInstanceOf(ReplacingProducer.class);
          assertThat(((ReplacingProducer<?, ?>) context.getBean("plumeProducer")).current())
              .isInstanceOf(PlumeProducer.class);
          assertThat(context.getBean("plumeProducerTemplate")).isInstanceOf(ProducerTemplate.class);
          PlumeProducer<?, ?> producer =
              (PlumeProducer<?, ?>) context.getBean(ReplacingProducer.class).current();
          assertThat(producer.config().bootstrapServers()).containsExactly("localhost:9092");
          assertThat(context.getBean(PlumeProducerLifecycle.class).managedProducers())
              .extracting(PlumeProducerLifecycle.ManagedProducer::clientName)
              .containsExactly("default");
        });
  }

  @Test
  void templateInjectsWithTheApplicationsGenericTypes() {
    runner
        .withUserConfiguration(NeedsTypedTemplate.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(NeedsTypedTemplate.class).template)
                  .isSameAs(context.getBean("plumeProducerTemplate"));
            });
  }

  @Test
  void backsOffWhenTheApplicationDeclaresItsOwnBeans() {
    StubProducer own = new StubProducer();
    runner
        .withBean("myProducer", Producer.class, () -> own)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("plumeProducer");
              assertThat(context.getBean(ProducerTemplate.class).producer()).isSameAs(own);
              // Not ours to close: no producer was handed to the lifecycle.
              assertThat(context.getBean(PlumeProducerLifecycle.class).managedProducers())
                  .isEmpty();
            });
    runner
        .withBean("myTemplate", ProducerTemplate.class, () -> ProducerTemplate.builder(own).build())
        .run(context -> assertThat(context).doesNotHaveBean("plumeProducerTemplate"));
    stubbed.run(
        context -> {
          assertThat(context).hasSingleBean(PlumeProducerFactory.class);
          assertThat(context.getBean("plumeProducer")).isInstanceOf(StubProducer.class);
        });
    runner
        .withBean("myLifecycle", PlumeProducerLifecycle.class)
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(PlumeProducerLifecycle.class)
                    .hasBean("myLifecycle"));
  }

  @Test
  void templateSendsThroughTheProducerAndCallsListenersInOrder() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    stubbed
        .withBean("second", ProducerListener.class, () -> new RecordingListener("second", heard))
        .withBean("first", ProducerListener.class, () -> new OrderedListener("first", heard))
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              SendResult<String, String> result =
                  template.send("orders", 2, 5L, "k", "v", List.of(Header.of("h", "x"))).get();
              assertThat(result.record().topic()).isEqualTo("orders");
              assertThat(result.record().headers()).containsExactly(Header.of("h", "x"));
              assertThat(result.metadata().partition()).isEqualTo(2);
              assertThat(template.send("orders", "k2", "v2").get().metadata().offset())
                  .isEqualTo(1);
              assertThat(heard)
                  .containsExactly(
                      "first:ok:orders", "second:ok:orders", "first:ok:orders", "second:ok:orders");
            });
  }

  @Test
  void failedSendsCompleteExceptionallyAndReachListeners() {
    List<String> heard = new CopyOnWriteArrayList<>();
    stubbed
        .withBean(ProducerListener.class, () -> new RecordingListener("l", heard))
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              StubProducer stub = (StubProducer) (Object) template.producer();
              stub.sendError = new IllegalStateException("broker said no");
              assertThatThrownBy(() -> template.send("t", "v").get())
                  .isInstanceOf(ExecutionException.class)
                  .cause()
                  .isInstanceOf(SendFailedException.class)
                  .hasMessageContaining("topic t")
                  .hasRootCauseMessage("broker said no");
              stub.sendError = null;
              stub.syncSendError = new IllegalStateException("closed");
              assertThatThrownBy(() -> template.send("t", "v").get())
                  .cause()
                  .isInstanceOf(SendFailedException.class)
                  .hasRootCauseMessage("closed");
              assertThat(heard).containsExactly("l:error:broker said no", "l:error:closed");
            });
  }

  @Test
  void sendDefaultUsesTheConfiguredTopicAndExplainsWhenThereIsNone() {
    stubbed.run(
        context ->
            assertThatThrownBy(() -> template(context).sendDefault("v"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plume.producer.template.default-topic"));
    stubbed
        .withPropertyValues("plume.producer.template.default-topic=events")
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              assertThat(template.sendDefault("k", "v").get().record().topic()).isEqualTo("events");
              assertThat(template.sendDefault("v").get().record().key()).isNull();
            });
  }

  @Test
  void flushPartitionsForAndMetricsDelegate() {
    stubbed.run(
        context -> {
          ProducerTemplate<String, String> template = template(context);
          StubProducer stub = (StubProducer) (Object) template.producer();
          template.flush();
          assertThat(template.partitionsFor("t")).hasSize(1);
          assertThat(template.metrics()).isSameAs(stub.stats);
          assertThat(stub.calls).containsExactly("flush", "partitionsFor:t");
        });
  }

  @Test
  void transactionsNeedATransactionIdPrefix() {
    stubbed.run(
        context ->
            assertThatThrownBy(() -> template(context).executeInTransaction(t -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plume.producer.transaction-id-prefix"));
  }

  @Test
  void transactionsCommitOnSuccessAndAbortOnException() {
    stubbed
        .withPropertyValues("plume.producer.transactional-id=tx-1")
        .run(
            context -> {
              ProducerTemplate<String, String> template = template(context);
              StubProducer stub = (StubProducer) (Object) template.producer();
              String result =
                  template.executeInTransaction(
                      t -> {
                        assertThat(t.inTransaction()).isTrue();
                        t.send("t", "a");
                        return "done";
                      });
              assertThat(result).isEqualTo("done");
              assertThat(template.inTransaction()).isFalse();
              assertThatThrownBy(
                      () ->
                          template.executeInTransaction(
                              t -> {
                                t.send("t", "b");
                                throw new IllegalArgumentException("boom");
                              }))
                  .hasMessage("boom");
              assertThat(stub.calls)
                  .containsExactly(
                      "initTransactions",
                      "beginTransaction",
                      "send",
                      "commitTransaction",
                      "beginTransaction",
                      "send",
                      "abortTransaction");
            });
  }

  @Test
  void serializerBeansAreMatchedByGenericType() {
    stubbed
        .withPropertyValues(
            "plume.producer.value-type=" + MyEvent.class.getName(),
            "plume.producer.key-type=java.lang.Long")
        .withUserConfiguration(SerializerConfig.class)
        .run(
            context -> {
              PlumeProducerDefinition definition =
                  context.getBean(StubProducerFactory.class).definitions.get("default");
              assertThat(definition.valueSerializer())
                  .isSameAs(context.getBean("myEventSerializer"));
              assertThat(definition.keySerializer())
                  .isInstanceOf(dev.plume.producer.serialization.LongSerializer.class);
            });
  }

  @Test
  void defaultsToStringSerializersAndExplainsAMissingOne() {
    stubbed.run(
        context -> {
          PlumeProducerDefinition definition =
              context.getBean(StubProducerFactory.class).definitions.get("default");
          assertThat(definition.keySerializer()).isInstanceOf(StringSerializer.class);
          assertThat(definition.valueSerializer()).isInstanceOf(StringSerializer.class);
        });
    // Without Jackson; with it such a type is sent as JSON
    // (PlumeJsonAndLoggingAutoConfigurationTest).
    stubbed
        .withClassLoader(new FilteredClassLoader(JsonMapper.class))
        .withPropertyValues("plume.producer.value-type=" + MyEvent.class.getName())
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no serializer for its value type")
                    .hasMessageContaining("Serializer<MyEvent>"));
    stubbed
        .withPropertyValues(
            "plume.producer.value-serializer="
                + dev.plume.producer.serialization.ByteArraySerializer.class.getName())
        .run(
            context ->
                assertThat(context.getBean(StubProducerFactory.class).definitions.get("default"))
                    .extracting(PlumeProducerDefinition::valueSerializer)
                    .isNull());
  }

  @Test
  void interceptorsArePassedInOrderAndAUniquePartitionerIsUsed() {
    stubbed
        .withUserConfiguration(InterceptorConfig.class)
        .run(
            context -> {
              PlumeProducerDefinition definition =
                  context.getBean(StubProducerFactory.class).definitions.get("default");
              assertThat(List.<Object>copyOf(definition.interceptors()))
                  .containsExactly(
                      context.getBean("firstInterceptor"), context.getBean("secondInterceptor"));
              assertThat(definition.partitioner()).isSameAs(context.getBean(Partitioner.class));
            });
  }

  @Test
  void customizersAdjustTheConfigurationInOrder() {
    stubbed
        .withUserConfiguration(CustomizerConfig.class)
        .run(
            context -> {
              PlumeProducerDefinition definition =
                  context.getBean(StubProducerFactory.class).definitions.get("default");
              assertThat(definition.config().lingerMs()).isEqualTo(20);
              assertThat(definition.config().clientId()).isEqualTo("from-customizer-default");
            });
  }

  @Test
  void theApplicationsOwnProducerBacksTheTemplateBesideNamedClients() {
    StubProducer own = new StubProducer();
    stubbed
        .withBean("myProducer", Producer.class, () -> own)
        .withPropertyValues(
            "plume.producer.clients.orders.linger=5", "plume.producer.clients.audit.acks=1")
        .withUserConfiguration(NeedsNamedTemplates.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("plumeProducer");
              assertThat(template(context).producer()).isSameAs(own);
              // Named producers are picked by name only, so plain injection finds the app's.
              assertThat(context.getBeanProvider(Producer.class).getIfUnique()).isSameAs(own);
              StubProducerFactory factory = context.getBean(StubProducerFactory.class);
              NeedsNamedTemplates app = context.getBean(NeedsNamedTemplates.class);
              assertThat(app.orders.producer()).isSameAs(factory.producers.get("orders"));
              assertThat(context.getBean("auditProducer")).isSameAs(factory.producers.get("audit"));
            });
  }

  @Test
  void namedClientsGetTheirOwnProducerAndTemplate() {
    stubbed
        .withPropertyValues(
            "plume.producer.linger=7",
            "plume.producer.template.default-topic=shared",
            "plume.producer.clients.orders.linger=50ms",
            "plume.producer.clients.orders.template.default-topic=orders",
            "plume.producer.clients.audit.acks=1")
        .withUserConfiguration(NeedsNamedTemplates.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean("orders").hasBean("ordersProducer");
              assertThat(context).hasBean("audit").hasBean("auditProducer");
              assertThat(context).hasBean("plumeProducerTemplate");
              StubProducerFactory factory = context.getBean(StubProducerFactory.class);
              assertThat(factory.definitions.get("orders").config().lingerMs()).isEqualTo(50);
              assertThat(factory.definitions.get("audit").config().lingerMs()).isEqualTo(7);
              assertThat(factory.definitions.get("audit").config().acks()).isEqualTo((short) 1);
              assertThat(factory.definitions.get("default").config().acks()).isEqualTo((short) -1);
              NeedsNamedTemplates app = context.getBean(NeedsNamedTemplates.class);
              assertThat(app.orders.name()).isEqualTo("orders");
              assertThat(app.orders.defaultTopic()).isEqualTo("orders");
              assertThat(app.audit.defaultTopic()).isEqualTo("shared");
              assertThat(app.orders.producer()).isSameAs(factory.producers.get("orders"));
              assertThat(app.primary.name()).isEqualTo("plumeProducerTemplate");
              assertThat(context.getBean(PlumeProducerLifecycle.class).managedProducers())
                  .extracting(PlumeProducerLifecycle.ManagedProducer::clientName)
                  .containsExactlyInAnyOrder("default", "orders", "audit");
            });
  }

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<String, String> template(
      org.springframework.context.ApplicationContext context) {
    return (ProducerTemplate<String, String>) context.getBean("plumeProducerTemplate");
  }

  record MyEvent(String id) {}

  record RecordingListener(String name, List<String> heard)
      implements ProducerListener<Object, Object> {
    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
      heard.add(name + ":ok:" + metadata.topic());
    }

    @Override
    public void onError(ProducerRecord<Object, Object> record, Exception exception) {
      heard.add(name + ":error:" + exception.getMessage());
    }
  }

  static class OrderedListener implements ProducerListener<Object, Object>, Ordered {
    private final RecordingListener delegate;

    OrderedListener(String name, List<String> heard) {
      this.delegate = new RecordingListener(name, heard);
    }

    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
      delegate.onSuccess(record, metadata);
    }

    @Override
    public int getOrder() {
      return -1;
    }
  }

  static class NeedsTypedTemplate {
    final ProducerTemplate<String, MyEvent> template;

    NeedsTypedTemplate(ProducerTemplate<String, MyEvent> template) {
      this.template = template;
    }
  }

  static class NeedsNamedTemplates {
    final ProducerTemplate<String, String> orders;
    final ProducerTemplate<String, String> audit;
    final ProducerTemplate<String, String> primary;

    NeedsNamedTemplates(
        @Qualifier("orders") ProducerTemplate<String, String> orders,
        @Qualifier("audit") ProducerTemplate<String, String> audit,
        ProducerTemplate<String, String> primary) {
      this.orders = orders;
      this.audit = audit;
      this.primary = primary;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SerializerConfig {
    @Bean
    Serializer<MyEvent> myEventSerializer() {
      return (topic, event) -> event.id().getBytes(StandardCharsets.UTF_8);
    }

    @Bean
    Serializer<Integer> unrelatedSerializer() {
      return (topic, value) -> new byte[] {value.byteValue()};
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class InterceptorConfig {
    @Bean
    @Order(2)
    ProducerInterceptor<Object, Object> secondInterceptor() {
      return new ProducerInterceptor<>() {};
    }

    @Bean
    @Order(1)
    ProducerInterceptor<Object, Object> firstInterceptor() {
      return new ProducerInterceptor<>() {};
    }

    @Bean
    Partitioner partitioner() {
      return (topic, key, keyBytes, value, valueBytes, cluster) -> 0;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomizerConfig {
    @Bean
    @Order(2)
    PlumeProducerCustomizer later() {
      return (name, config) -> config.put("linger.ms", 20);
    }

    @Bean
    @Order(1)
    PlumeProducerCustomizer earlier() {
      return (name, config) -> {
        config.put("linger.ms", 10);
        config.put("client.id", "from-customizer-" + name);
      };
    }
  }
}
