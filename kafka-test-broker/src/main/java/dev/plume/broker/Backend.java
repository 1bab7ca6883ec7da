package dev.plume.broker;

import java.util.Locale;

/** Where a cluster's brokers run. */
public enum Backend {
  /** Kafka's own broker in child JVMs of this JVM (default; needs only a JDK and Maven Central). */
  LOCAL_JVM,
  /** Testcontainers' {@code KafkaContainer} ({@code apache/kafka} image); needs Docker. */
  TESTCONTAINERS;

  /**
   * The backend asked for by system property {@code plume.test.broker} or env var {@code
   * PLUME_TEST_BROKER} ({@code testcontainers} or {@code local}); {@link #LOCAL_JVM} if neither.
   */
  public static Backend fromEnvironment() {
    String value = PlumeDirectories.setting("plume.test.broker", "PLUME_TEST_BROKER");
    if (value == null) {
      return LOCAL_JVM;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "local":
      case "jvm":
      case "local_jvm":
        return LOCAL_JVM;
      case "testcontainers":
      case "docker":
        return TESTCONTAINERS;
      default:
        throw new IllegalArgumentException(
            "plume.test.broker / PLUME_TEST_BROKER is '"
                + value
                + "'; expected 'local' (default) or 'testcontainers'");
    }
  }
}
