package dev.plume.network;

import java.io.IOException;

/** Creates one unconnected {@link Transport} per connection attempt. */
@FunctionalInterface
public interface TransportFactory {

  Transport create(Node node, NetworkConfig config) throws IOException;

  /** Plaintext TCP (security.protocol=PLAINTEXT). */
  static TransportFactory plaintext() {
    return (node, config) -> PlaintextTransport.open(config);
  }
}
