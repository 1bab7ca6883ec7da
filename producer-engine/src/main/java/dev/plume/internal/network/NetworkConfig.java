package dev.plume.internal.network;

import dev.plume.internal.protocol.FrameDecoder;
import dev.plume.producer.ConfigKeys;
import dev.plume.producer.ProducerConfig;

/**
 * The network client's settings (Kafka producer config names in parentheses). A producer makes them
 * with {@link #from(ProducerConfig)}, tools with {@link #defaults(String)}; tests that need other
 * values call the canonical constructor. Every component is a producer setting: test-only switches
 * belong in {@link NetworkEnvironment}.
 *
 * @param clientId request header ClientId (client.id)
 * @param maxInFlightPerConnection requests awaiting a response per connection
 *     (max.in.flight.requests.per.connection)
 * @param requestTimeoutMs time to wait for a response once sent (request.timeout.ms)
 * @param reconnectBackoffMs first reconnect delay (reconnect.backoff.ms)
 * @param reconnectBackoffMaxMs cap of the exponential reconnect delay (reconnect.backoff.max.ms)
 * @param connectionSetupTimeoutMs first connect + handshake timeout
 *     (socket.connection.setup.timeout.ms)
 * @param connectionSetupTimeoutMaxMs cap of the exponential setup timeout
 *     (socket.connection.setup.timeout.max.ms)
 * @param connectionsMaxIdleMs close connections idle this long; -1 never (connections.max.idle.ms)
 * @param sendBufferBytes SO_SNDBUF, -1 for the OS default (send.buffer.bytes)
 * @param receiveBufferBytes SO_RCVBUF, -1 for the OS default (receive.buffer.bytes)
 * @param maxFrameBytes largest response frame accepted; larger closes the connection
 * @param useAllDnsIps try every address of a host name in turn (client.dns.lookup)
 */
public record NetworkConfig(
    String clientId,
    int maxInFlightPerConnection,
    long requestTimeoutMs,
    long reconnectBackoffMs,
    long reconnectBackoffMaxMs,
    long connectionSetupTimeoutMs,
    long connectionSetupTimeoutMaxMs,
    long connectionsMaxIdleMs,
    int sendBufferBytes,
    int receiveBufferBytes,
    int maxFrameBytes,
    boolean useAllDnsIps) {

  /** Name sent in ApiVersions v3+ (must match [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?). */
  public static final String CLIENT_SOFTWARE_NAME = "plume";

  /** Version sent in ApiVersions v3+ (same pattern). */
  public static final String CLIENT_SOFTWARE_VERSION = "0.1.0";

  public NetworkConfig {
    if (maxInFlightPerConnection < 1) {
      throw new IllegalArgumentException(
          "maxInFlightPerConnection must be >= 1, got " + maxInFlightPerConnection);
    }
    if (requestTimeoutMs < 0 || reconnectBackoffMs < 0 || connectionSetupTimeoutMs < 0) {
      throw new IllegalArgumentException("timeouts and backoffs must be >= 0");
    }
    if (maxFrameBytes < 0) {
      throw new IllegalArgumentException("maxFrameBytes must be >= 0, got " + maxFrameBytes);
    }
  }

  /** The configuration table's defaults (Kafka's), for tests and tools. */
  public static NetworkConfig defaults(String clientId) {
    return new NetworkConfig(
        clientId,
        ConfigKeys.MAX_IN_FLIGHT.defaultInt(),
        ConfigKeys.REQUEST_TIMEOUT_MS.defaultLong(),
        ConfigKeys.RECONNECT_BACKOFF_MS.defaultLong(),
        ConfigKeys.RECONNECT_BACKOFF_MAX_MS.defaultLong(),
        ConfigKeys.SOCKET_CONNECTION_SETUP_TIMEOUT_MS.defaultLong(),
        ConfigKeys.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS.defaultLong(),
        ConfigKeys.CONNECTIONS_MAX_IDLE_MS.defaultLong(),
        ConfigKeys.SEND_BUFFER_BYTES.defaultInt(),
        ConfigKeys.RECEIVE_BUFFER_BYTES.defaultInt(),
        FrameDecoder.DEFAULT_MAX_FRAME_BYTES,
        ConfigKeys.CLIENT_DNS_LOOKUP.defaultString().equals("use_all_dns_ips"));
  }

  /** A producer's settings. */
  public static NetworkConfig from(ProducerConfig config) {
    return new NetworkConfig(
        config.clientId(),
        config.maxInFlightRequestsPerConnection(),
        config.requestTimeoutMs(),
        config.reconnectBackoffMs(),
        config.reconnectBackoffMaxMs(),
        config.socketConnectionSetupTimeoutMs(),
        config.socketConnectionSetupTimeoutMaxMs(),
        config.connectionsMaxIdleMs(),
        config.sendBufferBytes(),
        config.receiveBufferBytes(),
        FrameDecoder.DEFAULT_MAX_FRAME_BYTES,
        config.useAllDnsIps());
  }
}
