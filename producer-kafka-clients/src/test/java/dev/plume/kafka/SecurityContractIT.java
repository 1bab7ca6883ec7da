package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The security part of the contract, on a broker of its own with a SASL/PLAIN listener and ACLs
 * (KRaft's StandardAuthorizer): the same assertions for {@code KafkaProducer} and {@code
 * PlumeKafkaProducer}.
 */
class SecurityContractIT {

  private static final String PLAIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";

  private static KafkaCluster cluster;
  private static int saslPort;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      saslPort = s.getLocalPort();
    }
    cluster =
        EmbeddedKafka.start(
            ClusterSpec.singleNode()
                .withListener("SASL", "SASL_PLAINTEXT", saslPort, "localhost")
                .withBrokerProperty("sasl.enabled.mechanisms", "PLAIN")
                .withBrokerProperty(
                    "listener.name.sasl.plain.sasl.jaas.config",
                    PLAIN_MODULE + " required user_alice=\"alice-secret\" user_bob=\"bob-secret\";")
                .withBrokerProperty(
                    "authorizer.class.name",
                    "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // The test broker's own PLAINTEXT and controller listeners are unauthenticated.
                .withBrokerProperty("super.users", "User:ANONYMOUS"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String topicWritableBy(String user) throws Exception {
    String topic = "security-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      if (user != null) {
        admin
            .createAcls(
                List.of(
                    new AclBinding(
                        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        new AccessControlEntry(
                            "User:" + user, "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
    return topic;
  }

  private static Map<String, Object> config(String user, String password) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + saslPort);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    c.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    c.put("security.protocol", "SASL_PLAINTEXT");
    c.put("sasl.mechanism", "PLAIN");
    c.put(
        "sasl.jaas.config",
        PLAIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";");
    return c;
  }

  private static Throwable failureOf(Future<RecordMetadata> future) throws Exception {
    try {
      future.get(60, TimeUnit.SECONDS);
      throw new AssertionError("the send should have failed");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @ParameterizedTest
  @EnumSource(ProducerContractIT.Client.class)
  void aUserWithAWriteAclSends(ProducerContractIT.Client client) throws Exception {
    String topic = topicWritableBy("alice");
    try (Producer<String, String> producer = client.create(config("alice", "alice-secret"))) {
      assertThat(
              producer
                  .send(new ProducerRecord<>(topic, "k", "v"))
                  .get(30, TimeUnit.SECONDS)
                  .offset())
          .isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(ProducerContractIT.Client.class)
  void aWrongPasswordFailsTheSendWithSaslAuthenticationException(ProducerContractIT.Client client)
      throws Exception {
    String topic = topicWritableBy("alice");
    long startNs = System.nanoTime();
    try (Producer<String, String> producer = client.create(config("alice", "wrong-password"))) {
      Throwable failure = failureOf(producer.send(new ProducerRecord<>(topic, "k", "v")));
      assertThat(failure).isInstanceOf(SaslAuthenticationException.class);
      assertThat(failure.getMessage()).doesNotContain("wrong-password");
    }
    // Promptly, not after max.block.ms (30 s).
    assertThat(System.nanoTime() - startNs).isLessThan(TimeUnit.SECONDS.toNanos(25));
  }

  @ParameterizedTest
  @EnumSource(ProducerContractIT.Client.class)
  void aTopicWithoutAnAclFailsTheSendWithTopicAuthorizationException(
      ProducerContractIT.Client client) throws Exception {
    String topic = topicWritableBy(null);
    Map<String, Object> c = config("bob", "bob-secret");
    // Without idempotence only the topic's ACL matters (no producer id is requested).
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    c.put(ProducerConfig.ACKS_CONFIG, "1");
    try (Producer<String, String> producer = client.create(c)) {
      Throwable failure = failureOf(producer.send(new ProducerRecord<>(topic, "k", "v")));
      assertThat(failure).isInstanceOf(TopicAuthorizationException.class);
    }
  }
}
