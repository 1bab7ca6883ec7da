package dev.plume.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ZooKeeper server of a ZooKeeper-mode cluster, running standalone in its own child JVM
 * (started through {@link BrokerLauncher}, so it has the same orphan guard and tag as the brokers);
 * owns that process. Thread-safe.
 */
final class LocalZooKeeper {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int PROBE_TIMEOUT_MS = 1_000;
  private static final long POLL_INTERVAL_MS = 100;
  private static final int LOG_TAIL_LINES = 60;

  private final int port;
  private final List<String> command;
  private final Path workDir;
  private final Path logFile;
  private final Duration startTimeout;

  private Process process; // guarded by this

  LocalZooKeeper(
      int port, List<String> command, Path workDir, Path logFile, Duration startTimeout) {
    this.port = port;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.logFile = logFile;
    this.startTimeout = startTimeout;
  }

  /** {@code host:port}, the brokers' {@code zookeeper.connect}. */
  String connectString() {
    return BrokerConfigs.HOST + ":" + port;
  }

  Path logFile() {
    return logFile;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server unless it runs, and waits until it answers {@code ruok}. */
  void start() {
    Process current;
    synchronized (this) {
      if (!isRunning()) {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
          process = builder.start();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot start ZooKeeper: " + command, e);
        }
      }
      current = process;
    }
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!answersRuok(BrokerConfigs.HOST, port, PROBE_TIMEOUT_MS)) {
      if (!current.isAlive()) {
        throw new IllegalStateException(
            "ZooKeeper exited during startup with status "
                + current.exitValue()
                + "; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "ZooKeeper did not serve on "
                + connectString()
                + " within "
                + startTimeout.toSeconds()
                + " s; "
                + LogTail.of(logFile, LOG_TAIL_LINES));
      }
      waitForExit(current, POLL_INTERVAL_MS); // a bounded wait that also notices a crash at once
    }
  }

  /** SIGTERM without waiting. */
  void signalStop() {
    Process current = currentProcess();
    if (current != null) {
      current.destroy();
    }
  }

  /** Waits for a signalled server to exit, killing it if it takes too long. */
  void awaitStopped() {
    Process current = currentProcess();
    if (current != null && !waitForExit(current, STOP_TIMEOUT.toMillis())) {
      kill();
    }
  }

  /** SIGKILL without waiting; for shutdown hooks, which must be quick. */
  void killNow() {
    Process current = currentProcess();
    if (current != null) {
      current.destroyForcibly();
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

  /** The server's process, or null before the first start (for tests and diagnosis). */
  synchronized Process currentProcess() {
    return process;
  }

  /**
   * True when a ZooKeeper server on {@code host:port} answers the four-letter word {@code ruok}
   * with {@code imok}; any failure means "not (yet) serving".
   */
  static boolean answersRuok(String host, int port, int timeoutMs) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      out.write("ruok".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(4);
      return "imok".equals(new String(answer, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean waitForExit(Process process, long timeoutMs) {
    try {
      return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for ZooKeeper", e);
    }
  }
}
