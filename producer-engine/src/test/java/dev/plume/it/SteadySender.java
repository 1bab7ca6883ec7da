package dev.plume.it;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends records at a fixed rate (open loop) with 8-byte sequence numbers in the values, and counts
 * each record's outcome: acknowledged, failed, or (a bug) completed more than once.
 */
final class SteadySender {

  final AtomicLong acked = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong completedTwice = new AtomicLong();
  final ConcurrentHashMap<String, AtomicLong> failures = new ConcurrentHashMap<>();
  volatile long maxSendBlockNs;
  volatile Exception firstFailure;
  private final java.util.BitSet completed = new java.util.BitSet();

  /**
   * Sends {@code count} records at {@code ratePerSec}, calling {@code atSecond} hooks from this
   * thread's schedule by way of {@code events} (which must not block for long).
   */
  long run(
      PlumeProducer<byte[], byte[]> producer,
      String topic,
      int count,
      int ratePerSec,
      java.util.function.LongConsumer onEachSecond) {
    long startNs = System.nanoTime();
    long intervalNs = 1_000_000_000L / ratePerSec;
    long lastSecond = -1;
    for (int seq = 0; seq < count; seq++) {
      long dueNs = startNs + seq * intervalNs;
      long now;
      while ((now = System.nanoTime()) < dueNs) {
        LockSupport.parkNanos(dueNs - now);
      }
      long second = (now - startNs) / 1_000_000_000L;
      if (second != lastSecond) {
        lastSecond = second;
        onEachSecond.accept(second);
      }
      final int s = seq;
      long before = System.nanoTime();
      producer.send(
          new ProducerRecord<>(topic, DeliveryAudit.value(seq, 100)),
          (md, e) -> {
            synchronized (completed) {
              if (completed.get(s)) {
                completedTwice.incrementAndGet();
              }
              completed.set(s);
            }
            if (e == null) {
              acked.incrementAndGet();
            } else {
              if (failed.incrementAndGet() == 1) {
                firstFailure = e;
              }
              failures
                  .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                  .incrementAndGet();
            }
          });
      maxSendBlockNs = Math.max(maxSendBlockNs, System.nanoTime() - before);
    }
    return (System.nanoTime() - startNs) / 1_000_000;
  }

  long outcomes() {
    synchronized (completed) {
      return completed.cardinality();
    }
  }
}
