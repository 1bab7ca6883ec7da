package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.TestCertificates;
import dev.plume.engine.PlumeProducer;
import dev.plume.logging.LogCapture;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SASL against a real broker: a SASL_PLAINTEXT listener and a SASL_SSL one, each enabling PLAIN,
 * SCRAM-SHA-256 and SCRAM-SHA-512; SCRAM users created when the storage is formatted.
 */
class SaslIT {

  private static final String PLAIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String OAUTH_MODULE =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

  private static final long REAUTH_MS = 5000;

  private static TestCertificates certs;
  private static KafkaCluster cluster;
  private static int saslPort;
  private static int saslSslPort;

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("plume-sasl"));
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      saslPort = a.getLocalPort();
      saslSslPort = b.getLocalPort();
    }
    ClusterSpec spec =
        ClusterSpec.singleNode()
            .withListener("SASL", "SASL_PLAINTEXT", saslPort, "localhost")
            .withListener("SASLSSL", "SASL_SSL", saslSslPort, "localhost")
            .withBrokerProperty(
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER")
            .withScramUser("SCRAM-SHA-256", "alice", "alice-secret")
            .withScramUser("SCRAM-SHA-512", "alice", "alice-secret")
            .withBrokerKeyStore(certs);
    for (String listener : List.of("sasl", "saslssl")) {
      spec =
          spec.withBrokerProperty(
                  "listener.name." + listener + ".plain.sasl.jaas.config",
                  PLAIN_MODULE + " required user_alice=\"alice-secret\";")
              .withBrokerProperty(
                  "listener.name." + listener + ".scram-sha-256.sasl.jaas.config",
                  SCRAM_MODULE + " required;")
              .withBrokerProperty(
                  "listener.name." + listener + ".scram-sha-512.sasl.jaas.config",
                  SCRAM_MODULE + " required;")
              .withBrokerProperty(
                  "listener.name." + listener + ".oauthbearer.sasl.jaas.config",
                  OAUTH_MODULE + " required unsecuredLoginStringClaim_sub=\"broker\";");
    }
    // KIP-368 on the SASL_PLAINTEXT listener for SCRAM-SHA-512 only: sessions last 5 s.
    spec =
        spec.withBrokerProperty(
            "listener.name.sasl.scram-sha-512.connections.max.reauth.ms", Long.toString(REAUTH_MS));
    cluster = EmbeddedKafka.start(spec);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({
    "PLAIN, SASL_PLAINTEXT",
    "SCRAM-SHA-256, SASL_PLAINTEXT",
    "SCRAM-SHA-512, SASL_PLAINTEXT",
    "PLAIN, SASL_SSL",
    "SCRAM-SHA-256, SASL_SSL",
    "SCRAM-SHA-512, SASL_SSL",
    "OAUTHBEARER, SASL_PLAINTEXT",
    "OAUTHBEARER, SASL_SSL"
  })
  void thousandRecordsAreDelivered(String mechanism, String protocol) throws Exception {
    String topic = ("sasl-" + mechanism + "-" + protocol).toLowerCase().replace('_', '-');
    Records.createTopic(cluster.bootstrapServers(), topic, 2, (short) 1);
    sendThousandAndReadBack(producer(mechanism, protocol, "alice-secret", Map.of()), topic);
  }

  /** Sends 1,000 records, all acknowledged, then reads them back with the official consumer. */
  private static void sendThousandAndReadBack(PlumeProducer<byte[], byte[]> producer, String topic)
      throws Exception {
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    try (producer) {
      for (int i = 0; i < 1000; i++) {
        futures.add(producer.send(new ProducerRecord<>(topic, null, null, ("v" + i).getBytes())));
      }
      producer.flush();
    }
    for (CompletableFuture<RecordMetadata> f : futures) {
      assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
    }
    assertThat(Records.readAll(cluster.bootstrapServers(), topic, Duration.ofSeconds(30)))
        .hasSize(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
  void wrongPasswordFailsTheRecordPromptlyWithAnAuthenticationException(String mechanism) {
    long startNs = System.nanoTime();
    Throwable failure = null;
    LogCapture logs = LogCapture.plume();
    try (logs;
        PlumeProducer<byte[], byte[]> producer =
            producer(
                mechanism,
                "SASL_PLAINTEXT",
                "wrong-password",
                Map.of("max.block.ms", 60_000, "delivery.timeout.ms", 120_000))) {
      producer.send(new ProducerRecord<>("sasl-wrong", null, null, "x".getBytes())).get();
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (Exception e) {
      failure = e;
    }
    long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
    System.out.printf(
        "SaslIT %s wrong password failed after %d ms: %s%n", mechanism, elapsedMs, failure);
    // A TimeoutException here would mean the failure was retried until max.block.ms (60 s).
    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertThat(failure.getMessage()).doesNotContain("wrong-password");
    // One WARN per refusing node and outage (not per reconnect attempt), without the secret.
    List<String> warns = logs.messages(ch.qos.logback.classic.Level.WARN);
    assertThat(warns).anyMatch(m -> m.contains("authentication with") && m.contains("failed"));
    assertThat(warns).hasSizeLessThanOrEqualTo(2);
    assertThat(logs.atInfoOrAbove()).noneMatch(m -> m.contains("wrong-password"));
  }

  /** Creates (or replaces) a SCRAM credential through the official Admin client, at run time. */
  private static void upsertScramUser(String user, String password, ScramMechanism mechanism)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user, new ScramCredentialInfo(mechanism, 8192), password)))
          .all()
          .get();
      awaitCredentials(admin, user, mechanism, true);
    }
  }

  private static void deleteScramUser(String user, ScramMechanism mechanism) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin
          .alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, mechanism)))
          .all()
          .get();
      awaitCredentials(admin, user, mechanism, false);
    }
  }

  /** The broker applies credentials from its metadata log: wait until it reports the change. */
  private static void awaitCredentials(
      Admin admin, String user, ScramMechanism mechanism, boolean present) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      boolean has;
      try {
        has =
            admin.describeUserScramCredentials(List.of(user)).all().get().values().stream()
                .flatMap(d -> d.credentialInfos().stream())
                .anyMatch(i -> i.mechanism() == mechanism);
      } catch (ExecutionException e) {
        has = false; // ResourceNotFoundException: no credential for the user at all
      }
      if (has == present) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("SCRAM credential of " + user + " present=" + has);
      }
      Thread.sleep(50);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
  void usersCreatedAtRunTimeAuthenticateAndDeliver(String mechanism) throws Exception {
    String user = "carol-" + mechanism.toLowerCase();
    upsertScramUser(user, "carol-secret", ScramMechanism.fromMechanismName(mechanism));
    String topic = "sasl-runtime-" + mechanism.toLowerCase();
    Records.createTopic(cluster.bootstrapServers(), topic, 2, (short) 1);
    sendThousandAndReadBack(producer(mechanism, "SASL_SSL", user, "carol-secret", Map.of()), topic);
  }

  @org.junit.jupiter.api.Test
  void oauthBearerTokensFromAPluggableProviderAuthenticateAndDeliver() throws Exception {
    String topic = "sasl-oauth-provider";
    Records.createTopic(cluster.bootstrapServers(), topic, 2, (short) 1);
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    // Stands in for an identity provider's client: a token the broker's default (unsecured)
    // validator accepts, minted here rather than by Plume's unsecuredLoginStringClaim_sub option.
    dev.plume.producer.security.OAuthBearerTokenProvider provider =
        () -> {
          asked.incrementAndGet();
          long nowS = System.currentTimeMillis() / 1000;
          java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
          return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
              + "."
              + b64.encodeToString(
                  ("{\"sub\":\"idp-user\",\"iat\":" + nowS + ",\"exp\":" + (nowS + 600) + "}")
                      .getBytes(StandardCharsets.UTF_8))
              + ".";
        };
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", "localhost:" + saslSslPort);
    config.put("security.protocol", "SASL_SSL");
    config.put("sasl.mechanism", "OAUTHBEARER");
    config.put("sasl.jaas.config", OAUTH_MODULE + " required;");
    config.put("ssl.truststore.type", "PKCS12");
    config.put("ssl.truststore.location", certs.truststore.toString());
    config.put("ssl.truststore.password", TestCertificates.PASSWORD);
    config.put("linger.ms", 5);
    sendThousandAndReadBack(
        PlumeProducer.<byte[], byte[]>builder(dev.plume.producer.ProducerConfig.from(config))
            .keySerializer(new ByteArraySerializer())
            .valueSerializer(new ByteArraySerializer())
            .oauthBearerTokenProvider(provider)
            .build(),
        topic);
    assertThat(asked.get()).as("asked once per connection").isPositive();
  }

  @org.junit.jupiter.api.Test
  void credentialRemovedWhileRunningFailsRecordsPromptlyOnTheNextConnection() throws Exception {
    String topic = "sasl-revoked";
    Records.createTopic(cluster.bootstrapServers(), topic, 1, (short) 1);
    upsertScramUser("dave", "dave-secret", ScramMechanism.SCRAM_SHA_256);
    try (PlumeProducer<byte[], byte[]> producer =
        producer(
            "SCRAM-SHA-256",
            "SASL_PLAINTEXT",
            "dave",
            "dave-secret",
            Map.of("delivery.timeout.ms", 120_000, "request.timeout.ms", 30_000))) {
      producer.send(new ProducerRecord<>(topic, null, null, "before".getBytes())).get();
      deleteScramUser("dave", ScramMechanism.SCRAM_SHA_256);
      // The open connection stays authenticated; the next one (to the partition leader, not
      // for bootstrap) is refused.
      producer.reconnect();
      long startNs = System.nanoTime();
      Throwable failure = null;
      try {
        producer.send(new ProducerRecord<>(topic, null, null, "after".getBytes())).get();
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
      System.out.printf(
          "SaslIT revoked credential: record failed after %d ms: %s%n", elapsedMs, failure);
      // Not after delivery.timeout.ms (120 s): the refusal is final.
      assertThat(failure).isInstanceOf(AuthenticationException.class);
      assertThat(failure.getMessage()).doesNotContain("dave-secret");
      assertThat(elapsedMs).isLessThan(60_000);
    }
  }

  @org.junit.jupiter.api.Test
  void sessionsAreReauthenticatedOnTheOpenConnection() throws Exception {
    String topic = "sasl-reauth";
    Records.createTopic(cluster.bootstrapServers(), topic, 1, (short) 1);
    int sent = 0;
    dev.plume.producer.ProducerStats stats;
    try (PlumeProducer<byte[], byte[]> producer =
        producer("SCRAM-SHA-512", "SASL_PLAINTEXT", "alice-secret", Map.of())) {
      producer.send(new ProducerRecord<>(topic, null, null, "first".getBytes())).get();
      sent++;
      long connectionsBefore = producer.metrics().connectionCreationTotal();
      // Produce synchronously for 20 s: four session lifetimes.
      long endNs = System.nanoTime() + 4 * REAUTH_MS * 1_000_000L;
      while (System.nanoTime() < endNs) {
        producer.send(new ProducerRecord<>(topic, null, null, ("r" + sent).getBytes())).get();
        sent++;
      }
      stats = producer.metrics();
      System.out.printf(
          "SaslIT re-authentication: %d records over %d ms sessions, connections created %d"
              + " (before %d), closed %d%n",
          sent,
          REAUTH_MS,
          stats.connectionCreationTotal(),
          connectionsBefore,
          stats.connectionCloseTotal());
      // Without re-authentication the broker closes each connection when its session expires.
      assertThat(stats.connectionCloseTotal()).isZero();
      assertThat(stats.connectionCreationTotal()).isEqualTo(connectionsBefore);
    }
    assertThat(Records.readAll(cluster.bootstrapServers(), topic, Duration.ofSeconds(30)))
        .hasSize(sent);
  }

  private static PlumeProducer<byte[], byte[]> producer(
      String mechanism, String protocol, String password, Map<String, Object> extra) {
    return producer(mechanism, protocol, "alice", password, extra);
  }

  private static PlumeProducer<byte[], byte[]> producer(
      String mechanism, String protocol, String user, String password, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    boolean ssl = protocol.equals("SASL_SSL");
    config.put("bootstrap.servers", "localhost:" + (ssl ? saslSslPort : saslPort));
    config.put("security.protocol", protocol);
    config.put("sasl.mechanism", mechanism);
    if (mechanism.equals("OAUTHBEARER")) {
      config.put(
          "sasl.jaas.config", OAUTH_MODULE + " required unsecuredLoginStringClaim_sub=\"alice\";");
    } else {
      String module = mechanism.equals("PLAIN") ? PLAIN_MODULE : SCRAM_MODULE;
      config.put(
          "sasl.jaas.config",
          module + " required username=\"" + user + "\" password=\"" + password + "\";");
    }
    if (ssl) {
      config.put("ssl.truststore.type", "PKCS12");
      config.put("ssl.truststore.location", certs.truststore.toString());
      config.put("ssl.truststore.password", TestCertificates.PASSWORD);
    }
    config.put("linger.ms", 5);
    config.putAll(extra);
    return new PlumeProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
