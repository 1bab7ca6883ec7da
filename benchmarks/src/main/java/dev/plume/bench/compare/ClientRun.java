package dev.plume.bench.compare;

import dev.plume.bench.client.Ack;
import dev.plume.bench.client.ClientAdapter;
import dev.plume.bench.client.ClientKind;
import dev.plume.bench.stats.LatencyHistogram;
import dev.plume.bench.stats.ResourceMeter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of one run: one client, three phases on three topics. Warm-up (unthrottled, JIT and
 * broker warm), throughput (unthrottled for a fixed time, then flush), rate (open loop at a fixed
 * rate: record i is due at start + i/rate, latency = ack time - due time, so a stall cannot hide
 * the sends queued behind it). Prints one {@link RunResult} line.
 *
 * <p>Arguments are {@code key=value}: client, bootstrap, topicPrefix, valueSize, seed, poolBytes,
 * warmupSec, measureSec, rate, and {@code prop.<producer config>=<value>} for each producer
 * setting.
 */
public final class ClientRun {

  private ClientRun() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, Object> configs = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      if (key.startsWith("prop.")) {
        configs.put(key.substring(5), value);
      } else {
        a.put(key, value);
      }
    }
    ClientKind kind = ClientKind.parse(a.get("client"));
    configs.put("bootstrap.servers", a.get("bootstrap"));
    configs.putIfAbsent("client.id", "bench-" + kind.label());
    int valueSize = Integer.parseInt(a.get("valueSize"));
    long poolBytes = Long.parseLong(a.getOrDefault("poolBytes", "16777216"));
    PayloadPool pool =
        PayloadPool.generate(
            valueSize,
            (int) Math.max(1, poolBytes / valueSize),
            Long.parseLong(a.getOrDefault("seed", "42")));
    String prefix = a.get("topicPrefix");
    long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("warmupSec")));
    long measureNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("measureSec")));
    long rate = Long.parseLong(a.get("rate"));

    ResourceMeter meter = new ResourceMeter();
    RunResult result;
    try (ClientAdapter client = kind.create(configs)) {
      // Metadata for all three topics first: the windows measure steady sending, not the first
      // metadata round trip of a fresh topic (which the open loop would charge to every record
      // due while it lasts).
      for (String phase : new String[] {"-warm", "-tput", "-rate"}) {
        client.partitionsFor(prefix + phase);
      }
      Counting warm = new Counting();
      long warmSent = sendFor(client, prefix + "-warm", pool, warmupNanos, warm);
      client.flush();
      warm.await(warmSent);

      // The first produce to a fresh topic stalls ~200 ms at the broker (both clients alike); in
      // the open loop it would dominate p99. Prime the measured topics so the windows measure
      // steady state.
      prime(client, prefix + "-tput", pool);
      prime(client, prefix + "-rate", pool);

      Counting tput = new Counting();
      ResourceMeter.Snapshot t0 = meter.snapshot();
      long tputSent = sendFor(client, prefix + "-tput", pool, measureNanos, tput);
      client.flush();
      tput.await(tputSent);
      ResourceMeter.Usage tputUsage = ResourceMeter.between(t0, meter.snapshot());

      long rateRecords = rate * TimeUnit.NANOSECONDS.toSeconds(measureNanos);
      OpenLoop open = new OpenLoop((int) Math.min(rateRecords, Math.max(1024, rate * 4)));
      ResourceMeter.Snapshot r0 = meter.snapshot();
      open.run(client, prefix + "-rate", pool, rate, rateRecords);
      client.flush();
      open.await(rateRecords);
      ResourceMeter.Usage rateUsage = ResourceMeter.between(r0, meter.snapshot());
      LatencyHistogram h = open.histogram;

      result =
          new RunResult(
              kind.label(),
              tput.acked.get(),
              tput.errors.get(),
              tputUsage.elapsedNanos(),
              tputUsage.cpuNanos(),
              tputUsage.allocatedBytes(),
              tputUsage.gcMillis(),
              open.acked.get(),
              open.errors.get(),
              rateUsage.elapsedNanos(),
              rateUsage.cpuNanos(),
              rateUsage.allocatedBytes(),
              rateUsage.gcMillis(),
              h.valueAtPercentile(50),
              h.valueAtPercentile(99),
              h.valueAtPercentile(99.9),
              h.max(),
              tputUsage.threadsLost() + rateUsage.threadsLost());
      if (tput.firstError.get() != null || open.firstError.get() != null) {
        System.err.println(
            "first send error: "
                + (tput.firstError.get() != null ? tput.firstError.get() : open.firstError.get()));
      }
    }
    System.out.println(result.format());
    System.out.flush();
  }

  /** Records sent (and flushed) to a measured topic before its window: reach every partition. */
  static final int PRIME_RECORDS = 5000;

  private static void prime(ClientAdapter client, String topic, PayloadPool pool)
      throws InterruptedException {
    Counting prime = new Counting();
    for (int i = 0; i < PRIME_RECORDS; i++) {
      client.send(topic, null, pool.get(i), prime);
    }
    client.flush();
    prime.await(PRIME_RECORDS);
  }

  /** Sends unthrottled, cycling through the pool, until {@code nanos} passed; returns the count. */
  private static long sendFor(
      ClientAdapter client, String topic, PayloadPool pool, long nanos, Ack ack) {
    long end = System.nanoTime() + nanos;
    long i = 0;
    do {
      // check the clock once per 64 sends: nanoTime is cheap but not free
      for (int k = 0; k < 64; k++) {
        client.send(topic, null, pool.get(i++), ack);
      }
    } while (System.nanoTime() < end);
    return i;
  }

  /** One shared callback that counts outcomes. */
  private static final class Counting extends Ack {
    final AtomicLong acked = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<Exception> firstError = new AtomicReference<>();

    @Override
    protected void completed(Exception exception) {
      if (exception == null) {
        acked.incrementAndGet();
      } else {
        firstError.compareAndSet(null, exception);
        errors.incrementAndGet();
      }
    }

    void await(long expected) throws InterruptedException {
      awaitCount(expected, acked, errors);
    }
  }

  private static void awaitCount(long expected, AtomicLong acked, AtomicLong errors)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (acked.get() + errors.get() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + (acked.get() + errors.get()) + " of " + expected + " records completed");
      }
      Thread.sleep(1);
    }
  }

  /** Open-loop sender with a ring of reusable callbacks, each carrying its record's due time. */
  private static final class OpenLoop {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    final LatencyHistogram histogram = new LatencyHistogram();
    // Diagnostics (PLUME_BENCH_TIMELINE=1): worst latency per 50 ms of due time, printed to stderr,
    // to tell a start-up effect from periodic stalls. Written by the client's I/O thread only.
    final long[] worstMicrosPerBucket =
        "1".equals(System.getenv("PLUME_BENCH_TIMELINE")) ? new long[4096] : null;
    long startNanos;
    final AtomicLong acked = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final Slot[] ring;

    OpenLoop(int slots) {
      ring = new Slot[slots];
      for (int i = 0; i < slots; i++) {
        ring[i] = new Slot();
      }
    }

    void run(ClientAdapter client, String topic, PayloadPool pool, long rate, long records) {
      double nanosPerRecord = 1e9 / rate;
      long start = System.nanoTime();
      startNanos = start;
      for (long i = 0; i < records; i++) {
        long due = start + (long) (i * nanosPerRecord);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          // Sleep at least a tick: a timed park per record costs a timer wake-up each (tens of
          // microseconds of CPU in a VM at 50k/s), which would bury both clients' cost. Records
          // that fell due meanwhile go out back to back; their latency counts from their due time.
          LockSupport.parkNanos(Math.max(wait, TICK_NANOS));
        }
        Slot slot = ring[(int) (i % ring.length)];
        if (slot.inFlight) {
          slot = new Slot(); // more records outstanding than slots: rare, costs one object
        }
        slot.dueNanos = due;
        slot.inFlight = true;
        client.send(topic, null, pool.get(i), slot);
      }
    }

    void await(long expected) throws InterruptedException {
      awaitCount(expected, acked, errors);
      if (worstMicrosPerBucket != null) {
        StringBuilder line = new StringBuilder("TIMELINE worst us per 50 ms:");
        for (long w : worstMicrosPerBucket) {
          if (w > 0) {
            line.append(' ').append(w);
          }
        }
        System.err.println(line);
      }
    }

    private final class Slot extends Ack {
      long dueNanos;
      volatile boolean inFlight;

      @Override
      protected void completed(Exception exception) {
        if (exception == null) {
          long micros = (System.nanoTime() - dueNanos) / 1000;
          histogram.record(micros);
          if (worstMicrosPerBucket != null) {
            int b =
                (int)
                    Math.min(
                        worstMicrosPerBucket.length - 1, (dueNanos - startNanos) / BUCKET_NANOS);
            worstMicrosPerBucket[b] = Math.max(worstMicrosPerBucket[b], micros);
          }
          acked.incrementAndGet(); // publishes the histogram write to the awaiting thread
        } else {
          firstError.compareAndSet(null, exception);
          errors.incrementAndGet();
        }
        inFlight = false;
      }
    }
  }
}
