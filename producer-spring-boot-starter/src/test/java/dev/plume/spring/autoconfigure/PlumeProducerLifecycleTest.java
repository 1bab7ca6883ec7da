package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.errors.TimeoutException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

class PlumeProducerLifecycleTest {

  /** Boot 4's WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE. */
  private static final int WEB_GRACEFUL_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

  /** Boot 4's servlet and reactive WebServerStartStopLifecycle phase. */
  private static final int WEB_SERVER_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

  private final StubProducerFactory factory = new StubProducerFactory();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class, () -> factory);

  @Test
  void stopsAfterTheWebServerAndEveryDefaultPhaseComponent() {
    assertThat(PlumeProducerLifecycle.PHASE)
        .isLessThan(WEB_GRACEFUL_SHUTDOWN_PHASE)
        .isLessThan(WEB_SERVER_PHASE)
        .isLessThan(0);
  }

  @Test
  void closesEachProducerOnceWithinTheCloseTimeoutAfterHigherPhasesStopped() {
    runner
        .withPropertyValues(
            "plume.producer.clients.slow.close-timeout=2m", "plume.producer.clients.other.linger=1")
        .withBean(
            "gracefulShutdown",
            SmartLifecycle.class,
            () -> new RecordingLifecycle(factory.calls, WEB_GRACEFUL_SHUTDOWN_PHASE))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              factory.calls.clear();
              context.close();
              // The web-like component stops first, then every producer is closed exactly once
              // (the bean factory does not close them again), newest first.
              assertThat(factory.calls)
                  .containsExactly("web-stop", "close:PT30S", "close:PT2M", "close:PT30S");
            });
  }

  @Test
  void closesProducersWhenTheContextFailsBeforeStarting() {
    runner
        .withPropertyValues("plume.producer.close-timeout=5s")
        .withUserConfiguration(BrokenAfterProducerConfig.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(factory.calls).containsExactly("close:PT5S");
            });
  }

  @Test
  void startupCheckFetchesMetadataOfTheConfiguredTopic() {
    runner
        .withPropertyValues(
            "plume.producer.startup-check=fail", "plume.producer.template.default-topic=events")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(factory.calls).containsExactly("partitionsFor:events");
            });
  }

  @Test
  void startupCheckFailFailsStartupWithAClearMessage() {
    StubProducerFactory unreachable =
        new StubProducerFactory() {
          @Override
          public dev.plume.producer.Producer<Object, Object> create(
              PlumeProducerDefinition definition) {
            StubProducer producer = (StubProducer) super.create(definition);
            producer.partitionsFor =
                topic -> {
                  throw new TimeoutException("Topic t not present in metadata after 60000 ms");
                };
            return producer;
          }
        };
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class, () -> unreachable)
        .withPropertyValues(
            "plume.producer.startup-check=fail",
            "plume.producer.startup-check-topic=t",
            "plume.producer.bootstrap-servers=broker:9092")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(PlumeStartupCheckException.class)
                    .hasMessageContaining("Plume producer 'default' startup check failed")
                    .hasMessageContaining("topic 't'")
                    .hasMessageContaining("broker:9092")
                    .hasMessageContaining("not present in metadata"));
  }

  @Test
  void startupCheckGivesUpAfterItsTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    StubProducerFactory hanging =
        new StubProducerFactory() {
          @Override
          public dev.plume.producer.Producer<Object, Object> create(
              PlumeProducerDefinition definition) {
            StubProducer producer = (StubProducer) super.create(definition);
            producer.partitionsFor =
                topic -> {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return List.of();
                };
            return producer;
          }
        };
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class, () -> hanging)
        .withPropertyValues(
            "plume.producer.startup-check=fail",
            "plume.producer.startup-check-timeout=50ms",
            "plume.producer.startup-check-topic=t")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(PlumeStartupCheckException.class)
                    .hasMessageContaining("within PT0.05S"));
    never.countDown();
  }

  @Test
  void startupCheckWarnOnlyLogs() {
    runner
        .withPropertyValues("plume.producer.startup-check=warn")
        .run(
            context -> {
              // No topic configured: a warning, not a failure.
              assertThat(context).hasNotFailed();
              assertThat(factory.calls).isEmpty();
            });
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class BrokenAfterProducerConfig {
    @org.springframework.context.annotation.Bean
    String broken(dev.plume.spring.core.ProducerTemplate<?, ?> template) {
      throw new IllegalStateException("boom after " + template);
    }
  }

  /** A SmartLifecycle that records its stop into a shared list. */
  static class RecordingLifecycle implements SmartLifecycle {
    private final List<String> calls;
    private final int phase;
    private volatile boolean running;

    RecordingLifecycle(List<String> calls, int phase) {
      this.calls = calls;
      this.phase = phase;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      calls.add("web-stop");
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return phase;
    }
  }
}
