package dev.plume.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The ZooKeeper server of a ZooKeeper-mode cluster, running standalone in its own child JVM
 * (started through {@link BrokerLauncher}, so it has the same orphan guard and tag as the brokers);
 * owns that process. Thread-safe.
 */
final class LocalZooKeeper {

  private static final int PROBE_TIMEOUT_MS = 1_000;

  private final int port;
  private final ChildProcess process;
  private final Duration startTimeout;

  LocalZooKeeper(
      int port, List<String> command, Path workDir, Path logFile, Duration startTimeout) {
    this.port = port;
    this.process = new ChildProcess("ZooKeeper", command, workDir, logFile);
    this.startTimeout = startTimeout;
  }

  /** {@code host:port}, the brokers' {@code zookeeper.connect}. */
  String connectString() {
    return BrokerConfigs.HOST + ":" + port;
  }

  Path logFile() {
    return process.logFile();
  }

  boolean isRunning() {
    return process.isRunning();
  }

  /** Starts the server unless it runs, and waits until it answers {@code ruok}. */
  void start() {
    process.launch();
    process.awaitServing(
        () -> answersRuok(BrokerConfigs.HOST, port, PROBE_TIMEOUT_MS),
        connectString(),
        startTimeout);
  }

  /** SIGTERM without waiting. */
  void signalStop() {
    process.signalStop();
  }

  /** Waits for a signalled server to exit, killing it if it takes too long. */
  void awaitStopped() {
    process.awaitStopped();
  }

  /** SIGKILL without waiting; for shutdown hooks, which must be quick. */
  void killNow() {
    process.killNow();
  }

  /** SIGKILL, waiting until the process is gone. */
  void kill() {
    process.kill();
  }

  /** The server's process, or null before the first start (for tests and diagnosis). */
  Process currentProcess() {
    return process.currentProcess();
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
}
