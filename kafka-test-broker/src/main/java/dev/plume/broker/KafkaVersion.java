package dev.plume.broker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major and minor number of a Kafka version string such as {@code 2.8.2} or {@code
 * 4.2.0-SNAPSHOT}: what decides the Scala build to fetch and whether the broker can run KRaft or
 * ZooKeeper.
 */
record KafkaVersion(int major, int minor) {

  private static final Pattern LEADING = Pattern.compile("([0-9]+)\\.([0-9]+).*");

  static KafkaVersion parse(String version) {
    Matcher matcher = LEADING.matcher(version);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a Kafka version: '" + version + "'");
    }
    return new KafkaVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  boolean atLeast(int otherMajor, int otherMinor) {
    return major > otherMajor || (major == otherMajor && minor >= otherMinor);
  }

  /** Kafka 2.1-2.3 were built for Scala 2.11 and 2.12 only; Scala 2.13 builds start at 2.4. */
  String brokerArtifactId() {
    return atLeast(2, 4) ? "kafka_2.13" : "kafka_2.12";
  }

  /** KRaft is production-ready from 3.3; earlier releases had it only as an early-access mode. */
  boolean supportsKRaft() {
    return atLeast(3, 3);
  }

  /**
   * Kafka before 2.6 depends on a ZooKeeper (3.4.x, 3.5.6, 3.5.7) whose client fails on JDK 14+;
   * see {@link KafkaClasspath#JDK14_SAFE_ZOOKEEPER}.
   */
  boolean needsNewerZooKeeperClient() {
    return !atLeast(2, 6);
  }

  /** ZooKeeper mode was removed in 4.0. */
  boolean supportsZooKeeper() {
    return !atLeast(4, 0);
  }
}
