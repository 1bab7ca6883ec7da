package dev.plume.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.KafkaCluster;
import dev.plume.broker.KafkaNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

class EmbeddedBrokerListenerTest {

  private final AtomicInteger starts = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private final EmbeddedBrokerListener listener =
      new EmbeddedBrokerListener(
          () -> {
            starts.incrementAndGet();
            return new FakeCluster();
          });

  @Test
  void startsTheBrokerAndPointsThePlumeProducerAtIt() {
    StandardEnvironment environment = prepare();
    assertThat(starts).hasValue(1);
    assertThat(environment.getProperty("plume.producer.bootstrap-servers"))
        .isEqualTo("127.0.0.1:19092");
  }

  @Test
  void doesNothingWhenSwitchedOffOrWhenABootstrapServerIsGiven() {
    prepare("sample.embedded-broker=false");
    prepare("plume.producer.bootstrap-servers=broker:9092");
    assertThat(starts).hasValue(0);
  }

  @Test
  void stopsTheBrokerWhenTheContextIsDestroyedOnce() {
    prepare();
    GenericApplicationContext context = new GenericApplicationContext();
    listener.onApplicationEvent(
        new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
    context.refresh();
    context.close();
    assertThat(closes).hasValue(1);
    listener.onApplicationEvent(
        new ApplicationFailedEvent(
            new SpringApplication(), new String[0], context, new IllegalStateException()));
    assertThat(closes).hasValue(1);
  }

  @Test
  void stopsTheBrokerWhenStartupFails() {
    prepare();
    listener.onApplicationEvent(
        new ApplicationFailedEvent(
            new SpringApplication(), new String[0], null, new IllegalStateException()));
    assertThat(closes).hasValue(1);
    assertThat(listener.broker()).isNull();
  }

  private StandardEnvironment prepare(String... properties) {
    StandardEnvironment environment = new StandardEnvironment();
    TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, properties);
    listener.onApplicationEvent(
        new ApplicationEnvironmentPreparedEvent(
            new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
    return environment;
  }

  private class FakeCluster implements KafkaCluster {
    @Override
    public String bootstrapServers() {
      return "127.0.0.1:19092";
    }

    @Override
    public String kafkaVersion() {
      return "test";
    }

    @Override
    public List<KafkaNode> nodes() {
      return List.of();
    }

    @Override
    public void startStoppedNodes() {}

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }
}
