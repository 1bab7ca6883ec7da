package dev.plume.sample;

import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a real Kafka broker (in a child JVM) as soon as the environment is ready, before any bean
 * exists, and points {@code plume.producer.bootstrap-servers} at it. Skipped when {@code
 * sample.embedded-broker=false} or when a bootstrap server is configured. The broker is stopped
 * after the producers are closed: it is registered as the context's first disposable bean, and
 * beans are destroyed in reverse order, after every lifecycle stop.
 */
public class EmbeddedBrokerListener implements ApplicationListener<SpringApplicationEvent> {

  static final String PROPERTY_SOURCE = "sampleEmbeddedBroker";
  static final String BROKER_BEAN = "sampleEmbeddedBroker";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerListener.class);

  private final Supplier<KafkaCluster> brokerStarter;
  private volatile KafkaCluster broker;

  /** Used by Spring Boot (META-INF/spring.factories). */
  public EmbeddedBrokerListener() {
    this(EmbeddedKafka::start);
  }

  EmbeddedBrokerListener(Supplier<KafkaCluster> brokerStarter) {
    this.brokerStarter = brokerStarter;
  }

  @Override
  public void onApplicationEvent(SpringApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      maybeStart(prepared.getEnvironment());
    } else if (event instanceof ApplicationPreparedEvent prepared && broker != null) {
      KafkaCluster started = broker;
      DisposableBean stopper = () -> stop(started);
      if (prepared.getApplicationContext().getBeanFactory()
          instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean(BROKER_BEAN, stopper);
      } else {
        // Unusual bean factory: stop when the JVM exits instead.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
      }
    } else if (event instanceof ApplicationFailedEvent && broker != null) {
      stop(broker);
    }
  }

  /** The running broker, or null. */
  KafkaCluster broker() {
    return broker;
  }

  private void maybeStart(ConfigurableEnvironment environment) {
    if (!environment.getProperty("sample.embedded-broker", Boolean.class, true)) {
      return;
    }
    if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
      // Spring AOT processing at build time prepares the context without starting anything.
      return;
    }
    if (environment.containsProperty("plume.producer.bootstrap-servers")
        || environment.containsProperty("plume.producer.bootstrap-servers[0]")) {
      log.info("plume.producer.bootstrap-servers is set; not starting an embedded broker");
      return;
    }
    log.info("Starting an embedded Kafka broker (sample.embedded-broker=false to skip)");
    long startNanos = System.nanoTime();
    KafkaCluster started = brokerStarter.get();
    broker = started;
    log.info(
        "Embedded Kafka {} started in {} ms at {}",
        started.kafkaVersion(),
        (System.nanoTime() - startNanos) / 1_000_000,
        started.bootstrapServers());
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                PROPERTY_SOURCE,
                Map.of("plume.producer.bootstrap-servers", started.bootstrapServers())));
  }

  private void stop(KafkaCluster cluster) {
    synchronized (this) {
      if (broker != cluster) {
        return;
      }
      broker = null;
    }
    log.info("Stopping the embedded Kafka broker");
    cluster.close();
  }
}
