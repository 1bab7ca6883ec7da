package dev.plume.engine;

import dev.plume.internal.clock.Clock;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.NetworkConfig;
import java.util.function.Function;

/**
 * The producer builder's test seams (clock, network client), which are package-private in {@link
 * PlumeProducer.Builder} so that the public API names no internal type; tests in other packages
 * reach them here.
 */
public final class ProducerTestHooks {

  private ProducerTestHooks() {}

  /** Deadlines are measured with {@code clock}. */
  public static <K, V> PlumeProducer.Builder<K, V> clock(
      PlumeProducer.Builder<K, V> builder, Clock clock) {
    return builder.clock(clock);
  }

  /** The network client is made by {@code factory} (a scripted fake, say). */
  public static <K, V> PlumeProducer.Builder<K, V> networkClientFactory(
      PlumeProducer.Builder<K, V> builder, Function<NetworkConfig, NetworkClient> factory) {
    return builder.networkClientFactory(factory);
  }
}
