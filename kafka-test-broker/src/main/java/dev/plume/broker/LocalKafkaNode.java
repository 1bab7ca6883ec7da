package dev.plume.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** One node running as a child JVM; owns that process. Thread-safe. */
final class LocalKafkaNode implements KafkaNode {

  private static final int PROBE_TIMEOUT_MS = 1_000;

  private final int id;
  private final int port;
  private final ChildProcess process;
  private final Duration startTimeout;

  LocalKafkaNode(
      int id, int port, List<String> command, Path workDir, Path logFile, Duration startTimeout) {
    this.id = id;
    this.port = port;
    this.process = new ChildProcess("Kafka node " + id, command, workDir, logFile);
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
    return process.logFile();
  }

  @Override
  public boolean isRunning() {
    return process.isRunning();
  }

  @Override
  public void start() {
    launch();
    awaitServing(Set.of(id));
  }

  /** Starts the process if it is not running, without waiting for it to serve. */
  void launch() {
    process.launch();
  }

  /**
   * Waits until this node answers requests and lists at least {@code expectedLiveIds} as live
   * brokers (itself unfenced, and the rest of the cluster it should see).
   */
  void awaitServing(Set<Integer> expectedLiveIds) {
    process.awaitServing(
        () ->
            KafkaProbe.liveBrokerIds(BrokerConfigs.HOST, port, PROBE_TIMEOUT_MS)
                .containsAll(expectedLiveIds),
        bootstrapServers(),
        startTimeout);
  }

  @Override
  public void stop() {
    process.stop();
  }

  @Override
  public void kill() {
    process.kill();
  }

  /** SIGKILL without waiting; for shutdown hooks, which must be quick. */
  void killNow() {
    process.killNow();
  }

  /** SIGTERM without waiting; lets a cluster stop its nodes in parallel. */
  void signalStop() {
    process.signalStop();
  }

  /** Waits for a signalled node to exit, killing it if it takes too long. */
  void awaitStopped() {
    process.awaitStopped();
  }

  /** The node's process, or null before the first start (for tests and diagnosis). */
  Process currentProcess() {
    return process.currentProcess();
  }
}
