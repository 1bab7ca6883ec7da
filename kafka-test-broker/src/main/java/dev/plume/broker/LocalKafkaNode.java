package dev.plume.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One node running as a child JVM; owns that process. Thread-safe. */
final class LocalKafkaNode implements KafkaNode {

  /** How long a graceful stop may take before the node is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final int PROBE_TIMEOUT_MS = 1_000;
  private static final long POLL_INTERVAL_MS = 100;
  private static final int LOG_TAIL_LINES = 60;

  private final int id;
  private final int port;
  private final List<String> command;
  private final Path logFile;
  private final Path workDir;
  private final Duration startTimeout;

  private Process process; // guarded by this

  LocalKafkaNode(
      int id, int port, List<String> command, Path workDir, Path logFile, Duration startTimeout) {
    this.id = id;
    this.port = port;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.logFile = logFile;
    this.startTimeout = startTimeout;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String bootstrapServers() {
    return BrokerConfigs.HOST + ":" + port;
  }

  @Override
  public Path logFile() {
    return logFile;
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void start() {
    launch();
    awaitServing(Set.of(id));
  }

  /** Starts the process if it is not running, without waiting for it to serve. */
  synchronized void launch() {
    if (isRunning()) {
      return;
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Kafka node " + id + ": " + command, e);
    }
  }

  /**
   * Waits until this node answers requests and lists at least {@code expectedLiveIds} as live
   * brokers (itself unfenced, and the rest of the cluster it should see).
   */
  void awaitServing(Set<Integer> expectedLiveIds) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (true) {
      Process current = currentProcess();
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(
            "Kafka node "
                + id
                + " exited during startup"
                + (current == null ? "" : " with status " + current.exitValue())
                + "; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      if (KafkaProbe.liveBrokerIds(BrokerConfigs.HOST, port, PROBE_TIMEOUT_MS)
          .containsAll(expectedLiveIds)) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Kafka node "
                + id
                + " did not serve on "
                + bootstrapServers()
                + " within "
                + startTimeout.toSeconds()
                + " s; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      waitForExit(current, POLL_INTERVAL_MS); // a bounded wait that also notices a crash at once
    }
  }

  @Override
  public void stop() {
    Process current = currentProcess();
    if (current == null) {
      return;
    }
    current.destroy(); // SIGTERM: Kafka shuts down cleanly
    if (!waitForExit(current, STOP_TIMEOUT.toMillis())) {
      current.destroyForcibly();
      waitForExit(current, STOP_TIMEOUT.toMillis());
    }
  }

  @Override
  public void kill() {
    Process current = currentProcess();
    if (current == null) {
      return;
    }
    current.destroyForcibly(); // SIGKILL
    waitForExit(current, STOP_TIMEOUT.toMillis());
  }

  /** SIGKILL without waiting; for shutdown hooks, which must be quick. */
  void killNow() {
    Process current = currentProcess();
    if (current != null) {
      current.destroyForcibly();
    }
  }

  /** SIGTERM without waiting; lets a cluster stop its nodes in parallel. */
  void signalStop() {
    Process current = currentProcess();
    if (current != null) {
      current.destroy();
    }
  }

  /** Waits for a signalled node to exit, killing it if it takes too long. */
  void awaitStopped() {
    Process current = currentProcess();
    if (current != null && !waitForExit(current, STOP_TIMEOUT.toMillis())) {
      kill();
    }
  }

  /** The node's process, or null before the first start (for tests and diagnosis). */
  synchronized Process currentProcess() {
    return process;
  }

  private static boolean waitForExit(Process process, long timeoutMs) {
    try {
      return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a Kafka node", e);
    }
  }
}
