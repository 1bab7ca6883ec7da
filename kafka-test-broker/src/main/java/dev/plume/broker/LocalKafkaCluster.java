package dev.plume.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * A cluster of child-JVM nodes sharing one directory, plus in ZooKeeper mode a ZooKeeper server in
 * one more child JVM; see {@link EmbeddedKafka}.
 */
final class LocalKafkaCluster implements KafkaCluster {

  /** ZooKeeper holds a few hundred znodes here: a small heap is plenty. */
  private static final List<String> ZOOKEEPER_JVM_OPTIONS =
      List.of(
          "-Xms32m",
          "-Xmx128m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          // 3.5+ would start an HTTP admin server on port 8080 (zoo.cfg says so too).
          "-Dzookeeper.admin.enableServer=false",
          // 3.4 (Kafka 2.1-2.3) registers Log4j 1 MBeans whose classes reload4j no longer has.
          "-Dzookeeper.jmx.log4j.disable=true");

  private final String kafkaVersion;
  private final Path rootDir;
  private final boolean deleteOnClose;
  private final List<LocalKafkaNode> nodes;
  private final LocalZooKeeper zooKeeper; // null in KRaft mode
  private final Thread shutdownHook;
  private boolean closed; // guarded by this

  private LocalKafkaCluster(
      String kafkaVersion,
      Path rootDir,
      boolean deleteOnClose,
      List<LocalKafkaNode> nodes,
      LocalZooKeeper zooKeeper) {
    this.kafkaVersion = kafkaVersion;
    this.rootDir = rootDir;
    this.deleteOnClose = deleteOnClose;
    this.nodes = List.copyOf(nodes);
    this.zooKeeper = zooKeeper;
    // Backstop for a JVM that exits without closing us: SIGKILL is quick and loses nothing we need.
    this.shutdownHook = new Thread(this::killNowAndClean, "plume-kafka-shutdown");
  }

  static LocalKafkaCluster start(ClusterSpec spec) {
    boolean zooKeeperMode = spec.effectiveMetadataMode() == MetadataMode.ZOOKEEPER;
    List<Path> jars = KafkaClasspath.forVersion(spec.kafkaVersion());
    boolean temporary = spec.dataDir() == null;
    Path root;
    try {
      root =
          temporary
              ? Files.createTempDirectory("plume-kafka-")
              : Files.createDirectories(spec.dataDir().toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the cluster directory", e);
    }
    boolean keep = Boolean.getBoolean("plume.broker.keepData");
    ClusterState state = ClusterState.loadOrCreate(root, spec.nodes());
    Path launcherDir = extractLauncher(root);
    writeFile(root.resolve("log4j2.properties"), BrokerConfigs.LOG4J2);
    writeFile(root.resolve("log4j.properties"), BrokerConfigs.LOG4J1);

    LocalZooKeeper zooKeeper =
        zooKeeperMode ? zooKeeper(spec, root, launcherDir, jars, state) : null;
    List<LocalKafkaNode> nodes = new ArrayList<>();
    for (int id = 0; id < spec.nodes(); id++) {
      Path nodeDir = root.resolve("node-" + id);
      createDirectories(nodeDir.resolve("data"));
      Path config = nodeDir.resolve("server.properties");
      String dataDir = nodeDir.resolve("data").toString();
      writeFile(
          config,
          BrokerConfigs.render(
              zooKeeperMode
                  ? BrokerConfigs.forZooKeeperBroker(
                      id,
                      state.clientPorts(),
                      zooKeeper.connectString(),
                      dataDir,
                      spec.brokerProperties())
                  : BrokerConfigs.forNode(
                      id,
                      state.clientPorts(),
                      state.controllerPorts(),
                      dataDir,
                      spec.brokerProperties())));
      List<String> command =
          command(
              spec.jvmOptions(),
              root,
              nodeDir,
              launcherDir,
              jars,
              "kafka.Kafka",
              config,
              state,
              Integer.toString(id));
      nodes.add(
          new LocalKafkaNode(
              id,
              state.clientPorts().get(id),
              command,
              nodeDir,
              nodeDir.resolve("broker.log"),
              spec.startTimeout()));
    }
    LocalKafkaCluster cluster =
        new LocalKafkaCluster(spec.kafkaVersion(), root, temporary && !keep, nodes, zooKeeper);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startStoppedNodes();
    } catch (RuntimeException e) {
      cluster.killNowAndClean();
      cluster.removeShutdownHook();
      throw e;
    }
    return cluster;
  }

  /**
   * The ZooKeeper server of a ZooKeeper-mode cluster: {@code zookeeper/zoo.cfg}, {@code
   * zookeeper/data} and {@code zookeeper/zookeeper.log}. Its client port is the first of the ports
   * the cluster state reserves for controller listeners, which this mode does not use.
   */
  private static LocalZooKeeper zooKeeper(
      ClusterSpec spec, Path root, Path launcherDir, List<Path> jars, ClusterState state) {
    Path dir = root.resolve("zookeeper");
    createDirectories(dir.resolve("data"));
    Path config = dir.resolve("zoo.cfg");
    int port = state.controllerPorts().get(0);
    writeFile(
        config,
        BrokerConfigs.render(
            BrokerConfigs.forZooKeeperServer(port, dir.resolve("data").toString())));
    List<String> command =
        command(
            ZOOKEEPER_JVM_OPTIONS,
            root,
            dir,
            launcherDir,
            jars,
            "org.apache.zookeeper.server.ZooKeeperServerMain",
            config,
            state,
            "zookeeper");
    return new LocalZooKeeper(
        port, command, dir, dir.resolve("zookeeper.log"), spec.startTimeout());
  }

  /** The command line of one child JVM (a broker or the ZooKeeper server). */
  private static List<String> command(
      List<String> jvmOptions,
      Path root,
      Path processDir,
      Path launcherDir,
      List<Path> jars,
      String mainClass,
      Path config,
      ClusterState state,
      String nodeName) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // The tag lets CI kill exactly its own brokers by command line, whatever happened to us.
    command.add("-Dplume.broker.tag=" + brokerTag());
    command.add("-Dplume.broker.parentPid=" + ProcessHandle.current().pid());
    command.add("-Dplume.broker.node=" + nodeName);
    command.add("-Djava.awt.headless=true");
    command.add("-Dkafka.logs.dir=" + processDir.resolve("logs"));
    command.add("-Dlog4j2.configurationFile=" + root.resolve("log4j2.properties"));
    command.add("-Dlog4j.configuration=" + root.resolve("log4j.properties").toUri());
    StringJoiner classpath = new StringJoiner(java.io.File.pathSeparator);
    classpath.add(launcherDir.toString());
    jars.forEach(jar -> classpath.add(jar.toString()));
    command.add("-cp");
    command.add(classpath.toString());
    command.add(BrokerLauncher.class.getName());
    command.add(mainClass);
    command.add(config.toString());
    command.add(state.clusterId());
    return command;
  }

  /**
   * Env var {@code PLUME_BROKER_TAG}, else system property {@code plume.broker.tag}, else local.
   */
  static String brokerTag() {
    String tag = System.getenv("PLUME_BROKER_TAG");
    if (tag == null || tag.isBlank()) {
      tag = System.getProperty("plume.broker.tag", "local");
    }
    return tag;
  }

  @Override
  public String bootstrapServers() {
    StringJoiner servers = new StringJoiner(",");
    nodes.forEach(node -> servers.add(node.bootstrapServers()));
    return servers.toString();
  }

  @Override
  public String kafkaVersion() {
    return kafkaVersion;
  }

  /** The ZooKeeper server of a ZooKeeper-mode cluster, null in KRaft mode. */
  LocalZooKeeper zooKeeper() {
    return zooKeeper;
  }

  @Override
  public List<KafkaNode> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public synchronized void startStoppedNodes() {
    if (closed) {
      throw new IllegalStateException("The Kafka cluster in " + rootDir + " is closed");
    }
    if (zooKeeper != null) {
      zooKeeper.start(); // a no-op wait when it runs; brokers cannot start without it
    }
    List<LocalKafkaNode> started = new ArrayList<>();
    for (LocalKafkaNode node : nodes) {
      if (!node.isRunning()) {
        node.launch(); // all at once: a fresh quorum needs its voters up together
        started.add(node);
      }
    }
    Set<Integer> allIds = new HashSet<>();
    nodes.forEach(node -> allIds.add(node.id()));
    for (LocalKafkaNode node : started) {
      node.awaitServing(allIds);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    nodes.forEach(LocalKafkaNode::signalStop);
    nodes.forEach(LocalKafkaNode::awaitStopped);
    // Only after the brokers: their clean shutdown deregisters them in ZooKeeper.
    if (zooKeeper != null) {
      zooKeeper.signalStop();
      zooKeeper.awaitStopped();
    }
    removeShutdownHook();
    if (deleteOnClose) {
      deleteRecursively(rootDir);
    }
  }

  private void killNowAndClean() {
    nodes.forEach(LocalKafkaNode::killNow);
    if (zooKeeper != null) {
      zooKeeper.killNow();
    }
    nodes.forEach(LocalKafkaNode::kill);
    if (zooKeeper != null) {
      zooKeeper.kill();
    }
    if (deleteOnClose) {
      deleteRecursively(rootDir);
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; nothing to undo.
    }
  }

  /** Copies the launcher's single class file where the child JVM's classpath can point to. */
  private static Path extractLauncher(Path root) {
    Path dir = root.resolve("launcher");
    String classFile = BrokerLauncher.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(classFile);
    try (InputStream in = BrokerLauncher.class.getClassLoader().getResourceAsStream(classFile)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + classFile + " on the classpath");
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract " + classFile + " to " + dir, e);
    }
    return dir;
  }

  private static void writeFile(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover temp directory is harmless.
    }
  }

  /** Cluster id and ports, persisted so a restart on the same directory reuses them. */
  record ClusterState(String clusterId, List<Integer> clientPorts, List<Integer> controllerPorts) {

    private static final String FILE = "plume-cluster.properties";

    static ClusterState loadOrCreate(Path root, int nodes) {
      Path file = root.resolve(FILE);
      if (Files.isRegularFile(file)) {
        ClusterState state = load(file);
        if (state.clientPorts().size() != nodes) {
          throw new IllegalArgumentException(
              file
                  + " describes a "
                  + state.clientPorts().size()
                  + "-node cluster, but "
                  + nodes
                  + " nodes were asked for; use another data directory");
        }
        return state;
      }
      List<Integer> ports = freePorts(2 * nodes);
      ClusterState state =
          new ClusterState(
              newClusterId(), ports.subList(0, nodes), ports.subList(nodes, 2 * nodes));
      writeFile(
          file,
          "clusterId="
              + state.clusterId()
              + "\nclientPorts="
              + join(state.clientPorts())
              + "\ncontrollerPorts="
              + join(state.controllerPorts())
              + "\n");
      return state;
    }

    private static ClusterState load(Path file) {
      java.util.Properties properties = new java.util.Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
      return new ClusterState(
          properties.getProperty("clusterId"),
          split(properties.getProperty("clientPorts")),
          split(properties.getProperty("controllerPorts")));
    }

    private static String join(List<Integer> ports) {
      StringJoiner joiner = new StringJoiner(",");
      ports.forEach(port -> joiner.add(port.toString()));
      return joiner.toString();
    }

    private static List<Integer> split(String ports) {
      List<Integer> result = new ArrayList<>();
      for (String port : ports.split(",")) {
        result.add(Integer.parseInt(port.trim()));
      }
      return List.copyOf(result);
    }

    /** Distinct free ports, held open together so none is handed out twice. */
    private static List<Integer> freePorts(int count) {
      List<ServerSocket> sockets = new ArrayList<>();
      try {
        InetAddress loopback = InetAddress.getByName(BrokerConfigs.HOST);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          ServerSocket socket = new ServerSocket(0, 1, loopback);
          sockets.add(socket);
          ports.add(socket.getLocalPort());
        }
        return List.copyOf(ports);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find free ports", e);
      } finally {
        for (ServerSocket socket : sockets) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // Closing a listening socket that never accepted cannot lose anything.
          }
        }
      }
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe Base64 without padding, not starting '-'. */
    private static String newClusterId() {
      SecureRandom random = new SecureRandom();
      byte[] bytes = new byte[16];
      String id;
      do {
        random.nextBytes(bytes);
        id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      } while (id.startsWith("-"));
      return id;
    }
  }
}
