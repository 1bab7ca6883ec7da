package dev.plume.internal.network;

import dev.plume.internal.clock.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What the network client depends on besides its configuration; tests replace parts of it.
 *
 * @param clock time after a blocking select (the caller passes the time before)
 * @param transports creates the socket layer of each connection
 * @param resolver resolves host names
 * @param random uniform numbers in [0, 1) for backoff jitter
 */
public record NetworkEnvironment(
    Clock clock, TransportFactory transports, HostResolver resolver, DoubleSupplier random) {

  public NetworkEnvironment {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(transports, "transports");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(random, "random");
  }

  /** Plaintext TCP, system DNS, real randomness. */
  public static NetworkEnvironment of(Clock clock) {
    return new NetworkEnvironment(
        clock,
        TransportFactory.plaintext(),
        HostResolver.system(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  public NetworkEnvironment withRandom(DoubleSupplier random) {
    return new NetworkEnvironment(clock, transports, resolver, random);
  }

  public NetworkEnvironment withResolver(HostResolver resolver) {
    return new NetworkEnvironment(clock, transports, resolver, random);
  }

  public NetworkEnvironment withTransports(TransportFactory transports) {
    return new NetworkEnvironment(clock, transports, resolver, random);
  }
}
