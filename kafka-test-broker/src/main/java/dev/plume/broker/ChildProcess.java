package dev.plume.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The lifecycle of one child JVM (a broker or the ZooKeeper server): start it with its output
 * appended to a log file, wait until it serves, stop it gracefully or kill it. The command line
 * (with its {@code plume.broker.tag}) is built by {@link LocalKafkaCluster}; this class only runs
 * it. Thread-safe.
 */
final class ChildProcess {

  /** How long a graceful stop may take before the process is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final long POLL_INTERVAL_MS = 100;
  private static final int LOG_TAIL_LINES = 60;

  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path logFile;

  private Process process; // guarded by this

  /**
   * @param name what the process is in error messages, such as {@code "Kafka node 0"}
   */
  ChildProcess(String name, List<String> command, Path workDir, Path logFile) {
    this.name = name;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.logFile = logFile;
  }

  Path logFile() {
    return logFile;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
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
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
  }

  /**
   * Waits until {@code serving} (a probe bounded by its own timeout) says the process serves on
   * {@code address}. Fails with the log's last lines if the process exits first or if {@code
   * startTimeout} passes.
   */
  void awaitServing(BooleanSupplier serving, String address, Duration startTimeout) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (true) {
      Process current = currentProcess();
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited during startup"
                + (current == null ? "" : " with status " + current.exitValue())
                + "; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      if (serving.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            name
                + " did not serve on "
                + address
                + " within "
                + startTimeout.toSeconds()
                + " s; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      waitForExit(current, POLL_INTERVAL_MS); // a bounded wait that also notices a crash at once
    }
  }

  /** SIGTERM, then waits; SIGKILL if the process takes too long to exit. */
  void stop() {
    signalStop();
    awaitStopped();
  }

  /** SIGTERM without waiting; lets a cluster stop its processes in parallel. */
  void signalStop() {
    Process current = currentProcess();
    if (current != null) {
      current.destroy();
    }
  }

  /** Waits for a signalled process to exit, killing it if it takes too long. */
  void awaitStopped() {
    Process current = currentProcess();
    if (current != null && !waitForExit(current, STOP_TIMEOUT.toMillis())) {
      kill();
    }
  }

  /** SIGKILL, waiting until the process is gone. */
  void kill() {
    Process current = currentProcess();
    if (current != null) {
      current.destroyForcibly();
      waitForExit(current, STOP_TIMEOUT.toMillis());
    }
  }

  /** SIGKILL without waiting; for shutdown hooks, which must be quick. */
  void killNow() {
    Process current = currentProcess();
    if (current != null) {
      current.destroyForcibly();
    }
  }

  /** The process, or null before the first start (for tests and diagnosis). */
  synchronized Process currentProcess() {
    return process;
  }

  private boolean waitForExit(Process current, long timeoutMs) {
    try {
      return current.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }
}
