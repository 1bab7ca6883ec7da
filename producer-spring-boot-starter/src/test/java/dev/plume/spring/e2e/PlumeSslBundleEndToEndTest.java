package dev.plume.spring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.EmbeddedKafka;
import dev.plume.broker.KafkaCluster;
import dev.plume.broker.TestCertificates;
import dev.plume.producer.Producer;
import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.PlumeSpringKafkaAutoConfiguration;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendResult;
import dev.plume.spring.springkafka.PlumeKafkaProducerFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The starter against a real broker's TLS listener, with its key material from a Spring Boot SSL
 * bundle ({@code spring.ssl.bundle.jks.*}), and a bundle reload while it runs.
 */
class PlumeSslBundleEndToEndTest {

  private static TestCertificates certs;
  private static KafkaCluster cluster;
  private static int sslPort;

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.create(Files.createTempDirectory("plume-bundle"));
    try (ServerSocket s = new ServerSocket(0)) {
      sslPort = s.getLocalPort();
    }
    cluster =
        EmbeddedKafka.start(
            ClusterSpec.singleNode()
                .withListener("SSL", "SSL", sslPort, "localhost")
                .withBrokerKeyStore(certs));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(SslAutoConfiguration.class, PlumeProducerAutoConfiguration.class))
        .withPropertyValues(
            "spring.ssl.bundle.jks.kafka.truststore.location=file:" + certs.truststore,
            "spring.ssl.bundle.jks.kafka.truststore.type=PKCS12",
            "spring.ssl.bundle.jks.kafka.truststore.password=" + TestCertificates.PASSWORD,
            "plume.producer.bootstrap-servers=localhost:" + sslPort,
            "plume.producer.ssl.bundle=kafka",
            "plume.producer.linger=5ms");
  }

  private static void sendAndAwait(ProducerTemplate<String, String> template, int count)
      throws Exception {
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sends.add(template.send("bundle-topic", "k" + i, "v" + i));
    }
    for (CompletableFuture<SendResult<String, String>> send : sends) {
      assertThat(send.get(30, TimeUnit.SECONDS).metadata().hasOffset()).isTrue();
    }
  }

  @Test
  void sendsOverTlsWithTheBundleAndReconnectsWhenTheBundleIsReloaded() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  context.getBean("plumeProducerTemplate", ProducerTemplate.class);
              Producer<?, ?> producer = template.producer();
              sendAndAwait(template, 200);
              long connections = producer.metrics().connectionCreationTotal();

              // What Boot does when the bundle's files change (reload-on-update): a new bundle,
              // here from a copy of the trust store, and the update handlers run.
              Path copy = Files.copy(certs.truststore, certs.dir.resolve("truststore-2.p12"));
              SslBundle reloaded =
                  SslBundle.of(
                      new JksSslStoreBundle(
                          null,
                          new JksSslStoreDetails(
                              "PKCS12", null, "file:" + copy, TestCertificates.PASSWORD)));
              ((SslBundleRegistry) context.getBean(SslBundles.class))
                  .updateBundle("kafka", reloaded);
              sendAndAwait(template, 200);

              assertThat(producer.metrics().connectionCreationTotal())
                  .as("a new TLS connection was made after the reload")
                  .isGreaterThan(connections);
              assertThat(producer.metrics().recordErrorsTotal()).isZero();
            });
  }

  @Test
  void springKafkaTemplateOnPlumeSendsOverTlsWithSpringKafkasBundle() {
    runner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeSpringKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=localhost:" + sslPort,
            "spring.kafka.ssl.bundle=kafka",
            "spring.kafka.security.protocol=SSL")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ProducerFactory.class))
                  .isInstanceOf(PlumeKafkaProducerFactory.class);
              @SuppressWarnings("unchecked")
              KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
              List<CompletableFuture<org.springframework.kafka.support.SendResult<Object, Object>>>
                  sends = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                sends.add(template.send("spring-kafka-bundle-topic", "k" + i, "v" + i));
              }
              for (var send : sends) {
                assertThat(send.get(30, TimeUnit.SECONDS).getRecordMetadata().hasOffset()).isTrue();
              }
            });
  }

  @Test
  void springKafkaTemplateOnPlumeSendsOverTlsWithSpringKafkasStoreProperties() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PlumeProducerAutoConfiguration.class,
                PlumeSpringKafkaAutoConfiguration.class,
                KafkaAutoConfiguration.class))
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=localhost:" + sslPort,
            "spring.kafka.security.protocol=SSL",
            "spring.kafka.ssl.trust-store-location=file:" + certs.truststore,
            "spring.kafka.ssl.trust-store-type=PKCS12",
            "spring.kafka.ssl.trust-store-password=" + TestCertificates.PASSWORD)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              @SuppressWarnings("unchecked")
              KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
              assertThat(template.getProducerFactory())
                  .isInstanceOf(PlumeKafkaProducerFactory.class);
              assertThat(
                      template
                          .send("spring-kafka-stores-topic", "k", "v")
                          .get(30, TimeUnit.SECONDS)
                          .getRecordMetadata()
                          .hasOffset())
                  .isTrue();
            });
  }

  @Test
  void withoutTheBundleTheBrokersCertificateIsNotTrusted() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withPropertyValues(
            "plume.producer.bootstrap-servers=localhost:" + sslPort,
            "plume.producer.security.protocol=SSL",
            "plume.producer.max-block=5s",
            "plume.producer.delivery-timeout=6s",
            "plume.producer.request-timeout=5s")
        .run(
            context -> {
              @SuppressWarnings("unchecked")
              ProducerTemplate<String, String> template =
                  context.getBean("plumeProducerTemplate", ProducerTemplate.class);
              CompletableFuture<SendResult<String, String>> send =
                  template.send("bundle-topic", "x");
              assertThat(send).failsWithin(30, TimeUnit.SECONDS);
            });
  }
}
