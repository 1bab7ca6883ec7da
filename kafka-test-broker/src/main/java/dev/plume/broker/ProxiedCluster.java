package dev.plume.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * A cluster whose every node has its own {@link FaultProxy} in front of a client listener: a client
 * bootstrapped at {@link #bootstrapServers()} reaches each broker through that broker's proxy only
 * (the broker advertises the proxy's port), while inter-broker replication and controller traffic
 * stay direct. Faults can hit one broker ({@link #proxy(int)}) or all ({@link #forEachProxy}).
 * Closing it stops the cluster, then the proxies.
 */
public final class ProxiedCluster implements AutoCloseable {

  /** Name of the proxied client listener on every node. */
  public static final String LISTENER = "PROXIED";

  private final KafkaCluster cluster;
  private final List<FaultProxy> proxies;

  private ProxiedCluster(KafkaCluster cluster, List<FaultProxy> proxies) {
    this.cluster = cluster;
    this.proxies = List.copyOf(proxies);
  }

  /** Starts one proxy per node of {@code spec}, then the cluster with its proxied listeners. */
  public static ProxiedCluster start(ClusterSpec spec) {
    List<Integer> ports = freePorts(spec.nodes());
    List<FaultProxy> proxies = new ArrayList<>();
    ports.forEach(port -> proxies.add(FaultProxy.start(port)));
    try {
      KafkaCluster cluster =
          EmbeddedKafka.start(spec.withProxiedListeners(LISTENER, ports, proxies));
      return new ProxiedCluster(cluster, proxies);
    } catch (RuntimeException e) {
      proxies.forEach(FaultProxy::close);
      throw e;
    }
  }

  /** The proxies' addresses: what clients under test bootstrap with. */
  public String bootstrapServers() {
    StringJoiner servers = new StringJoiner(",");
    proxies.forEach(proxy -> servers.add(proxy.bootstrapServers()));
    return servers.toString();
  }

  /**
   * The brokers' own client listeners, bypassing the proxies: for the harness's admin and the
   * consumer that reads results back.
   */
  public String directBootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** The cluster, to stop, kill or restart nodes. */
  public KafkaCluster cluster() {
    return cluster;
  }

  /** The proxy in front of node {@code id}. */
  public FaultProxy proxy(int id) {
    return proxies.get(id);
  }

  /** The proxies, by node id. */
  public List<FaultProxy> proxies() {
    return proxies;
  }

  /** Applies a fault (or {@link FaultProxy#clear}) to every node's proxy. */
  public void forEachProxy(Consumer<FaultProxy> action) {
    proxies.forEach(action);
  }

  @Override
  public void close() {
    try {
      proxies.forEach(FaultProxy::clear); // nothing stalled that would slow the brokers' shutdown
      cluster.close();
    } finally {
      proxies.forEach(FaultProxy::close);
    }
  }

  /** Distinct free loopback ports, held open together so none is handed out twice. */
  private static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerConfigs.HOST));
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // a listening socket that never accepted: nothing to lose
        }
      }
    }
  }
}
