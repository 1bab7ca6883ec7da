package dev.plume.spring.autoconfigure;

import dev.plume.producer.Producer;
import dev.plume.spring.autoconfigure.PlumeClientProperties.StartupCheck;
import dev.plume.spring.core.TransactionalProducerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the producers the starter built: an optional startup check that the brokers are
 * reachable, and on shutdown a flush-and-close of each producer bounded by its {@code
 * close-timeout}. Each producer is closed exactly once, by {@link #stop()} or, when the context
 * never started, by {@link #destroy()}.
 */
public class PlumeProducerLifecycle implements SmartLifecycle, DisposableBean {

  /**
   * Lower phases start first and stop last. Boot 4 stops the web server's graceful shutdown at
   * {@code DEFAULT_PHASE - 1024} ({@code WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE})
   * and the web server itself at {@code DEFAULT_PHASE - 2048}; message listener containers and
   * schedulers stop at or near {@code DEFAULT_PHASE}, and plain {@code Lifecycle} beans at 0. A
   * phase far below all of them lets every request, listener and scheduled task that may still send
   * finish before the producers are flushed and closed, and runs the startup check before any of
   * them starts.
   */
  public static final int PHASE = Integer.MIN_VALUE + 1024;

  private static final Logger log = LoggerFactory.getLogger(PlumeProducerLifecycle.class);

  /**
   * One producer to start and stop.
   *
   * @param startupCheckTopic null when no topic is configured for the check
   */
  public record ManagedProducer(
      String clientName,
      Producer<?, ?> producer,
      String bootstrapServers,
      Duration closeTimeout,
      StartupCheck startupCheck,
      Duration startupCheckTimeout,
      String startupCheckTopic) {

    public ManagedProducer {
      Objects.requireNonNull(clientName, "clientName");
      Objects.requireNonNull(producer, "producer");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
      Objects.requireNonNull(startupCheck, "startupCheck");
      Objects.requireNonNull(startupCheckTimeout, "startupCheckTimeout");
    }
  }

  private final Object lock = new Object();
  private final List<ManagedProducer> lockedOpen = new ArrayList<>();
  private final List<ManagedPool> lockedOpenPools = new ArrayList<>();

  /** A pool of transactional producers to close with the producers. */
  private record ManagedPool(
      String clientName, TransactionalProducerPool<?, ?> pool, Duration closeTimeout) {}

  private volatile boolean running;

  /** Takes charge of closing {@code managed.producer()}. */
  public void register(ManagedProducer managed) {
    synchronized (lock) {
      lockedOpen.add(managed);
    }
  }

  /**
   * Takes charge of closing the transactional producers of {@code pool}, before the producers
   * (their transactions' sends may be the last ones).
   */
  public void registerPool(
      String clientName, TransactionalProducerPool<?, ?> pool, Duration closeTimeout) {
    synchronized (lock) {
      lockedOpenPools.add(new ManagedPool(clientName, pool, closeTimeout));
    }
  }

  /** The producers not closed yet, in registration order. */
  public List<ManagedProducer> managedProducers() {
    synchronized (lock) {
      return List.copyOf(lockedOpen);
    }
  }

  @Override
  public void start() {
    for (ManagedProducer managed : managedProducers()) {
      if (managed.startupCheck() != StartupCheck.NONE) {
        checkBrokers(managed);
      }
    }
    running = true;
  }

  @Override
  public void stop() {
    closeAll();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Closes producers still open when the context is destroyed without having been stopped. */
  @Override
  public void destroy() {
    closeAll();
  }

  private void closeAll() {
    List<ManagedProducer> toClose;
    List<ManagedPool> poolsToClose;
    synchronized (lock) {
      toClose = new ArrayList<>(lockedOpen);
      lockedOpen.clear();
      poolsToClose = new ArrayList<>(lockedOpenPools);
      lockedOpenPools.clear();
    }
    for (ManagedPool managed : poolsToClose) {
      try {
        managed.pool().close(managed.closeTimeout());
      } catch (RuntimeException e) {
        log.warn(
            "Closing the transactional producers of Plume producer '{}' failed",
            managed.clientName(),
            e);
      }
    }
    // Reverse creation order, like bean destruction.
    for (int i = toClose.size() - 1; i >= 0; i--) {
      ManagedProducer managed = toClose.get(i);
      try {
        // close(timeout) flushes first; records still pending after the timeout fail.
        managed.producer().close(managed.closeTimeout());
      } catch (RuntimeException e) {
        log.warn("Closing Plume producer '{}' failed", managed.clientName(), e);
      }
    }
  }

  private void checkBrokers(ManagedProducer managed) {
    String problem = startupCheckProblem(managed);
    if (problem == null) {
      log.info(
          "Plume producer '{}' reached the brokers at {}",
          managed.clientName(),
          managed.bootstrapServers());
      return;
    }
    if (managed.startupCheck() == StartupCheck.FAIL) {
      throw new PlumeStartupCheckException(managed.clientName(), problem);
    }
    log.warn("Plume producer '{}' startup check: {}", managed.clientName(), problem);
  }

  /** Null when metadata of the topic arrived in time, else what went wrong. */
  private static String startupCheckProblem(ManagedProducer managed) {
    String topic = managed.startupCheckTopic();
    if (topic == null || topic.isBlank()) {
      return "no topic to fetch metadata for: set plume.producer.startup-check-topic or"
          + " plume.producer.template.default-topic (or the same under"
          + " plume.producer.clients."
          + managed.clientName()
          + ")";
    }
    // partitionsFor may block up to max.block.ms; the check waits only startup-check-timeout.
    CompletableFuture<Integer> partitions = new CompletableFuture<>();
    Thread fetcher =
        new Thread(
            () -> {
              try {
                partitions.complete(managed.producer().partitionsFor(topic).size());
              } catch (RuntimeException | Error e) {
                partitions.completeExceptionally(e);
              }
            },
            "plume-startup-check-" + managed.clientName());
    fetcher.setDaemon(true);
    fetcher.start();
    String where =
        "could not fetch metadata of topic '"
            + topic
            + "' from the brokers at "
            + managed.bootstrapServers();
    try {
      partitions.get(managed.startupCheckTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return where
          + " within "
          + managed.startupCheckTimeout()
          + " (plume.producer.startup-check-timeout); are the brokers running and reachable?";
    } catch (ExecutionException e) {
      return where + ": " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return where + ": interrupted";
    }
  }
}
