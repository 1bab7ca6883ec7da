package dev.plume.broker;

import java.nio.file.Path;

/**
 * One combined broker+controller node. Its ports and data survive {@link #stop()} and {@link
 * #kill()}: {@link #start()} brings it back on the same data directory and the same ports.
 */
public interface KafkaNode {

  /** The node id ({@code node.id}), also its index in {@link KafkaCluster#nodes()}. */
  int id();

  /** The client (PLAINTEXT) listener port. */
  int port();

  /** {@code host:port} of this node's client listener. */
  String bootstrapServers();

  boolean isRunning();

  /** Graceful stop: SIGTERM, wait for exit (SIGKILL after a timeout). */
  void stop();

  /** Hard kill: SIGKILL, as if the machine lost power; waits until the process is gone. */
  void kill();

  /** Starts the node again on its data and ports and waits until it serves requests. */
  void start();

  /** The broker's log file (its stdout/stderr and Kafka's own logging), kept across restarts. */
  Path logFile();
}
