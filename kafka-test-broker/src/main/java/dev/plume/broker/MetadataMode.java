package dev.plume.broker;

/** Where the cluster keeps its metadata: a KRaft quorum of the nodes, or a ZooKeeper server. */
public enum MetadataMode {
  /** KRaft from Kafka 3.3 on, ZooKeeper before (Kafka 2.x, 3.0-3.2). */
  AUTO,
  /** Every node is a combined broker+controller ({@code process.roles=broker,controller}). */
  KRAFT,
  /**
   * Brokers only, registered in one ZooKeeper server running in its own child JVM (Kafka 2.x and
   * 3.x; removed in 4.0).
   */
  ZOOKEEPER;

  /** The mode a cluster of {@code kafkaVersion} runs in: this one, or the version's if AUTO. */
  MetadataMode resolveFor(String kafkaVersion) {
    KafkaVersion version = KafkaVersion.parse(kafkaVersion);
    switch (this) {
      case KRAFT:
        if (!version.supportsKRaft()) {
          throw new IllegalArgumentException(
              "Kafka "
                  + kafkaVersion
                  + " has no production KRaft mode (it starts at 3.3); use ZOOKEEPER or AUTO");
        }
        return KRAFT;
      case ZOOKEEPER:
        if (!version.supportsZooKeeper()) {
          throw new IllegalArgumentException(
              "Kafka "
                  + kafkaVersion
                  + " has no ZooKeeper mode (removed in 4.0); use KRAFT or AUTO");
        }
        return ZOOKEEPER;
      default:
        return version.supportsKRaft() ? KRAFT : ZOOKEEPER;
    }
  }
}
