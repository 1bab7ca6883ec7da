package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.plume.producer.ProducerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** plume.producer.security / ssl / sasl map to Kafka's names; ssl.bundle uses Boot's bundles. */
class SecurityPropertiesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void sslAndSaslPropertiesMapToKafkasKeys(@TempDir Path dir) throws Exception {
    Path keyStore = Files.writeString(dir.resolve("client.p12"), "not read here");
    runner
        .withPropertyValues(
            "plume.producer.security.protocol=sasl_ssl",
            "plume.producer.ssl.key-store-location=file:" + keyStore,
            "plume.producer.ssl.key-store-type=PKCS12",
            "plume.producer.ssl.key-store-password=ks-secret",
            "plume.producer.ssl.key-password=key-secret",
            "plume.producer.ssl.trust-store-location=classpath:trust/ca.pem",
            "plume.producer.ssl.trust-store-type=PEM",
            "plume.producer.ssl.trust-store-password=ts-secret",
            "plume.producer.ssl.protocol=TLSv1.2",
            "plume.producer.ssl.enabled-protocols=TLSv1.2,TLSv1.3",
            "plume.producer.ssl.cipher-suites=TLS_AES_128_GCM_SHA256",
            "plume.producer.ssl.endpoint-identification-algorithm=",
            "plume.producer.sasl.mechanism=SCRAM-SHA-512",
            "plume.producer.sasl.username=alice",
            "plume.producer.sasl.password=p\"w\\d")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Map<String, Object> config =
                  context.getBean(PlumeClients.class).configFor(PlumeClients.DEFAULT_CLIENT);
              assertThat(config)
                  .contains(
                      entry("security.protocol", "SASL_SSL"),
                      entry("ssl.keystore.location", keyStore.toAbsolutePath().toString()),
                      entry("ssl.keystore.type", "PKCS12"),
                      entry("ssl.keystore.password", "ks-secret"),
                      entry("ssl.key.password", "key-secret"),
                      entry("ssl.truststore.type", "PEM"),
                      entry("ssl.truststore.password", "ts-secret"),
                      entry("ssl.protocol", "TLSv1.2"),
                      entry("ssl.enabled.protocols", "TLSv1.2,TLSv1.3"),
                      entry("ssl.cipher.suites", "TLS_AES_128_GCM_SHA256"),
                      entry("ssl.endpoint.identification.algorithm", ""),
                      entry("sasl.mechanism", "SCRAM-SHA-512"),
                      entry(
                          "sasl.jaas.config",
                          "org.apache.kafka.common.security.scram.ScramLoginModule required"
                              + " username=\"alice\" password=\"p\\\"w\\\\d\";"));
              // A classpath resource is copied to a file, since Kafka's setting is a path.
              Path trust = Path.of((String) config.get("ssl.truststore.location"));
              assertThat(Files.readString(trust)).contains("BEGIN CERTIFICATE");
              ProducerConfig validated =
                  context.getBean(StubProducerFactory.class).definitions.get("default").config();
              assertThat(validated.securityProtocol()).isEqualTo("SASL_SSL");
              assertThat(validated.transportSecurity().sasl().orElseThrow().mechanism())
                  .isEqualTo("SCRAM-SHA-512");
              assertThat(validated.transportSecurity().ssl().orElseThrow().verifiesHostname())
                  .isFalse();
              // Secrets stay out of the validated configuration's text.
              assertThat(validated.toString()).doesNotContain("ks-secret", "p\"w", "ts-secret");
            });
  }

  @Test
  void plainCredentialsBuildThePlainLoginModuleAndAnExplicitJaasLineWins() {
    runner
        .withPropertyValues(
            "plume.producer.security.protocol=sasl_plaintext",
            "plume.producer.sasl.mechanism=PLAIN",
            "plume.producer.sasl.username=bob",
            "plume.producer.sasl.password=pw",
            "plume.producer.clients.other.sasl.jaas-config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"x\" password=\"y\";")
        .run(
            context -> {
              PlumeClients clients = context.getBean(PlumeClients.class);
              assertThat(clients.configFor(PlumeClients.DEFAULT_CLIENT).get("sasl.jaas.config"))
                  .isEqualTo(
                      "org.apache.kafka.common.security.plain.PlainLoginModule required"
                          + " username=\"bob\" password=\"pw\";");
              assertThat((String) clients.configFor("other").get("sasl.jaas.config"))
                  .contains("username=\"x\"");
            });
  }

  @Test
  void anOAuthBearerTokenProviderBeanIsHandedToTheProducer() {
    dev.plume.producer.security.OAuthBearerTokenProvider tokens = () -> "token";
    runner
        .withBean(dev.plume.producer.security.OAuthBearerTokenProvider.class, () -> tokens)
        .withPropertyValues(
            "plume.producer.security.protocol=sasl_ssl",
            "plume.producer.sasl.mechanism=OAUTHBEARER",
            "plume.producer.sasl.jaas-config="
                + "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean(StubProducerFactory.class)
                          .definitions
                          .get("default")
                          .oauthBearerTokenProvider())
                  .isSameAs(tokens);
            });
  }

  @Test
  void usernameWithAMechanismThatHasNoPasswordLoginFailsNamingTheFix() {
    runner
        .withPropertyValues(
            "plume.producer.sasl.mechanism=OAUTHBEARER", "plume.producer.sasl.username=u")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sasl.jaas-config")
                    .hasMessageContaining("OAUTHBEARER"));
  }

  private static SslBundles bundles(
      String name, SslBundle bundle, AtomicReference<Consumer<SslBundle>> handler) {
    DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
    registry.registerBundle(name, bundle);
    return new SslBundles() {
      @Override
      public SslBundle getBundle(String bundleName) {
        return registry.getBundle(bundleName);
      }

      @Override
      public void addBundleUpdateHandler(String bundleName, Consumer<SslBundle> updateHandler) {
        handler.set(updateHandler);
      }

      @Override
      public void addBundleRegisterHandler(
          java.util.function.BiConsumer<String, SslBundle> registerHandler) {}

      @Override
      public java.util.List<String> getBundleNames() {
        return registry.getBundleNames();
      }
    };
  }

  @Test
  void aBundleMeansSslAndGivesTheProducerItsContextAndAReloadHandler() {
    AtomicReference<Consumer<SslBundle>> handler = new AtomicReference<>();
    SslBundle bundle = SslBundle.systemDefault();
    runner
        .withBean(SslBundles.class, () -> bundles("kafka", bundle, handler))
        .withPropertyValues("plume.producer.ssl.bundle=kafka")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PlumeProducerDefinition definition =
                  context.getBean(StubProducerFactory.class).definitions.get("default");
              assertThat(definition.config().securityProtocol()).isEqualTo("SSL");
              assertThat(definition.sslContextProvider()).isNotNull();
              javax.net.ssl.SSLContext before = definition.sslContextProvider().sslContext();
              assertThat(before).isNotNull();
              assertThat(handler.get()).as("reload handler registered").isNotNull();

              handler.get().accept(SslBundle.of(org.springframework.boot.ssl.SslStoreBundle.NONE));

              assertThat(definition.sslContextProvider().sslContext()).isNotSameAs(before);
            });
  }

  @Test
  void aBundleReloadReachesThePooledTransactionalProducers() {
    DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
    registry.registerBundle("kafka", SslBundle.systemDefault());
    runner
        .withBean(SslBundles.class, () -> registry)
        .withPropertyValues(
            "plume.producer.ssl.bundle=kafka", "plume.producer.transaction-id-prefix=tx-")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              @SuppressWarnings("unchecked")
              dev.plume.spring.core.ProducerTemplate<String, String> template =
                  (dev.plume.spring.core.ProducerTemplate<String, String>)
                      context.getBean("plumeProducerTemplate");
              template.executeInTransaction(t -> t.send("t", "v"));
              StubProducerFactory stubs = context.getBean(StubProducerFactory.class);
              PlumeProducerDefinition pooled = stubs.definitionsByTransactionalId.get("tx-0");
              assertThat(pooled.sslContextProvider()).isNotNull();
              javax.net.ssl.SSLContext before = pooled.sslContextProvider().sslContext();

              registry.updateBundle(
                  "kafka", SslBundle.of(org.springframework.boot.ssl.SslStoreBundle.NONE));

              // The open pooled producer and those made from now on use the new material.
              assertThat(pooled.sslContextProvider().sslContext()).isNotSameAs(before);
            });
  }

  @Test
  void anExplicitProtocolWinsOverTheBundlesDefault() {
    runner
        .withBean(
            SslBundles.class,
            () -> bundles("kafka", SslBundle.systemDefault(), new AtomicReference<>()))
        .withPropertyValues(
            "plume.producer.ssl.bundle=kafka",
            "plume.producer.security.protocol=SASL_SSL",
            "plume.producer.sasl.mechanism=PLAIN",
            "plume.producer.sasl.username=u",
            "plume.producer.sasl.password=p")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(StubProducerFactory.class)
                            .definitions
                            .get("default")
                            .config()
                            .securityProtocol())
                    .isEqualTo("SASL_SSL"));
  }

  @Test
  void aBundleWithoutSslBundlesFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("plume.producer.ssl.bundle=missing")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("plume.producer.ssl.bundle")
                    .hasMessageContaining("missing"));
  }
}
