package dev.plume.bench.compare;

import dev.plume.bench.client.Ack;
import dev.plume.bench.client.ClientAdapter;
import dev.plume.bench.client.ClientKind;
import dev.plume.bench.stats.LatencyHistogram;
import dev.plume.bench.stats.ResourceMeter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>With {@code threads} > 1, that many application threads send at once (sharing the producers,
 * so they contend on its accumulator); in the rate window thread t sends records t, t + threads,
 * ..., each due at its own time, so the fixed rate is split evenly. With {@code producers} > 1,
 * that many producers are open in this JVM and each thread rotates its records across them. The
 * sending threads live for the whole run, so {@link ResourceMeter} (every live thread of the JVM)
 * counts their allocation together with the clients' own threads.
 *
 * <p>Arguments are {@code key=value}: client, bootstrap, topicPrefix, valueSize, threads,
 * producers, seed, poolBytes, warmupSec, measureSec, rate, and {@code prop.<producer
 * config>=<value>} for each producer setting.
 */
public final class ClientRun {

  private ClientRun() {}

  public static void main(String[] args) throws Exception {
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
    int valueSize = Integer.parseInt(a.get("valueSize"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
    int producerCount = Integer.parseInt(a.getOrDefault("producers", "1"));
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
    ClientAdapter[] clients = new ClientAdapter[producerCount];
    Senders senders = new Senders(threads);
    RunResult result;
    try {
      for (int p = 0; p < producerCount; p++) {
        Map<String, Object> own = new LinkedHashMap<>(configs);
        own.putIfAbsent("client.id", "bench-" + kind.label() + (producerCount > 1 ? "-" + p : ""));
        clients[p] = kind.create(own);
      }
      // Metadata for all three topics first: the windows measure steady sending, not the first
      // metadata round trip of a fresh topic (which the open loop would charge to every record
      // due while it lasts).
      for (ClientAdapter client : clients) {
        for (String phase : new String[] {"-warm", "-tput", "-rate"}) {
          client.partitionsFor(prefix + phase);
        }
      }
      Counting warm = new Counting();
      long warmSent =
          senders.sum(t -> sendFor(clients, t, threads, prefix + "-warm", pool, warmupNanos, warm));
      flushAll(clients);
      warm.await(warmSent);
      warmOpenLoop(clients, senders, producerCount, threads, prefix + "-warm", pool, rate);

      // The first produce to a fresh topic stalls ~200 ms at the broker (both clients alike); in
      // the open loop it would dominate p99. Prime the measured topics so the windows measure
      // steady state: every partition gets records from every producer (see prime), so no
      // partition starts its idempotent producer-id/sequence chain inside a window.
      prime(clients, prefix + "-tput", pool);
      prime(clients, prefix + "-rate", pool);

      Counting tput = new Counting();
      ResourceMeter.Snapshot t0 = meter.snapshot();
      long tputSent =
          senders.sum(
              t -> sendFor(clients, t, threads, prefix + "-tput", pool, measureNanos, tput));
      flushAll(clients);
      tput.await(tputSent);
      ResourceMeter.Usage tputUsage = ResourceMeter.between(t0, meter.snapshot());

      long rateRecords = rate * TimeUnit.NANOSECONDS.toSeconds(measureNanos);
      OpenLoop open = OpenLoop.forRecords(producerCount, threads, rateRecords, rate);
      long[] io0 = ioThreadCounters(clients); // before r0: reading the stats allocates
      long[] sent0 = requestCounters(clients);
      long jit0 = compilationMillis();
      long javaCpu0 = javaThreadsCpuNanos();
      ResourceMeter.Snapshot r0 = meter.snapshot();
      open.start();
      senders.sum(t -> open.run(clients, t, prefix + "-rate", pool, rateRecords));
      flushAll(clients);
      open.await(rateRecords);
      ResourceMeter.Usage rateUsage = ResourceMeter.between(r0, meter.snapshot());
      printIoThreadRates(io0, ioThreadCounters(clients), rateUsage, open.acked.get());
      printBatching(sent0, requestCounters(clients), clients);
      long javaCpu1 = javaThreadsCpuNanos();
      printCpuSplit(
          javaCpu0 < 0 || javaCpu1 < 0 ? -1 : javaCpu1 - javaCpu0,
          jit0,
          compilationMillis(),
          rateUsage,
          rateRecords);
      LatencyHistogram h = open.merged();
      Footprint footprint = Footprint.sample();

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
              tputUsage.threadsLost() + rateUsage.threadsLost(),
              footprint.liveThreads(),
              footprint.heapAfterGcBytes(),
              footprint.directBufferBytes());
      if (tput.firstError.get() != null || open.firstError.get() != null) {
        System.err.println(
            "first send error: "
                + (tput.firstError.get() != null ? tput.firstError.get() : open.firstError.get()));
      }
    } finally {
      senders.close();
      for (ClientAdapter client : clients) {
        if (client != null) {
          client.close();
        }
      }
    }
    System.out.println(result.format());
    System.out.flush();
  }

  /** Seconds of open loop at the rate, on the warm-up topic, before the measured windows. */
  static final long OPEN_LOOP_WARMUP_SEC = 2;

  /**
   * The rate window's own code, run once before it is measured: the open loop and, above all, its
   * callback class. Without it the first {@code Slot} to reach a client's call sites (a callback
   * stored in an array, called on completion) made the JIT throw away and recompile the send and
   * completion paths compiled for {@code Counting} during the warm-up, inside the measured rate
   * window: seconds of compiler-thread CPU charged to the records of that window, more for a client
   * that stores the caller's callback itself (Plume's own API) than for one that wraps it in its
   * own object (the kafka-clients API). With both classes seen here, the measured windows run code
   * compiled for both.
   */
  private static void warmOpenLoop(
      ClientAdapter[] clients,
      Senders senders,
      int producerCount,
      int threads,
      String topic,
      PayloadPool pool,
      long rate)
      throws Exception {
    long records = Math.max(threads, rate * OPEN_LOOP_WARMUP_SEC);
    OpenLoop warm = OpenLoop.forRecords(producerCount, threads, records, rate);
    warm.start();
    senders.sum(t -> warm.run(clients, t, topic, pool, records));
    flushAll(clients);
    warm.await(records);
  }

  /** Milliseconds the JIT compilers spent so far (summed over compiler threads), or -1. */
  private static long compilationMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  /**
   * CPU time of every live Java thread: the sending threads and the client's own (I/O thread,
   * timers), not the JIT compiler or GC threads, which HotSpot does not list. A thread that ends in
   * between loses its time.
   */
  private static long javaThreadsCpuNanos() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long sum = 0;
    for (long nanos : threads.getThreadCpuTime(threads.getAllThreadIds())) {
      sum += Math.max(0, nanos);
    }
    return sum;
  }

  /**
   * One line per run: the rate window's process CPU split into the Java threads (the code that
   * sends, completes and does I/O) and the rest (JIT compilers, GC, VM threads), per record, and
   * how long the compilers were busy. Process CPU counts the compiler threads, so a window that
   * still compiles (or recompiles after a deoptimisation) shows here rather than as a mysteriously
   * expensive record. HotSpot reports elapsed compile time summed over compiler threads, not their
   * CPU: on a loaded machine it exceeds the CPU they got.
   */
  private static void printCpuSplit(
      long javaThreadsCpuNanos,
      long jitBefore,
      long jitAfter,
      ResourceMeter.Usage usage,
      long records) {
    if (javaThreadsCpuNanos < 0 || records <= 0) {
      return;
    }
    double perRecord = 1e3 * records;
    System.out.printf(
        Locale.ROOT,
        "CPU @rate: %.2f us/record = Java threads %.2f + JIT, GC and VM threads %.2f;"
            + " compilers busy %s ms in the window%n",
        usage.cpuNanos() / perRecord,
        javaThreadsCpuNanos / perRecord,
        (usage.cpuNanos() - javaThreadsCpuNanos) / perRecord,
        jitBefore < 0 || jitAfter < 0 ? "?" : String.valueOf(jitAfter - jitBefore));
  }

  /**
   * Plume's I/O thread rounds and wake-ups, summed over the producers, from the typed stats the
   * adapter lists ({@code ioRoundsTotal}, {@code ioWakeupsTotal}); null for a client without them.
   */
  private static long[] ioThreadCounters(ClientAdapter[] clients) {
    long rounds = 0;
    long wakeups = 0;
    for (ClientAdapter client : clients) {
      Map<String, Object> m = client.metrics();
      if (!(m.get("plume-producer:ioRoundsTotal") instanceof Long r)
          || !(m.get("plume-producer:ioWakeupsTotal") instanceof Long w)) {
        return null;
      }
      rounds += r;
      wakeups += w;
    }
    return new long[] {rounds, wakeups};
  }

  /**
   * Requests and records sent so far, summed over the producers, from either client's metrics
   * (kafka-clients: {@code request-total}, which also counts its few metadata requests, and {@code
   * record-send-total}; Plume: {@code requestsTotal} and {@code recordsSentTotal}); null when a
   * client has neither.
   */
  private static long[] requestCounters(ClientAdapter[] clients) {
    long requests = 0;
    long records = 0;
    for (ClientAdapter client : clients) {
      Map<String, Object> m = client.metrics();
      Number r = metric(m, "plume-producer:requestsTotal", "producer-metrics:request-total:");
      Number s =
          metric(m, "plume-producer:recordsSentTotal", "producer-metrics:record-send-total:");
      if (r == null || s == null) {
        return null;
      }
      requests += r.longValue();
      records += s.longValue();
    }
    return new long[] {requests, records};
  }

  /** A metric by Plume's name, else the first kafka-clients metric whose key starts so. */
  private static Number metric(Map<String, Object> m, String plumeName, String kafkaPrefix) {
    if (m.get(plumeName) instanceof Number n) {
      return n;
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getKey().startsWith(kafkaPrefix) && e.getValue() instanceof Number n) {
        return n;
      }
    }
    return null;
  }

  /**
   * One line per run: the rate window's records per request (from the counters' deltas), then the
   * batch size and queue time averages as the first producer reports them at the end of the window
   * (kafka-clients: over its metrics' sample windows, 2 x 30 s, so they include the earlier
   * windows; Plume: since the producer started). Counts to compare how the two batch at the same
   * rate, not timings.
   */
  private static void printBatching(long[] before, long[] after, ClientAdapter[] clients) {
    if (before == null || after == null) {
      return;
    }
    Map<String, Object> m = clients[0].metrics();
    Number batchBytes =
        metric(m, "plume-producer:batchSizeAvgBytes", "producer-metrics:batch-size-avg:");
    Number queueAvg =
        metric(m, "plume-producer:recordQueueTimeAvgMs", "producer-metrics:record-queue-time-avg:");
    Number queueMax =
        metric(m, "plume-producer:recordQueueTimeMaxMs", "producer-metrics:record-queue-time-max:");
    long requests = after[0] - before[0];
    System.out.printf(
        Locale.ROOT,
        "Batching @rate: %d requests, %.1f records/request; at the end: batch-size-avg %.0f B,"
            + " record-queue-time-avg %.2f ms, max %.0f ms%n",
        requests,
        requests == 0 ? 0.0 : (double) (after[1] - before[1]) / requests,
        batchBytes == null ? Double.NaN : batchBytes.doubleValue(),
        queueAvg == null ? Double.NaN : queueAvg.doubleValue(),
        queueMax == null ? Double.NaN : queueMax.doubleValue());
  }

  /**
   * One line per run (the driver shows it with the client's label): the rate window's I/O rates.
   */
  private static void printIoThreadRates(
      long[] before, long[] after, ResourceMeter.Usage usage, long records) {
    if (before == null || after == null) {
      return;
    }
    double seconds = usage.elapsedNanos() / 1e9;
    long rounds = after[0] - before[0];
    long wakeups = after[1] - before[1];
    System.out.printf(
        Locale.ROOT,
        "I/O thread @rate: %.0f rounds/s, %.0f wake-ups/s, %.1f records/round%n",
        rounds / seconds,
        wakeups / seconds,
        rounds == 0 ? 0.0 : (double) records / rounds);
  }

  /**
   * Records sent (and flushed) to each measured topic before its window, to get past the broker's
   * first-produce stall: 5,000, fewer for large values (8 MiB at most; 81 records of 100 KB), but
   * never fewer than one per partition per producer, so that priming reaches every partition from
   * every producer. The driver subtracts them from the broker's end offsets.
   */
  static int primeRecords(int valueSizeBytes, int partitions, int producers) {
    int bySize = (int) Math.max(16, Math.min(5000, (8L << 20) / valueSizeBytes));
    return Math.max(bySize, partitions * producers);
  }

  /**
   * Sends {@link #primeRecords} records to the topic round-robin over its partitions by explicit
   * partition (record {@code i} to partition {@code i % partitions}) and over the producers, then
   * waits for all of them. With null keys the sticky partitioner would fill only a few partitions
   * (5,000 records of 100 B are ~30 default batches: ~30 of 1,000 partitions), and the others would
   * start their producer-id/sequence chain and the broker's first-append work on that partition
   * inside the measured window. Both clients are primed the same way, so this is fair to both.
   */
  private static void prime(ClientAdapter[] clients, String topic, PayloadPool pool)
      throws InterruptedException {
    Counting prime = new Counting();
    int partitions = clients[0].partitionsFor(topic);
    int records = primeRecords(pool.get(0).length, partitions, clients.length);
    for (int i = 0; i < records; i++) {
      // Partition changes every record, producer every full pass, so each producer reaches each
      // partition once records >= partitions * producers.
      clients[(i / partitions) % clients.length].sendToPartition(
          topic, i % partitions, pool.get(i), prime);
    }
    flushAll(clients);
    prime.await(records);
  }

  private static void flushAll(ClientAdapter[] clients) {
    for (ClientAdapter client : clients) {
      client.flush();
    }
  }

  /**
   * Sends unthrottled from sending thread {@code thread} of {@code threads}, cycling through the
   * pool and rotating across the producers, until {@code nanos} passed; returns the count.
   */
  private static long sendFor(
      ClientAdapter[] clients,
      int thread,
      int threads,
      String topic,
      PayloadPool pool,
      long nanos,
      Ack ack) {
    long end = System.nanoTime() + nanos;
    long i = thread;
    long sent = 0;
    int producer = thread % clients.length;
    do {
      // check the clock once per 64 sends: nanoTime is cheap but not free
      for (int k = 0; k < 64; k++) {
        clients[producer].send(topic, null, pool.get(i), ack);
        i += threads;
        if (++producer == clients.length) {
          producer = 0;
        }
      }
      sent += 64;
    } while (System.nanoTime() < end);
    return sent;
  }

  /** A task of one sending thread; returns what it sent. */
  @FunctionalInterface
  private interface SenderTask {
    long run(int thread) throws Exception;
  }

  /**
   * The application threads that send. One thread sends on the main thread (as before threads were
   * a case axis); more are started once and live for the whole run, so their allocation is in every
   * window's {@link ResourceMeter} snapshot.
   */
  private static final class Senders implements AutoCloseable {
    private final int threads;
    private final ThreadPoolExecutor pool;

    Senders(int threads) {
      this.threads = threads;
      if (threads == 1) {
        pool = null;
      } else {
        AtomicLong ids = new AtomicLong();
        pool =
            new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.HOURS,
                new LinkedBlockingQueue<>(),
                r -> {
                  Thread t = new Thread(r, "bench-sender-" + ids.getAndIncrement());
                  t.setDaemon(true);
                  return t;
                });
        pool.prestartAllCoreThreads();
      }
    }

    /** Runs the task on every sending thread at once and sums the results. */
    long sum(SenderTask task) throws Exception {
      if (pool == null) {
        return task.run(0);
      }
      List<Future<Long>> futures = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> task.run(thread)));
      }
      long sum = 0;
      for (Future<Long> f : futures) {
        try {
          sum += f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a sending thread failed", e.getCause());
        }
      }
      return sum;
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** The JVM's footprint with every producer open, after the windows. */
  private record Footprint(int liveThreads, long heapAfterGcBytes, long directBufferBytes) {
    static Footprint sample() {
      int liveThreads = ManagementFactory.getThreadMXBean().getThreadCount();
      System.gc(); // heap used right after a full GC = what the producers hold on to
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long direct = 0;
      for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if (b.getName().equals("direct")) {
          direct = b.getMemoryUsed();
        }
      }
      return new Footprint(liveThreads, heap, direct);
    }
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

  /**
   * Open-loop sender: thread t of n sends records t, t + n, ..., record i due at start + i/rate,
   * each thread with its own ring of reusable callbacks carrying the due time. Latencies go to one
   * histogram per producer, written only by that producer's I/O thread, merged at the end.
   */
  private static final class OpenLoop {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    final LatencyHistogram[] histograms;
    // Diagnostics (PLUME_BENCH_TIMELINE=1): worst latency per 50 ms of due time, printed to stderr,
    // to tell a start-up effect from periodic stalls. Written by the clients' I/O threads (racy
    // with several producers; diagnostics only).
    final long[] worstMicrosPerBucket =
        "1".equals(System.getenv("PLUME_BENCH_TIMELINE")) ? new long[4096] : null;
    final double nanosPerRecord;
    final int threads;
    private final Slot[][] rings;
    long startNanos;
    final AtomicLong acked = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<Exception> firstError = new AtomicReference<>();

    /**
     * An open loop for {@code records} records at {@code rate}: each thread's ring holds about 4 s
     * of its share of the records (at least 1,024 slots), never more than the records sent.
     */
    static OpenLoop forRecords(int producers, int threads, long records, long rate) {
      return new OpenLoop(
          producers, threads, (int) Math.min(records, Math.max(1024, rate * 4 / threads)), rate);
    }

    OpenLoop(int producers, int threads, int slotsPerThread, long rate) {
      histograms = new LatencyHistogram[producers];
      for (int p = 0; p < producers; p++) {
        histograms[p] = new LatencyHistogram();
      }
      this.threads = threads;
      this.nanosPerRecord = 1e9 / rate;
      // allocated here, before the window's first snapshot
      rings = new Slot[threads][slotsPerThread];
      for (Slot[] ring : rings) {
        for (int i = 0; i < ring.length; i++) {
          ring[i] = new Slot();
        }
      }
    }

    /** Fixes the schedule's time zero; call before the sending threads {@link #run}. */
    void start() {
      startNanos = System.nanoTime();
    }

    long run(ClientAdapter[] clients, int thread, String topic, PayloadPool pool, long records) {
      Slot[] ring = rings[thread];
      long start = startNanos;
      long sent = 0;
      int producer = thread % clients.length;
      for (long i = thread; i < records; i += threads) {
        long due = start + (long) (i * nanosPerRecord);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          // Sleep at least a tick: a timed park per record costs a timer wake-up each (tens of
          // microseconds of CPU in a VM at 50k/s), which would bury both clients' cost. Records
          // that fell due meanwhile go out back to back; their latency counts from their due time.
          LockSupport.parkNanos(Math.max(wait, TICK_NANOS));
        }
        Slot slot = ring[(int) (sent % ring.length)];
        if (slot.inFlight) {
          slot = new Slot(); // more records outstanding than slots: rare, costs one object
        }
        slot.dueNanos = due;
        slot.histogram = histograms[producer];
        slot.inFlight = true;
        clients[producer].send(topic, null, pool.get(i), slot);
        sent++;
        if (++producer == clients.length) {
          producer = 0;
        }
      }
      return sent;
    }

    LatencyHistogram merged() {
      LatencyHistogram all = new LatencyHistogram();
      for (LatencyHistogram h : histograms) {
        all.add(h);
      }
      return all;
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
      LatencyHistogram histogram;
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
