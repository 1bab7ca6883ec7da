package dev.plume.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point: starts a real Apache Kafka cluster.
 *
 * <pre>{@code
 * try (KafkaCluster kafka = EmbeddedKafka.start(ClusterSpec.singleNode())) {
 *   String bootstrap = kafka.bootstrapServers();
 *   kafka.node(0).kill();   // SIGKILL
 *   kafka.node(0).start();  // same data, same port
 * }
 * }</pre>
 *
 * <p>From the command line: {@code java -cp ... dev.plume.broker.EmbeddedKafka [--nodes N]
 * [--version V] [--mode auto|kraft|zookeeper] [--data-dir DIR]} prints the bootstrap servers and
 * runs until killed.
 */
public final class EmbeddedKafka {

  private EmbeddedKafka() {}

  /** Starts a cluster as specified and returns once every node serves requests. */
  public static KafkaCluster start(ClusterSpec spec) {
    if (spec.backend() == Backend.TESTCONTAINERS) {
      return startContainer(spec);
    }
    return LocalKafkaCluster.start(spec);
  }

  /** Starts a single-node cluster with the default version and backend. */
  public static KafkaCluster start() {
    return start(ClusterSpec.singleNode());
  }

  /**
   * The jars a broker of {@code kafkaVersion} runs on (resolved from Maven Central and cached on
   * first use), which include that version's {@code kafka-clients}: for running the official
   * clients or tools of exactly that version in a child JVM.
   */
  public static List<Path> kafkaJars(String kafkaVersion) {
    return KafkaClasspath.forVersion(kafkaVersion);
  }

  private static KafkaCluster startContainer(ClusterSpec spec) {
    try {
      Class.forName("org.testcontainers.kafka.KafkaContainer", false, classLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "plume.test.broker=testcontainers needs org.testcontainers:testcontainers-kafka on the"
              + " classpath (an optional dependency of kafka-test-broker); add it to your test"
              + " dependencies, or unset plume.test.broker / PLUME_TEST_BROKER to run the broker in"
              + " a child JVM",
          e);
    }
    // Only now is the Testcontainers-linked class loaded, so the default path never needs it.
    return ContainerKafkaCluster.start(spec);
  }

  private static ClassLoader classLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : EmbeddedKafka.class.getClassLoader();
  }

  public static void main(String[] args) throws InterruptedException {
    ClusterSpec spec = ClusterSpec.singleNode();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--nodes":
          spec = spec.withNodes(Integer.parseInt(required(args[i], value)));
          i++;
          break;
        case "--version":
          spec = spec.withKafkaVersion(required(args[i], value));
          i++;
          break;
        case "--mode":
          spec =
              spec.withMetadataMode(
                  MetadataMode.valueOf(required(args[i], value).toUpperCase(Locale.ROOT)));
          i++;
          break;
        case "--data-dir":
          spec = spec.withDataDir(Path.of(required(args[i], value)));
          i++;
          break;
        case "--jvm":
          // e.g. "-Xms1g -Xmx1g -XX:+UseG1GC" for benchmarks: the test default is a small heap
          // and the C1 compiler only, which starts fast but costs the broker CPU per record
          spec = spec.withJvmOptions(List.of(required(args[i], value).trim().split("\\s+")));
          i++;
          break;
        default:
          System.err.println(
              "usage: EmbeddedKafka [--nodes N] [--version KAFKA_VERSION] [--mode auto|kraft|zookeeper]"
                  + " [--data-dir DIR] [--jvm \"BROKER JVM OPTIONS\"]");
          System.exit(2);
      }
    }
    long startNanos = System.nanoTime();
    KafkaCluster cluster = start(spec);
    System.out.printf(
        "Kafka %s (%s), %d node(s), started in %d ms. bootstrap.servers=%s%n",
        cluster.kafkaVersion(),
        spec.effectiveMetadataMode(),
        cluster.size(),
        (System.nanoTime() - startNanos) / 1_000_000,
        cluster.bootstrapServers());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cluster.close();
                  stopped.countDown();
                },
                "plume-kafka-main-shutdown"));
    stopped.await();
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
