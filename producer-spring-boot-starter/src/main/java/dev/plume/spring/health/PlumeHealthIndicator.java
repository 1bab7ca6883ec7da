package dev.plume.spring.health;

import dev.plume.producer.Producer;
import dev.plume.producer.ProducerStats;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one producer, from {@link Producer#metrics()} only (no extra broker requests, so no
 * replication-factor guesses that are wrong on dev clusters):
 *
 * <ul>
 *   <li>DOWN when the producer failed fatally (fenced, not authorized), with the error;
 *   <li>DOWN when the sender thread has stopped;
 *   <li>DOWN when the buffer has stayed exhausted (threads waiting for memory, or none free) for
 *       {@code bufferExhaustedTimeout};
 *   <li>UP when a broker connection is open or a broker answered within {@code unreachableTimeout};
 *   <li>DOWN when no broker has answered for {@code unreachableTimeout} (or never, that long after
 *       this indicator was created); UNKNOWN before that.
 * </ul>
 *
 * Details: connection count, connected node ids, last error and how long ago it was seen (an old
 * error next to UP is history), buffer available and total, metadata age, last broker contact age.
 */
public class PlumeHealthIndicator extends AbstractHealthIndicator {

  private final Producer<?, ?> producer;
  private final long unreachableTimeoutNanos;
  private final long bufferExhaustedTimeoutNanos;
  private final LongSupplier nanoClock;
  private final long createdNanos;

  private final Object lock = new Object();
  private boolean lockedExhausted;
  private long lockedExhaustedSinceNanos;

  public PlumeHealthIndicator(
      Producer<?, ?> producer, Duration unreachableTimeout, Duration bufferExhaustedTimeout) {
    this(producer, unreachableTimeout, bufferExhaustedTimeout, System::nanoTime);
  }

  /** For tests: {@code nanoClock} is a monotonic nanosecond counter. */
  public PlumeHealthIndicator(
      Producer<?, ?> producer,
      Duration unreachableTimeout,
      Duration bufferExhaustedTimeout,
      LongSupplier nanoClock) {
    super("Plume producer health check failed");
    this.producer = producer;
    this.unreachableTimeoutNanos = unreachableTimeout.toNanos();
    this.bufferExhaustedTimeoutNanos = bufferExhaustedTimeout.toNanos();
    this.nanoClock = nanoClock;
    this.createdNanos = nanoClock.getAsLong();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ProducerStats stats = producer.metrics();
    long now = nanoClock.getAsLong();
    List<Integer> connectedNodes =
        stats.nodes().values().stream()
            .filter(ProducerStats.NodeStats::connected)
            .map(ProducerStats.NodeStats::nodeId)
            .sorted()
            .toList();
    builder
        .withDetail("connections", stats.connectionCount())
        .withDetail("connectedNodes", connectedNodes)
        .withDetail("bufferAvailableBytes", stats.bufferAvailableBytes())
        .withDetail("bufferTotalBytes", stats.bufferTotalBytes())
        .withDetail("metadataAgeMs", stats.metadataAgeMs())
        .withDetail("lastBrokerContactAgeMs", stats.lastBrokerContactAgeMs())
        .withDetail("lastError", stats.lastError() == null ? "none" : stats.lastError())
        .withDetail("lastErrorAgeMs", stats.lastErrorAgeMs());

    if (stats.fatalError() != null) {
      builder
          .down()
          .withDetail("fatalError", stats.fatalError())
          .withDetail(
              "reason",
              "the producer failed fatally and must be replaced (the starter replaces it at its"
                  + " next use): "
                  + stats.fatalError());
      return;
    }
    if (!stats.senderThreadAlive()) {
      builder.down().withDetail("reason", "the producer's sender thread has stopped");
      return;
    }
    long exhaustedForNanos = exhaustedForNanos(stats, now);
    if (exhaustedForNanos >= bufferExhaustedTimeoutNanos) {
      builder
          .down()
          .withDetail(
              "reason",
              "the record buffer has been exhausted for "
                  + Duration.ofNanos(exhaustedForNanos).toMillis()
                  + " ms ("
                  + stats.waitingThreads()
                  + " threads waiting)");
      return;
    }
    long contactAgeMs = stats.lastBrokerContactAgeMs();
    long unreachableMs = Duration.ofNanos(unreachableTimeoutNanos).toMillis();
    if (stats.connectionCount() > 0 || (contactAgeMs >= 0 && contactAgeMs < unreachableMs)) {
      builder.up();
    } else if (contactAgeMs >= 0) {
      builder.down().withDetail("reason", "no broker has answered for " + contactAgeMs + " ms");
    } else if (now - createdNanos >= unreachableTimeoutNanos) {
      builder
          .down()
          .withDetail(
              "reason",
              "no broker has answered since startup ("
                  + Duration.ofNanos(now - createdNanos).toMillis()
                  + " ms)");
    } else {
      builder.unknown().withDetail("reason", "connecting");
    }
  }

  /** How long the buffer has been exhausted at every check in a row, or -1 when it is not. */
  private long exhaustedForNanos(ProducerStats stats, long now) {
    boolean exhausted = stats.waitingThreads() > 0 || stats.bufferAvailableBytes() <= 0;
    synchronized (lock) {
      if (!exhausted) {
        lockedExhausted = false;
        return -1;
      }
      if (!lockedExhausted) {
        lockedExhausted = true;
        lockedExhaustedSinceNanos = now;
      }
      return now - lockedExhaustedSinceNanos;
    }
  }
}
