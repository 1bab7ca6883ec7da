package dev.plume.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code plume-perf --producer.config FILE} against a SASL_SSL (SCRAM-SHA-512 over TLS) listener of
 * a real broker: the security settings come from the file, as users paste them.
 */
class PerfSecurityIT {

  private static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";

  private static Path dir;
  private static TestCertificates certs;
  private static KafkaCluster cluster;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("plume-perf-sec");
    certs = TestCertificates.create(dir);
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    cluster =
        EmbeddedKafka.start(
            ClusterSpec.singleNode()
                .withListener("SECURE", "SASL_SSL", port, "localhost")
                .withBrokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .withScramUser("SCRAM-SHA-512", "perf", "perf-secret")
                .withBrokerProperty(
                    "listener.name.secure.scram-sha-512.sasl.jaas.config",
                    SCRAM_MODULE + " required;")
                .withBrokerKeyStore(certs));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void sendsThroughSaslSslWithTheSettingsOfAProducerConfigFile() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("perf-secure", 2, (short) 1))).all().get();
    }
    Path config = dir.resolve("producer.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "bootstrap.servers=localhost:" + port,
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config="
                + SCRAM_MODULE
                + " required username=\"perf\" password=\"perf-secret\";",
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + certs.truststore,
            "ssl.truststore.password=" + TestCertificates.PASSWORD,
            ""));

    int status =
        PerfMain.run(
            PerfOptions.parse(
                "--topic",
                "perf-secure",
                "--num-records",
                "2000",
                "--record-size",
                "100",
                "--throughput",
                "-1",
                "--producer.config",
                config.toString()));

    assertThat(status).isZero();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      long total = 0;
      for (int p = 0; p < 2; p++) {
        total +=
            admin
                .listOffsets(Map.of(new TopicPartition("perf-secure", p), OffsetSpec.latest()))
                .all()
                .get()
                .values()
                .iterator()
                .next()
                .offset();
      }
      assertThat(total).isEqualTo(2000);
    }
  }
}
