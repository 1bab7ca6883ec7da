package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.TestCertificates;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against a real broker with two TLS listeners: SSL (server certificate only, SAN
 * DNS:localhost) and MTLS ({@code ssl.client.auth=required}), certificates made by keytool.
 */
class TlsIT {

  private static Path dir;
  private static TestCertificates certs;
  private static KafkaCluster cluster;
  private static int sslPort;
  private static int mtlsPort;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("plume-tls");
    certs = TestCertificates.create(dir);
    int[] ports = freePorts();
    sslPort = ports[0];
    mtlsPort = ports[1];
    ClusterSpec spec =
        ClusterSpec.singleNode()
            .withListener("SSL", "SSL", sslPort, "localhost")
            .withListener("MTLS", "SSL", mtlsPort, "localhost")
            .withBrokerKeyStore(certs)
            .withBrokerProperty("ssl.truststore.type", "PKCS12")
            .withBrokerProperty("ssl.truststore.location", certs.truststore.toString())
            .withBrokerProperty("ssl.truststore.password", TestCertificates.PASSWORD)
            .withBrokerProperty("listener.name.mtls.ssl.client.auth", "required");
    cluster = EmbeddedKafka.start(spec);
    Records.createTopic(cluster.bootstrapServers(), "tls", 2, (short) 1);
    Records.createTopic(cluster.bootstrapServers(), "tls-readback", 2, (short) 1);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thousandRecordsOverTlsAreReadBackByTheOfficialConsumerOverTls() throws Exception {
    String topic = "tls-readback";
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    try (PlumeProducer<byte[], byte[]> producer = producer("localhost:" + sslPort, Map.of())) {
      for (int i = 0; i < 1000; i++) {
        futures.add(
            producer.send(
                new ProducerRecord<>(
                    topic, null, ("k" + i).getBytes(), ("value-" + i).getBytes())));
      }
      producer.flush();
    }
    for (CompletableFuture<RecordMetadata> f : futures) {
      assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
    }
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAllOverTls(topic)) {
      values.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    assertThat(values).hasSize(1000);
    assertThat(values).contains("value-0", "value-999");
  }

  @Test
  void providedSslContextsAreUsedPerConnectionAndReconnectPicksUpAReplacedOne() throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(certs.truststore)) {
      trust.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    List<javax.net.ssl.SSLContext> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicReference<javax.net.ssl.SSLContext> current =
        new java.util.concurrent.atomic.AtomicReference<>(newContext(tmf));
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", "localhost:" + sslPort);
    config.put("security.protocol", "SSL");
    config.put("linger.ms", 5);
    // No trust store in the configuration: the provided context is the only way to trust the
    // broker, so delivery proves it was used.
    try (PlumeProducer<byte[], byte[]> producer =
        PlumeProducer.<byte[], byte[]>builder(dev.plume.producer.ProducerConfig.from(config))
            .keySerializer(new ByteArraySerializer())
            .valueSerializer(new ByteArraySerializer())
            .sslContextProvider(
                () -> {
                  javax.net.ssl.SSLContext c = current.get();
                  handedOut.add(c);
                  return c;
                })
            .build()) {
      sendAndAwait(producer, 100);
      javax.net.ssl.SSLContext first = handedOut.get(handedOut.size() - 1);
      long connectionsBefore = producer.metrics().connectionCreationTotal();

      current.set(newContext(tmf)); // the "reloaded" material
      producer.reconnect();
      sendAndAwait(producer, 100);

      assertThat(handedOut.get(handedOut.size() - 1)).isNotSameAs(first).isSameAs(current.get());
      assertThat(producer.metrics().connectionCreationTotal()).isGreaterThan(connectionsBefore);
      assertThat(producer.metrics().recordErrorsTotal()).isZero();
    }
  }

  private static javax.net.ssl.SSLContext newContext(javax.net.ssl.TrustManagerFactory tmf)
      throws Exception {
    javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
    c.init(null, tmf.getTrustManagers(), null);
    return c;
  }

  private static void sendAndAwait(PlumeProducer<byte[], byte[]> producer, int count)
      throws Exception {
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(producer.send(new ProducerRecord<>("tls", null, null, ("r" + i).getBytes())));
    }
    for (CompletableFuture<RecordMetadata> f : futures) {
      assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).hasOffset()).isTrue();
    }
  }

  @Test
  void certificateWhoseSanDoesNotMatchTheHostIsRefusedByDefault() {
    Throwable failure = sendOneExpectingFailure("127.0.0.1:" + sslPort, Map.of());
    assertThat(failure).hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
    assertThat(causeChain(failure))
        .contains("AuthenticationException")
        .contains("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void emptyEndpointIdentificationAlgorithmAcceptsTheMismatchedCertificate() throws Exception {
    try (PlumeProducer<byte[], byte[]> producer =
        producer("127.0.0.1:" + sslPort, Map.of("ssl.endpoint.identification.algorithm", ""))) {
      RecordMetadata metadata =
          producer.send(new ProducerRecord<>("tls", null, null, "no-check".getBytes())).get();
      assertThat(metadata.offset()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void mutualTlsWithAClientCertificateDelivers() throws Exception {
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    try (PlumeProducer<byte[], byte[]> producer =
        producer("localhost:" + mtlsPort, clientKeystore())) {
      for (int i = 0; i < 1000; i++) {
        futures.add(producer.send(new ProducerRecord<>("tls", null, null, ("m" + i).getBytes())));
      }
      producer.flush();
    }
    for (CompletableFuture<RecordMetadata> f : futures) {
      assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void mutualTlsWithInlinePemKeyAndTrustedCertificates() throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(certs.clientKeystore)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    java.security.Key key = store.getKey("client", TestCertificates.PASSWORD.toCharArray());
    StringBuilder chain = new StringBuilder();
    for (java.security.cert.Certificate c : store.getCertificateChain("client")) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    Map<String, Object> pemConfig = new HashMap<>();
    pemConfig.put("ssl.keystore.type", "PEM");
    pemConfig.put("ssl.keystore.key", pem("PRIVATE KEY", key.getEncoded()));
    pemConfig.put("ssl.keystore.certificate.chain", chain.toString());
    pemConfig.put("ssl.truststore.type", "PEM");
    pemConfig.put("ssl.truststore.location", "");
    pemConfig.put("ssl.truststore.certificates", Files.readString(certs.caPem));
    pemConfig.put("ssl.truststore.password", "");
    try (PlumeProducer<byte[], byte[]> producer = producer("localhost:" + mtlsPort, pemConfig)) {
      RecordMetadata metadata =
          producer.send(new ProducerRecord<>("tls", null, null, "pem".getBytes())).get();
      assertThat(metadata.offset()).isGreaterThanOrEqualTo(0);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @Test
  void mutualTlsWithoutAClientCertificateIsRefused() {
    Throwable failure = sendOneExpectingFailure("localhost:" + mtlsPort, Map.of());
    assertThat(failure).hasCauseInstanceOf(AuthenticationException.class);
    assertThat(causeChain(failure)).contains("TLS handshake");
  }

  @Test
  void plaintextClientOnTheTlsPortFailsWithAMessageNamingTls() {
    Throwable failure =
        sendOneExpectingFailure("localhost:" + sslPort, Map.of("security.protocol", "PLAINTEXT"));
    assertThat(failure).hasCauseInstanceOf(AuthenticationException.class);
    assertThat(causeChain(failure)).contains("0x15030300").contains("security.protocol SSL");
  }

  private static Map<String, Object> clientKeystore() {
    return Map.of(
        "ssl.keystore.type",
        "PKCS12",
        "ssl.keystore.location",
        certs.clientKeystore.toString(),
        "ssl.keystore.password",
        TestCertificates.PASSWORD,
        "ssl.key.password",
        TestCertificates.PASSWORD);
  }

  private static Throwable sendOneExpectingFailure(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> overrides = new HashMap<>(extra);
    overrides.putIfAbsent("max.block.ms", 10_000);
    overrides.putIfAbsent("delivery.timeout.ms", 10_000);
    overrides.putIfAbsent("request.timeout.ms", 5_000);
    long startNs = System.nanoTime();
    Throwable failure = null;
    try (PlumeProducer<byte[], byte[]> producer = producer(bootstrap, overrides)) {
      producer.send(new ProducerRecord<>("tls", null, null, "x".getBytes())).get();
    } catch (Throwable t) {
      failure = t;
    }
    System.out.printf(
        "TlsIT failure after %d ms: %s%n",
        (System.nanoTime() - startNs) / 1_000_000, causeChain(failure));
    assertThat(failure).as("the send must fail").isNotNull();
    return failure;
  }

  private static String causeChain(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      text.append(c).append(" <- ");
    }
    return text.toString();
  }

  private static PlumeProducer<byte[], byte[]> producer(
      String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("security.protocol", "SSL");
    config.put("ssl.truststore.type", "PKCS12");
    config.put("ssl.truststore.location", certs.truststore.toString());
    config.put("ssl.truststore.password", TestCertificates.PASSWORD);
    config.put("linger.ms", 5);
    config.putAll(extra);
    return new PlumeProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAllOverTls(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + sslPort);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put("security.protocol", "SSL");
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", certs.truststore.toString());
    props.put("ssl.truststore.password", TestCertificates.PASSWORD);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    Duration timeout = Duration.ofSeconds(30);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, timeout)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static int[] freePorts() throws IOException {
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket b = new ServerSocket(0)) {
      return new int[] {a.getLocalPort(), b.getLocalPort()};
    }
  }
}
