package dev.plume.bench.longrun;

import dev.plume.broker.FaultProxy;
import dev.plume.broker.FaultProxy.Direction;
import dev.plume.broker.KafkaNode;
import dev.plume.broker.ProxiedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Random faults, one at a time, on its own thread until stopped: a pause of 2 to 8 s between
 * faults, each fault lasting 2 to 10 s, then healed. Proxy faults hit one broker's proxy or all;
 * broker faults are SIGKILL and restart, SIGSTOP then SIGCONT, and leader moves (the replica order
 * of a partition rotated, then a preferred-leader election). Each fault is logged with its time.
 */
final class FaultInjector implements Runnable {

  private static final int PRODUCE = 0;

  private final ProxiedCluster cluster;
  private final Admin admin;
  private final String topic;
  private final Random random;
  private final PrintStream log;
  private final long startNs = System.nanoTime();
  private final Map<String, Integer> counts = new TreeMap<>();
  private volatile boolean stopping;

  FaultInjector(ProxiedCluster cluster, Admin admin, String topic, long seed, PrintStream log) {
    this.cluster = cluster;
    this.admin = admin;
    this.topic = topic;
    this.random = new Random(seed);
    this.log = log;
  }

  void stop() {
    stopping = true;
  }

  /** Faults carried out so far, by kind. */
  synchronized Map<String, Integer> counts() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        pause(2_000 + random.nextInt(6_000));
        if (stopping) {
          break;
        }
        oneFault(2_000 + random.nextInt(8_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      note("fault injector stopped on " + e);
    } finally {
      healAll();
    }
  }

  private void oneFault(long durationMs) throws InterruptedException {
    int node = random.nextInt(cluster.cluster().size());
    boolean allProxies = random.nextInt(4) == 0;
    List<FaultProxy> proxies = allProxies ? cluster.proxies() : List.of(cluster.proxy(node));
    String target = allProxies ? "all proxies" : "proxy " + node;
    int kind = random.nextInt(12);
    switch (kind) {
      case 0 -> proxyFault("stall", target, durationMs, proxies, p -> p.stall(true));
      case 1 -> proxyFault("reset", target, 0, proxies, FaultProxy::resetAll);
      case 2 ->
          proxyFault(
              "refuse", target, durationMs, proxies, p -> p.refuseConnections(true).resetAll());
      case 3 -> {
        Duration delay = Duration.ofMillis(50 + random.nextInt(450));
        proxyFault(
            "latency-" + delay.toMillis() + "ms",
            target,
            durationMs,
            proxies,
            p -> p.latency(Direction.TO_BROKER, delay).latency(Direction.TO_CLIENT, delay));
      }
      case 4 -> proxyFault("cut", target, durationMs, proxies, p -> p.cutResponses(2));
      case 5 ->
          proxyFault("lose-produce", target, durationMs, proxies, p -> p.loseResponses(PRODUCE, 3));
      case 6 ->
          proxyFault(
              "half-open-to-client",
              target,
              Math.min(durationMs, 4_000),
              proxies,
              p -> p.halfOpen(Direction.TO_CLIENT, true));
      case 7 -> proxyFault("bandwidth", target, durationMs, proxies, p -> p.bandwidth(50_000));
      case 8, 9 -> killAndRestart(node, durationMs);
      case 10 -> stopAndContinue(node, Math.min(durationMs, 8_000));
      default -> moveLeader();
    }
  }

  private void proxyFault(
      String name,
      String target,
      long durationMs,
      List<FaultProxy> proxies,
      java.util.function.Consumer<FaultProxy> fault)
      throws InterruptedException {
    count("proxy-" + name);
    note(name + " on " + target + " for " + durationMs + " ms");
    proxies.forEach(fault);
    try {
      pause(durationMs);
    } finally {
      proxies.forEach(FaultProxy::clear);
    }
  }

  private void killAndRestart(int node, long downMs) throws InterruptedException {
    count("sigkill");
    KafkaNode victim = cluster.cluster().node(node);
    note("SIGKILL broker " + node + ", restart after " + downMs + " ms");
    victim.kill();
    try {
      pause(downMs);
    } finally {
      victim.start();
      note("broker " + node + " serving again");
    }
  }

  private void stopAndContinue(int node, long stoppedMs) throws InterruptedException {
    Optional<ProcessHandle> process = brokerProcess(node);
    if (process.isEmpty()) {
      note("no process for broker " + node + "; SIGSTOP skipped");
      return;
    }
    count("sigstop");
    long pid = process.get().pid();
    note("SIGSTOP broker " + node + " (pid " + pid + ") for " + stoppedMs + " ms");
    signal("STOP", pid);
    try {
      pause(stoppedMs);
    } finally {
      signal("CONT", pid);
    }
  }

  private void moveLeader() {
    count("leader-move");
    try {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      TopicPartitionInfo partition =
          description.partitions().get(random.nextInt(description.partitions().size()));
      List<Integer> replicas = new ArrayList<>();
      partition.replicas().forEach(n -> replicas.add(n.id()));
      Collections.rotate(replicas, -1);
      org.apache.kafka.common.TopicPartition tp =
          new org.apache.kafka.common.TopicPartition(topic, partition.partition());
      Node leader = partition.leader();
      note(
          "leader move of "
              + tp
              + " from "
              + (leader == null ? "none" : leader.id())
              + " to preferred "
              + replicas.get(0));
      admin
          .alterPartitionReassignments(
              Map.of(tp, Optional.of(new NewPartitionReassignment(replicas))))
          .all()
          .get();
      pause(1_000);
      admin.electLeaders(ElectionType.PREFERRED, java.util.Set.of(tp)).partitions().get();
    } catch (ExecutionException e) {
      note("leader move failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Undoes every fault: proxies cleared, paused brokers continued, stopped brokers started. */
  void healAll() {
    cluster.forEachProxy(FaultProxy::clear);
    for (KafkaNode node : cluster.cluster().nodes()) {
      brokerProcess(node.id()).ifPresent(p -> signal("CONT", p.pid()));
    }
    cluster.cluster().startStoppedNodes();
  }

  /** The broker's JVM: a child of this one whose command line names its node id. */
  private static Optional<ProcessHandle> brokerProcess(int node) {
    String marker = "-Dplume.broker.node=" + node;
    return ProcessHandle.current()
        .children()
        .filter(p -> p.isAlive() && commandLine(p).contains(marker))
        .findFirst();
  }

  /**
   * The process's command line from /proc (Linux): ProcessHandle.Info gives no arguments for the
   * brokers' JVMs, whose class path alone is thousands of characters long.
   */
  private static String commandLine(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return process.info().commandLine().orElse("");
    }
  }

  private void signal(String name, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
      kill.waitFor();
    } catch (IOException e) {
      note("kill -" + name + " " + pid + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void count(String kind) {
    counts.merge(kind, 1, Integer::sum);
  }

  private void note(String what) {
    log.printf("  [%6.1f s] %s%n", (System.nanoTime() - startNs) / 1e9, what);
  }

  private void pause(long ms) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (!stopping && System.nanoTime() < deadline) {
      Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }
}
