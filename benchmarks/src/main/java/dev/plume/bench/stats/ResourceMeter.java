package dev.plume.bench.stats;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples this JVM's CPU time (all threads: application, I/O, GC, JIT), the bytes allocated by
 * every live thread and the GC time, so that a window's cost can be divided by the records it
 * carried.
 *
 * <p>Allocation caveat: HotSpot only reports allocation per live thread, so a thread that dies
 * inside the window loses its bytes ({@link Usage#threadsLost} counts such threads); a thread born
 * inside the window is counted from zero.
 */
public final class ResourceMeter {

  private final com.sun.management.OperatingSystemMXBean os;
  private final com.sun.management.ThreadMXBean threads;
  private final List<GarbageCollectorMXBean> collectors;

  public ResourceMeter() {
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!threads.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM cannot report per-thread allocation");
    }
    threads.setThreadAllocatedMemoryEnabled(true);
    this.collectors = ManagementFactory.getGarbageCollectorMXBeans();
  }

  /** A point-in-time sample. */
  public record Snapshot(
      long nanoTime,
      long cpuNanos,
      Map<Long, Long> allocatedByThread,
      long gcMillis,
      long gcCount) {}

  /** The cost of a window between two snapshots. */
  public record Usage(
      long elapsedNanos,
      long cpuNanos,
      long allocatedBytes,
      long gcMillis,
      long gcCount,
      int threadsLost) {}

  public Snapshot snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        byThread.put(ids[i], bytes[i]);
      }
    }
    long gcMillis = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      gcMillis += Math.max(0, gc.getCollectionTime());
      gcCount += Math.max(0, gc.getCollectionCount());
    }
    return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), byThread, gcMillis, gcCount);
  }

  public static Usage between(Snapshot start, Snapshot end) {
    long allocated = 0;
    for (Map.Entry<Long, Long> e : end.allocatedByThread().entrySet()) {
      allocated += e.getValue() - start.allocatedByThread().getOrDefault(e.getKey(), 0L);
    }
    int lost = 0;
    for (Long id : start.allocatedByThread().keySet()) {
      if (!end.allocatedByThread().containsKey(id)) {
        lost++;
      }
    }
    return new Usage(
        end.nanoTime() - start.nanoTime(),
        end.cpuNanos() - start.cpuNanos(),
        allocated,
        end.gcMillis() - start.gcMillis(),
        end.gcCount() - start.gcCount(),
        lost);
  }
}
