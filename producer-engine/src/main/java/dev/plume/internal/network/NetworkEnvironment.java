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
 * @param oldestVersions test-only, never set from a producer setting: negotiate the OLDEST version
 *     both sides accept instead of the newest (and ApiVersions v0), so that tests against a current
 *     broker exercise the encodings old brokers need; tests set it through {@code NetworkTestHooks}
 */
public record NetworkEnvironment(
    Clock clock,
    TransportFactory transports,
    HostResolver resolver,
    DoubleSupplier random,
    boolean oldestVersions) {

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
        () -> ThreadLocalRandom.current().nextDouble(),
        false);
  }

  public NetworkEnvironment withRandom(DoubleSupplier random) {
    return new NetworkEnvironment(clock, transports, resolver, random, oldestVersions);
  }

  public NetworkEnvironment withResolver(HostResolver resolver) {
    return new NetworkEnvironment(clock, transports, resolver, random, oldestVersions);
  }

  public NetworkEnvironment withTransports(TransportFactory transports) {
    return new NetworkEnvironment(clock, transports, resolver, random, oldestVersions);
  }

  /**
   * Test-only (see {@code oldestVersions}); package-private, tests in other packages use {@code
   * NetworkTestHooks}.
   */
  NetworkEnvironment withOldestVersions() {
    return new NetworkEnvironment(clock, transports, resolver, random, true);
  }
}
