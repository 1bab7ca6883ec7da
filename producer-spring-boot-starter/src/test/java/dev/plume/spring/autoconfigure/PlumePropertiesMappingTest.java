package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.plume.producer.ProducerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlumePropertiesMappingTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class);

  @Test
  void everyTypedPropertyMapsToItsKafkaKey() {
    runner
        .withPropertyValues(
            "plume.producer.bootstrap-servers=b1:9092,b2:9093",
            "plume.producer.client-id=app",
            "plume.producer.acks=-1",
            "plume.producer.linger=15ms",
            "plume.producer.batch-size=32KB",
            "plume.producer.buffer-memory=64MB",
            "plume.producer.max-block=2s",
            "plume.producer.delivery-timeout=3m",
            "plume.producer.request-timeout=20s",
            "plume.producer.retries=7",
            "plume.producer.retry-backoff=150",
            "plume.producer.retry-backoff-max=2s",
            "plume.producer.max-in-flight-requests-per-connection=3",
            "plume.producer.max-request-size=2MB",
            "plume.producer.enable-idempotence=true",
            "plume.producer.compression-type=zstd",
            "plume.producer.compression-gzip-level=4",
            "plume.producer.compression-lz4-level=10",
            "plume.producer.compression-zstd-level=5",
            "plume.producer.partitioner-class=" + TestPartitioner.class.getName(),
            "plume.producer.partitioner-adaptive-partitioning-enable=false",
            "plume.producer.partitioner-availability-timeout=250ms",
            "plume.producer.partitioner-ignore-keys=true",
            "plume.producer.metadata-max-age=1m",
            "plume.producer.metadata-max-idle=2m",
            "plume.producer.metadata-recovery-strategy=none",
            "plume.producer.metadata-recovery-rebootstrap-trigger=3m",
            "plume.producer.reconnect-backoff=60ms",
            "plume.producer.reconnect-backoff-max=3s",
            "plume.producer.socket-connection-setup-timeout=11s",
            "plume.producer.socket-connection-setup-timeout-max=31s",
            "plume.producer.client-dns-lookup=resolve-canonical-bootstrap-servers-only",
            "plume.producer.send-buffer=64KB",
            "plume.producer.receive-buffer=-1B",
            "plume.producer.connections-max-idle=-1",
            "plume.producer.interceptor-classes=" + TestInterceptor.class.getName(),
            "plume.producer.key-serializer=dev.plume.producer.serialization.StringSerializer",
            "plume.producer.value-serializer=dev.plume.producer.serialization.ByteArraySerializer",
            "plume.producer.transactional-id=tx",
            "plume.producer.transaction-timeout=45s",
            "plume.producer.security.protocol=plaintext")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Map<String, Object> config =
                  context.getBean(PlumeClients.class).configFor(PlumeClients.DEFAULT_CLIENT);
              assertThat(config)
                  .containsOnly(
                      entry("bootstrap.servers", "b1:9092,b2:9093"),
                      entry("client.id", "app"),
                      entry("acks", "all"),
                      entry("linger.ms", 15L),
                      entry("batch.size", 32768L),
                      entry("buffer.memory", 67108864L),
                      entry("max.block.ms", 2000L),
                      entry("delivery.timeout.ms", 180000L),
                      entry("request.timeout.ms", 20000L),
                      entry("retries", 7),
                      entry("retry.backoff.ms", 150L),
                      entry("retry.backoff.max.ms", 2000L),
                      entry("max.in.flight.requests.per.connection", 3),
                      entry("max.request.size", 2097152L),
                      entry("enable.idempotence", true),
                      entry("compression.type", "zstd"),
                      entry("compression.gzip.level", 4),
                      entry("compression.lz4.level", 10),
                      entry("compression.zstd.level", 5),
                      entry("partitioner.class", TestPartitioner.class.getName()),
                      entry("partitioner.adaptive.partitioning.enable", false),
                      entry("partitioner.availability.timeout.ms", 250L),
                      entry("partitioner.ignore.keys", true),
                      entry("metadata.max.age.ms", 60000L),
                      entry("metadata.max.idle.ms", 120000L),
                      entry("metadata.recovery.strategy", "none"),
                      entry("metadata.recovery.rebootstrap.trigger.ms", 180000L),
                      entry("reconnect.backoff.ms", 60L),
                      entry("reconnect.backoff.max.ms", 3000L),
                      entry("socket.connection.setup.timeout.ms", 11000L),
                      entry("socket.connection.setup.timeout.max.ms", 31000L),
                      entry("client.dns.lookup", "resolve_canonical_bootstrap_servers_only"),
                      entry("send.buffer.bytes", 65536L),
                      entry("receive.buffer.bytes", -1L),
                      entry("connections.max.idle.ms", -1L),
                      entry("interceptor.classes", List.of(TestInterceptor.class.getName())),
                      entry("key.serializer", "dev.plume.producer.serialization.StringSerializer"),
                      entry(
                          "value.serializer",
                          "dev.plume.producer.serialization.ByteArraySerializer"),
                      entry("transactional.id", "tx"),
                      entry("transaction.timeout.ms", 45000L),
                      entry("security.protocol", "PLAINTEXT"));
              // Every typed property but ssl.* / sasl.* (SecurityPropertiesTest) is covered
              // above: the table has one row per key.
              assertThat(PlumeConfigMapper.MAPPINGS)
                  .filteredOn(m -> !m.property().matches("(ssl|sasl)\\..*"))
                  .hasSize(config.size());
              // The engine accepted it all.
              ProducerConfig validated =
                  context.getBean(StubProducerFactory.class).definitions.get("default").config();
              assertThat(validated.lingerMs()).isEqualTo(15);
              assertThat(validated.transactionalId()).isEqualTo("tx");
            });
  }

  @Test
  void acksAcceptsKafkaSpellings() {
    runner
        .withPropertyValues("plume.producer.acks=1", "plume.producer.enable-idempotence=false")
        .run(
            context ->
                assertThat(context.getBean(PlumeClients.class).configFor("default"))
                    .containsEntry("acks", "1"));
    runner
        .withPropertyValues("plume.producer.acks=zero", "plume.producer.enable-idempotence=false")
        .run(
            context ->
                assertThat(context.getBean(PlumeClients.class).configFor("default"))
                    .containsEntry("acks", "0"));
  }

  @Test
  void rawPropertiesPassThroughAndTypedOnesWin() {
    runner
        .withPropertyValues(
            "plume.producer.properties.linger.ms=99",
            "plume.producer.properties.batch.size=1000",
            "plume.producer.properties[custom.plugin.setting]=x",
            "plume.producer.batch-size=2000B")
        .run(
            context ->
                assertThat(context.getBean(PlumeClients.class).configFor("default"))
                    .containsEntry("linger.ms", "99")
                    .containsEntry("batch.size", 2000L)
                    .containsEntry("custom.plugin.setting", "x"));
  }

  @Test
  void anEmptyMetricReportersTurnsTheEngineJmxOff() {
    runner
        .withPropertyValues("plume.producer.properties[metric.reporters]=")
        .run(
            context ->
                assertThat(
                        dev.plume.producer.ProducerConfig.from(
                                context.getBean(PlumeClients.class).configFor("default"))
                            .jmxEnabled())
                    .isFalse());
  }

  @Test
  void bootstrapServersFallBackToSpringKafkaThenLocalhost() {
    runner.run(
        context ->
            assertThat(context.getBean(PlumeClients.class).configFor("default"))
                .containsEntry("bootstrap.servers", "localhost:9092"));
    runner
        .withPropertyValues("spring.kafka.bootstrap-servers=k1:9092,k2:9092")
        .run(
            context ->
                assertThat(context.getBean(PlumeClients.class).configFor("default"))
                    .containsEntry("bootstrap.servers", "k1:9092,k2:9092"));
    runner
        .withPropertyValues(
            "spring.kafka.bootstrap-servers=k1:9092", "plume.producer.bootstrap-servers=p1:9092")
        .run(
            context ->
                assertThat(context.getBean(PlumeClients.class).configFor("default"))
                    .containsEntry("bootstrap.servers", "p1:9092"));
  }

  @Test
  void namedClientsOverrideTheDefaultsKeyByKey() {
    runner
        .withPropertyValues(
            "plume.producer.linger=10",
            "plume.producer.client-id=shared",
            "plume.producer.properties.max.block.ms=1000",
            "plume.producer.clients.fast.linger=0",
            "plume.producer.clients.fast.properties.max.block.ms=500")
        .run(
            context -> {
              Map<String, Object> fast = context.getBean(PlumeClients.class).configFor("fast");
              assertThat(fast)
                  .containsEntry("linger.ms", 0L)
                  .containsEntry("client.id", "shared")
                  .containsEntry("max.block.ms", "500");
              assertThat(context.getBean(PlumeClients.class).configFor("default"))
                  .containsEntry("linger.ms", 10L)
                  .containsEntry("max.block.ms", "1000");
            });
  }

  @Test
  void connectionDetailsWinOverPropertiesForEveryClient() {
    runner
        .withPropertyValues(
            "plume.producer.bootstrap-servers=from-properties:9092",
            "plume.producer.clients.audit.bootstrap-servers=audit-properties:9092")
        .withBean(
            PlumeConnectionDetails.class,
            () -> () -> List.of("container-host:32768", "container-host:32769"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PlumeClients clients = context.getBean(PlumeClients.class);
              assertThat(clients.configFor(PlumeClients.DEFAULT_CLIENT))
                  .containsEntry("bootstrap.servers", "container-host:32768,container-host:32769");
              assertThat(clients.configFor("audit"))
                  .containsEntry("bootstrap.servers", "container-host:32768,container-host:32769");
            });
  }

  @Test
  void theContainerConnectionDetailsFactoryIsRegistered() throws Exception {
    String factories =
        new String(
            getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(factories)
        .contains(
            "org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory")
        .contains("dev.plume.spring.testcontainers.PlumeKafkaContainerConnectionDetailsFactory");
    assertThat(
            Class.forName(
                "dev.plume.spring.testcontainers.PlumeKafkaContainerConnectionDetailsFactory"))
        .isAssignableTo(
            org.springframework.boot.testcontainers.service.connection
                .ContainerConnectionDetailsFactory.class);
  }

  /** Named by class only; never instantiated by the stub factory. */
  static class TestPartitioner {}

  /** Named by class only. */
  static class TestInterceptor {}
}
