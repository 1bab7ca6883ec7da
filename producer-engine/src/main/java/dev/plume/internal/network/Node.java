package dev.plume.internal.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A broker address. Brokers known from metadata carry their node id (0 or more); bootstrap servers
 * get negative ids ({@code -1, -2, ...}) since their real id is unknown yet.
 *
 * @param rack the broker's rack, or null
 */
public record Node(int id, String host, int port, String rack) {

  public Node {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("node " + id + ": host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("node " + id + ": port " + port + " outside [0, 65535]");
    }
  }

  public Node(int id, String host, int port) {
    this(id, host, port, null);
  }

  public boolean isBootstrap() {
    return id < 0;
  }

  /** "host:port", with IPv6 literals in brackets. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /**
   * Bootstrap nodes for {@code host:port} entries (as validated by ProducerConfig), numbered -1,
   * -2, ... in the given order. IPv6 literals may be bracketed ({@code [::1]:9092}).
   */
  public static List<Node> bootstrap(List<String> servers) {
    List<Node> nodes = new ArrayList<>(servers.size());
    for (int i = 0; i < servers.size(); i++) {
      String server = servers.get(i).trim();
      int colon = server.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("bootstrap server '" + server + "' is not host:port");
      }
      String host = server.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(server.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bootstrap server '" + server + "': bad port", e);
      }
      nodes.add(new Node(-(i + 1), host, port, null));
    }
    return List.copyOf(nodes);
  }

  @Override
  public String toString() {
    return (isBootstrap() ? "bootstrap" : "node") + " " + id + " (" + address() + ")";
  }
}
