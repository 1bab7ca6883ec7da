package dev.plume.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What cluster to start.
 *
 * @param nodes number of nodes (1 and 3 are the tested shapes): each a combined KRaft
 *     broker+controller, or in ZooKeeper mode a broker, with one ZooKeeper server for the cluster
 * @param kafkaVersion broker version, e.g. {@code 4.1.2} or {@code 3.9.1}
 * @param dataDir where node data, configs and logs live; null means a fresh temporary directory
 *     deleted on close. A given directory is kept, and reused (same cluster id, same ports) when
 *     the cluster is started again on it.
 * @param jvmOptions options of each broker JVM (heap, GC)
 * @param brokerProperties broker settings applied last, over the harness defaults
 * @param startTimeout how long starting (or restarting) may take before failing
 * @param backend where the brokers run
 * @param metadataMode KRaft or ZooKeeper; {@link MetadataMode#AUTO} picks by version (KRaft from
 *     3.3), see {@link #effectiveMetadataMode()}
 */
public record ClusterSpec(
    int nodes,
    String kafkaVersion,
    Path dataDir,
    List<String> jvmOptions,
    Map<String, String> brokerProperties,
    Duration startTimeout,
    Backend backend,
    MetadataMode metadataMode) {

  /** Default broker version when neither property nor env var says otherwise. */
  public static final String DEFAULT_KAFKA_VERSION = "4.1.2";

  /** Light on a small machine: small heap, serial GC, C1 only (faster start, less CPU). */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** Broker-property prefix the harness turns into an extra listener (see withListener). */
  static final String EXTRA_LISTENER_PREFIX = "plume.extra.listener.";

  /**
   * Broker-property prefix {@code plume.node.<id>.}: the rest of the key is a setting of that node
   * only (see withNodeProperty).
   */
  static final String NODE_PREFIX = "plume.node.";

  public ClusterSpec {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1, was " + nodes);
    }
    Objects.requireNonNull(kafkaVersion, "kafkaVersion");
    jvmOptions = List.copyOf(jvmOptions);
    brokerProperties = Map.copyOf(brokerProperties);
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(metadataMode, "metadataMode");
  }

  /** One node, default version and backend. */
  public static ClusterSpec singleNode() {
    return ofNodes(1);
  }

  /** Three nodes (replication factor 3, min ISR 2), default version and backend. */
  public static ClusterSpec threeNodes() {
    return ofNodes(3);
  }

  public static ClusterSpec ofNodes(int nodes) {
    return new ClusterSpec(
        nodes,
        defaultKafkaVersion(),
        null,
        DEFAULT_JVM_OPTIONS,
        Map.of(),
        Duration.ofMinutes(3),
        Backend.fromEnvironment(),
        MetadataMode.AUTO);
  }

  /**
   * System property {@code kafka.broker.version}, else env var {@code PLUME_KAFKA_VERSION}, else
   * {@value #DEFAULT_KAFKA_VERSION}.
   */
  public static String defaultKafkaVersion() {
    String version = PlumeDirectories.setting("kafka.broker.version", "PLUME_KAFKA_VERSION");
    return version == null ? DEFAULT_KAFKA_VERSION : version;
  }

  public ClusterSpec withNodes(int count) {
    return new ClusterSpec(
        count,
        kafkaVersion,
        dataDir,
        jvmOptions,
        brokerProperties,
        startTimeout,
        backend,
        metadataMode);
  }

  public ClusterSpec withKafkaVersion(String version) {
    return new ClusterSpec(
        nodes, version, dataDir, jvmOptions, brokerProperties, startTimeout, backend, metadataMode);
  }

  public ClusterSpec withDataDir(Path dir) {
    return new ClusterSpec(
        nodes,
        kafkaVersion,
        dir,
        jvmOptions,
        brokerProperties,
        startTimeout,
        backend,
        metadataMode);
  }

  public ClusterSpec withJvmOptions(List<String> options) {
    return new ClusterSpec(
        nodes,
        kafkaVersion,
        dataDir,
        options,
        brokerProperties,
        startTimeout,
        backend,
        metadataMode);
  }

  public ClusterSpec withBrokerProperty(String key, String value) {
    Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
    properties.put(key, value);
    return new ClusterSpec(
        nodes, kafkaVersion, dataDir, jvmOptions, properties, startTimeout, backend, metadataMode);
  }

  /**
   * The broker's TLS identity for its SSL / SASL_SSL listeners: the key store of {@code certs}
   * (certificate for DNS:localhost, signed by the test CA).
   */
  public ClusterSpec withBrokerKeyStore(TestCertificates certs) {
    return withBrokerProperty("ssl.keystore.type", "PKCS12")
        .withBrokerProperty("ssl.keystore.location", certs.brokerKeystore.toString())
        .withBrokerProperty("ssl.keystore.password", TestCertificates.PASSWORD)
        .withBrokerProperty("ssl.key.password", TestCertificates.PASSWORD);
  }

  /**
   * Adds a client listener next to the harness's PLAINTEXT one (single-node clusters: the port is
   * fixed). Its settings (key stores, SASL JAAS, {@code ssl.client.auth}) go in broker properties,
   * per listener as {@code listener.name.<lower-case name>.<setting>}.
   *
   * @param name listener name, e.g. {@code SSL} or {@code MTLS}
   * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
   * @param port a free port
   * @param advertisedHost the host clients are told to use (e.g. {@code localhost}, to match a
   *     certificate)
   */
  public ClusterSpec withListener(
      String name, String securityProtocol, int port, String advertisedHost) {
    if (nodes != 1) {
      throw new IllegalStateException("extra listeners are supported on single-node clusters");
    }
    return withBrokerProperty(
        EXTRA_LISTENER_PREFIX + name, securityProtocol + ":" + port + ":" + advertisedHost);
  }

  /**
   * Adds a PLAINTEXT client listener on {@code port} that tells clients to connect to {@code proxy}
   * instead, so every connection of a client bootstrapped at the proxy (including those opened from
   * metadata) goes through it (single-node clusters).
   *
   * @param port a free port for the listener; the proxy forwards to it
   */
  public ClusterSpec withProxiedListener(String name, int port, FaultProxy proxy) {
    if (nodes != 1) {
      throw new IllegalStateException("extra listeners are supported on single-node clusters");
    }
    return withBrokerProperty(
        EXTRA_LISTENER_PREFIX + name,
        "PLAINTEXT:" + port + ":" + BrokerConfigs.HOST + ":" + proxy.port());
  }

  /**
   * A PLAINTEXT client listener on every node (on {@code ports.get(id)}) that tells clients to
   * connect to that node's proxy ({@code proxies.get(id)}), so every client connection goes through
   * the proxy of the broker it talks to. Inter-broker and controller traffic stays direct (it uses
   * the harness's own listeners). See {@link ProxiedCluster} for the whole set-up.
   *
   * @param ports a free port per node, by node id; each proxy forwards to its node's port
   */
  public ClusterSpec withProxiedListeners(
      String name, List<Integer> ports, List<FaultProxy> proxies) {
    if (ports.size() != nodes || proxies.size() != nodes) {
      throw new IllegalArgumentException(
          "one port and one proxy per node: "
              + nodes
              + " nodes, "
              + ports.size()
              + " ports, "
              + proxies.size()
              + " proxies");
    }
    ClusterSpec spec = this;
    for (int id = 0; id < nodes; id++) {
      spec =
          spec.withNodeProperty(
              id,
              EXTRA_LISTENER_PREFIX + name,
              "PLAINTEXT:"
                  + ports.get(id)
                  + ":"
                  + BrokerConfigs.HOST
                  + ":"
                  + proxies.get(id).port());
    }
    return spec;
  }

  /** A broker setting of node {@code id} only, applied over the cluster-wide ones. */
  public ClusterSpec withNodeProperty(int id, String key, String value) {
    if (id < 0 || id >= nodes) {
      throw new IllegalArgumentException("no node " + id + " in a " + nodes + "-node cluster");
    }
    return withBrokerProperty(NODE_PREFIX + id + "." + key, value);
  }

  /**
   * A SCRAM user created when the storage is formatted ({@code kafka-storage format --add-scram}),
   * so it can authenticate as soon as the broker is up.
   *
   * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512
   */
  public ClusterSpec withScramUser(String mechanism, String name, String password) {
    return withBrokerProperty(
        "plume.format.add-scram." + mechanism + "." + name,
        mechanism + "=[name=" + name + ",password=" + password + "]");
  }

  public ClusterSpec withStartTimeout(Duration timeout) {
    return new ClusterSpec(
        nodes, kafkaVersion, dataDir, jvmOptions, brokerProperties, timeout, backend, metadataMode);
  }

  public ClusterSpec withBackend(Backend newBackend) {
    return new ClusterSpec(
        nodes,
        kafkaVersion,
        dataDir,
        jvmOptions,
        brokerProperties,
        startTimeout,
        newBackend,
        metadataMode);
  }

  /**
   * ZooKeeper mode (a ZooKeeper server in its own child JVM, brokers registered there), KRaft, or
   * {@link MetadataMode#AUTO} (the default: KRaft from Kafka 3.3, ZooKeeper before).
   */
  public ClusterSpec withMetadataMode(MetadataMode mode) {
    return new ClusterSpec(
        nodes, kafkaVersion, dataDir, jvmOptions, brokerProperties, startTimeout, backend, mode);
  }

  /**
   * The mode this cluster runs in: {@link #metadataMode()}, or the version's if AUTO.
   *
   * @throws IllegalArgumentException if the version lacks the asked-for mode (ZooKeeper on 4.x,
   *     KRaft before 3.3)
   */
  public MetadataMode effectiveMetadataMode() {
    return metadataMode.resolveFor(kafkaVersion);
  }
}
