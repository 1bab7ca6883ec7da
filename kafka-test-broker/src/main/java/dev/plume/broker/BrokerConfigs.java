package dev.plume.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code server.properties} of one node (KRaft or ZooKeeper mode): test-friendly defaults, then
 * the user's overrides; and the {@code zoo.cfg} of a ZooKeeper-mode cluster's ZooKeeper server.
 */
final class BrokerConfigs {

  static final String HOST = "127.0.0.1";

  private BrokerConfigs() {}

  /**
   * @param clientPorts client listener port of each node, by node id
   * @param controllerPorts controller listener port of each node, by node id
   */
  static Map<String, String> forNode(
      int nodeId,
      List<Integer> clientPorts,
      List<Integer> controllerPorts,
      String dataDir,
      Map<String, String> overrides) {
    int nodes = clientPorts.size();
    StringJoiner voters = new StringJoiner(",");
    for (int i = 0; i < nodes; i++) {
      voters.add(i + "@" + HOST + ":" + controllerPorts.get(i));
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(nodeId));
    config.put("controller.quorum.voters", voters.toString());
    config.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + clientPorts.get(nodeId)
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPorts.get(nodeId));
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPorts.get(nodeId));
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    putCommonDefaults(config, nodes, dataDir);
    // Kafka 4.x share groups; unknown keys are only warned about by 3.x.
    String replication = Integer.toString(Math.min(3, nodes));
    config.put("share.coordinator.state.topic.replication.factor", replication);
    config.put("share.coordinator.state.topic.min.isr", nodes >= 3 ? "2" : "1");
    // A restarted node should come back quickly rather than wait for a long session to lapse.
    config.put("broker.session.timeout.ms", "6000");
    config.put("broker.heartbeat.interval.ms", "1000");
    applyOverrides(config, nodeId, overrides);
    return config;
  }

  /**
   * A broker of a ZooKeeper-mode cluster (Kafka 2.x, 3.x): no controller listener, no KRaft keys;
   * one of the brokers is elected controller through ZooKeeper.
   *
   * @param clientPorts client listener port of each node, by node id
   * @param zookeeperConnect {@code host:port} of the cluster's ZooKeeper server
   */
  static Map<String, String> forZooKeeperBroker(
      int nodeId,
      List<Integer> clientPorts,
      String zookeeperConnect,
      String dataDir,
      Map<String, String> overrides) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("broker.id", Integer.toString(nodeId));
    config.put("zookeeper.connect", zookeeperConnect);
    // A SIGKILLed broker's registration lives as long as its ZooKeeper session: keep that short so
    // a restart can register again soon.
    config.put("zookeeper.session.timeout.ms", "6000");
    config.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPorts.get(nodeId));
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPorts.get(nodeId));
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    // close() stops all brokers at once, so the last ones may find no controller to hand their
    // partitions to: give up on that soon rather than retry for the default 3 x 5 s.
    config.put("controlled.shutdown.max.retries", "1");
    config.put("controlled.shutdown.retry.backoff.ms", "500");
    putCommonDefaults(config, clientPorts.size(), dataDir);
    applyOverrides(config, nodeId, overrides);
    return config;
  }

  /** Settings both modes share: storage, topic defaults, internal topics sized to the cluster. */
  private static void putCommonDefaults(Map<String, String> config, int nodes, String dataDir) {
    String replication = Integer.toString(Math.min(3, nodes));
    String minIsr = nodes >= 3 ? "2" : "1";
    config.put("log.dirs", dataDir);
    config.put("num.partitions", "1");
    config.put("default.replication.factor", replication);
    config.put("min.insync.replicas", minIsr);
    config.put("auto.create.topics.enable", "true");
    config.put("delete.topic.enable", "true");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("offsets.topic.replication.factor", replication);
    config.put("offsets.topic.num.partitions", "5");
    config.put("transaction.state.log.replication.factor", replication);
    config.put("transaction.state.log.min.isr", minIsr);
    config.put("transaction.state.log.num.partitions", "5");
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
  }

  private static void applyOverrides(
      Map<String, String> config, int nodeId, Map<String, String> overrides) {
    Map<String, String> rest = forThisNode(nodeId, overrides);
    addExtraListeners(config, rest);
    config.putAll(rest);
  }

  /**
   * The {@code zoo.cfg} of a standalone ZooKeeper server for a ZooKeeper-mode cluster.
   *
   * @param clientPort the port brokers connect to
   */
  static Map<String, String> forZooKeeperServer(int clientPort, String dataDir) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("dataDir", dataDir);
    config.put("clientPort", Integer.toString(clientPort));
    config.put("clientPortAddress", HOST);
    config.put("tickTime", "2000");
    // Lets the harness ask "ruok" to see it serve (3.5+ answer no four-letter word unless listed).
    config.put("4lw.commands.whitelist", "ruok");
    // 3.5+ would otherwise start an HTTP admin server on port 8080, which may be taken.
    config.put("admin.enableServer", "false");
    config.put("maxClientCnxns", "0");
    return config;
  }

  /**
   * The overrides that apply to node {@code nodeId}: every entry without a {@link
   * ClusterSpec#NODE_PREFIX}, then this node's own entries with the prefix taken off (they win);
   * other nodes' entries are dropped.
   */
  static Map<String, String> forThisNode(int nodeId, Map<String, String> overrides) {
    Map<String, String> shared = new LinkedHashMap<>();
    Map<String, String> own = new LinkedHashMap<>();
    String mine = ClusterSpec.NODE_PREFIX + nodeId + ".";
    overrides.forEach(
        (key, value) -> {
          if (key.startsWith(mine)) {
            own.put(key.substring(mine.length()), value);
          } else if (!key.startsWith(ClusterSpec.NODE_PREFIX)) {
            shared.put(key, value);
          }
        });
    shared.putAll(own);
    return shared;
  }

  /**
   * Moves each {@link ClusterSpec#EXTRA_LISTENER_PREFIX} entry (value {@code
   * PROTOCOL:port[:advertisedHost[:advertisedPort]]}) into listeners, advertised.listeners and the
   * protocol map.
   */
  private static void addExtraListeners(Map<String, String> config, Map<String, String> overrides) {
    var entries = overrides.entrySet().iterator();
    while (entries.hasNext()) {
      var entry = entries.next();
      if (!entry.getKey().startsWith(ClusterSpec.EXTRA_LISTENER_PREFIX)) {
        continue;
      }
      entries.remove();
      String name = entry.getKey().substring(ClusterSpec.EXTRA_LISTENER_PREFIX.length());
      String[] parts = entry.getValue().split(":");
      String advertisedHost = parts.length > 2 ? parts[2] : HOST;
      String advertisedPort = parts.length > 3 ? parts[3] : parts[1];
      config.put("listeners", config.get("listeners") + "," + name + "://" + HOST + ":" + parts[1]);
      config.put(
          "advertised.listeners",
          config.get("advertised.listeners")
              + ","
              + name
              + "://"
              + advertisedHost
              + ":"
              + advertisedPort);
      config.put(
          "listener.security.protocol.map",
          config.get("listener.security.protocol.map") + "," + name + ":" + parts[0]);
    }
  }

  /** Renders a properties file; values written as-is (our values need no escaping). */
  static String render(Map<String, String> config) {
    StringBuilder text = new StringBuilder("# Written by Plume's kafka-test-broker\n");
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  /** Log4j 2 config (Kafka 4.x): everything to stdout, which the harness sends to the log file. */
  static final String LOG4J2 =
      String.join(
          "\n",
          "status = warn",
          // Kafka logs its own shutdown from a shutdown hook; Log4j's hook must not stop first.
          "shutdownHook = disable",
          "appender.out.type = Console",
          "appender.out.name = OUT",
          "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c)%n",
          "rootLogger.level = info",
          "rootLogger.appenderRef.out.ref = OUT",
          "logger.request.name = kafka.request.logger",
          "logger.request.level = warn",
          "");

  /** Log4j 1 / reload4j config (Kafka 3.x), same layout. */
  static final String LOG4J1 =
      String.join(
          "\n",
          "log4j.rootLogger=INFO, out",
          "log4j.appender.out=org.apache.log4j.ConsoleAppender",
          "log4j.appender.out.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n",
          "log4j.logger.kafka.request.logger=WARN",
          "");
}
