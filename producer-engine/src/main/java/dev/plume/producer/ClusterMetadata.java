package dev.plume.producer;

import java.util.List;
import java.util.Set;

/**
 * The whole metadata snapshot the producer holds (brokers, cluster id, every known topic), for
 * adapters that present it in another API's types. Immutable: an update replaces the instance, so
 * comparing references tells whether the metadata changed.
 */
public interface ClusterMetadata extends Cluster {

  /** The cluster id, or null when the brokers did not report one. */
  String clusterId();

  /** The brokers, in no particular order. */
  List<BrokerInfo> brokers();

  /** Every topic with known metadata. */
  Set<String> topics();
}
