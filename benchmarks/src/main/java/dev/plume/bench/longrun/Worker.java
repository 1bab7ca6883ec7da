package dev.plume.bench.longrun;

import dev.plume.bench.history.HistoryLog;
import dev.plume.bench.history.RecordId;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One producer role of the long run, on its own thread: sends at a steady rate to random partitions
 * and logs every send and outcome. A producer that hits a fatal error is closed and replaced by a
 * new instance, a new generation ({@code <role>.g<n>}) with sequence numbers of its own.
 */
abstract class Worker implements Runnable {

  static final int VALUE_BYTES = 100;

  final String role;
  final String topic;
  final int partitions;
  final int ratePerSec;
  final Map<String, Object> baseSettings;
  final HistoryLog history;
  final Random random;
  final AtomicLong generations = new AtomicLong();
  final AtomicLong sendErrors = new AtomicLong();
  private volatile boolean stopping;
  private long sendCount;
  private long startNs;

  PlumeProducer<byte[], byte[]> producer;
  String instance;
  long seq;

  Worker(
      String role,
      String topic,
      int partitions,
      int ratePerSec,
      Map<String, Object> baseSettings,
      HistoryLog history,
      long seed) {
    this.role = role;
    this.topic = topic;
    this.partitions = partitions;
    this.ratePerSec = ratePerSec;
    this.baseSettings = Map.copyOf(baseSettings);
    this.history = history;
    this.random = new Random(seed);
  }

  /** Asks the worker to finish what it is doing (a transaction ends first) and return. */
  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  /** Settings of a new producer instance, on top of the base settings. */
  abstract Map<String, Object> settings();

  /** Runs until stopped: opens a producer, works with it, replaces it after a fatal error. */
  abstract void work() throws InterruptedException;

  @Override
  public void run() {
    startNs = System.nanoTime();
    try {
      work();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeProducer();
      history.flush();
    }
  }

  void openProducer() {
    instance = role + ".g" + generations.incrementAndGet();
    seq = 0;
    Map<String, Object> all = new HashMap<>(baseSettings);
    all.putAll(settings());
    all.put("client.id", instance);
    producer = new PlumeProducer<>(all, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void closeProducer() {
    if (producer != null) {
      // Waits for every outcome; a record still pending after this is logged as unfinished.
      producer.close(Duration.ofMinutes(3));
      producer = null;
    }
  }

  /** Sends one record, paced to the rate, logging it first and its outcome from the callback. */
  void sendOne(long txn) throws InterruptedException {
    pace();
    RecordId id = new RecordId(instance, seq++);
    int partition = random.nextInt(partitions);
    history.sent(id, topic, partition, txn);
    try {
      producer.send(
          new ProducerRecord<>(
              topic, partition, role.getBytes(StandardCharsets.UTF_8), id.toValue(VALUE_BYTES)),
          (metadata, error) -> {
            if (error == null) {
              history.acked(id, metadata.partition(), metadata.offset());
            } else {
              history.failed(id, error);
            }
          });
    } catch (RuntimeException e) {
      // send() threw: the callback may or may not have run; a second outcome would be a bug we
      // want to see, so only log when no callback can come (the record never entered the buffer).
      sendErrors.incrementAndGet();
      history.failed(id, e);
      throw e;
    }
  }

  private void pace() throws InterruptedException {
    long dueNs = startNs + sendCount++ * TimeUnit.SECONDS.toNanos(1) / ratePerSec;
    long now = System.nanoTime();
    if (now - dueNs > TimeUnit.SECONDS.toNanos(1)) {
      dueNs = now; // after a long block in send(), do not make up for lost time in a burst
      startNs = now;
      sendCount = 1;
    }
    while ((now = System.nanoTime()) < dueNs) {
      LockSupport.parkNanos(dueNs - now);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }
}
