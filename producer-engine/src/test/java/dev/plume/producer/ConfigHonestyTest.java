package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.errors.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unused keys, values Plume cannot honour, and config providers (KIP-297). */
class ConfigHonestyTest {

  @TempDir Path dir;

  private static Map<String, Object> base() {
    Map<String, Object> m = new HashMap<>();
    m.put("bootstrap.servers", "localhost:9092");
    return m;
  }

  @Test
  void unusedKeysListUnknownAndUnimplementedSettingsButNotHandledOnes() {
    Map<String, Object> m = base();
    m.put("lingr.ms", "5"); // typo
    m.put("sasl.login.refresh.window.factor", "0.8"); // Kafka setting Plume does not implement
    m.put("enable.metrics.push", "true");
    m.put("linger.ms", "5");
    m.put("ssl.truststore.location", "/x"); // handled (read when security.protocol is SSL)
    m.put("metadata.recovery.strategy", "none");
    m.put("transaction.two.phase.commit.enable", "false");
    ProducerConfig config = ProducerConfig.from(m);

    assertThat(config.unusedKeys())
        .containsExactly("enable.metrics.push", "lingr.ms", "sasl.login.refresh.window.factor");
  }

  @Test
  void keysAPlugInReadAreUsed() {
    Map<String, Object> m = base();
    m.put("my.serializer.setting", "x");
    ProducerConfig config = ProducerConfig.from(m);
    assertThat(config.unusedKeys()).containsExactly("my.serializer.setting");

    config.originals().get("my.serializer.setting"); // as a plug-in's configure() does

    assertThat(config.unusedKeys()).isEmpty();
  }

  @Test
  void enableMetricsPushFalseIsHonouredSilently() {
    Map<String, Object> m = base();
    m.put("enable.metrics.push", "false");
    assertThat(ProducerConfig.from(m).unusedKeys()).isEmpty();
  }

  @Test
  void metricReportersDecideJmx() {
    assertThat(ProducerConfig.from(base()).jmxEnabled()).isTrue();
    Map<String, Object> off = base();
    off.put("metric.reporters", "");
    assertThat(ProducerConfig.from(off).jmxEnabled()).isFalse();
    assertThat(ProducerConfig.from(off).unusedKeys()).isEmpty();
    Map<String, Object> other = base();
    other.put("metric.reporters", "com.example.MyReporter");
    ProducerConfig config = ProducerConfig.from(other);
    assertThat(config.jmxEnabled()).isFalse();
    assertThat(config.unusedKeys()).containsExactly("metric.reporters");
  }

  @Test
  void twoPhaseCommitIsRefused() {
    Map<String, Object> m = base();
    m.put("transaction.two.phase.commit.enable", "true");
    assertThatThrownBy(() -> ProducerConfig.from(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("transaction.two.phase.commit.enable")
        .hasMessageContaining("two-phase commit");
  }

  @Test
  void kafkaPluginClassesAreRefused() {
    for (String key :
        new String[] {
          "ssl.engine.factory.class",
          "sasl.login.callback.handler.class",
          "sasl.client.callback.handler.class",
          "sasl.login.class"
        }) {
      Map<String, Object> m = base();
      m.put(key, "com.example.Custom");
      assertThatThrownBy(() -> ProducerConfig.from(m))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key);
    }
  }

  @Test
  void fileDirectoryAndEnvironmentProvidersResolvePlaceholders() throws IOException {
    Path props = dir.resolve("client.properties");
    Files.writeString(props, "servers=broker1:9093\nlinger=7\n");
    Path secrets = Files.createDirectory(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("jaas"), "s3cret");
    Map<String, Object> m = new HashMap<>();
    m.put("config.providers", "file,dir,env");
    m.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    m.put(
        "config.providers.dir.class",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    m.put(
        "config.providers.env.class",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    m.put("bootstrap.servers", "${file:" + props + ":servers}");
    m.put("linger.ms", "${file:" + props + ":linger}");
    m.put("client.id", "app-${env:POD}");
    m.put("my.secret.setting", "${dir:" + secrets + ":jaas}");

    ProducerConfig config = ProducerConfig.from(m, Map.of("POD", "pod-7")::get);

    assertThat(config.bootstrapServers()).containsExactly("broker1:9093");
    assertThat(config.lingerMs()).isEqualTo(7);
    assertThat(config.clientId()).isEqualTo("app-pod-7");
    assertThat(config.unusedKeys()).containsExactly("my.secret.setting");
    assertThat(config.originals()).containsEntry("my.secret.setting", "s3cret");
    // Values that came from a provider are never shown in the startup log.
    assertThat(config.describeForLog().get("my.secret.setting")).isEqualTo("[hidden]");
    assertThat(config.describeForLog().toString()).doesNotContain("s3cret", "broker1");
  }

  @Test
  void missingValuesAndForbiddenPathsFailNamingTheKeyNotTheValue() throws IOException {
    Path props = dir.resolve("p.properties");
    Files.writeString(props, "a=1\n");
    Map<String, Object> m = base();
    m.put("config.providers", "file");
    m.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    m.put("linger.ms", "${file:" + props + ":missing}");
    assertThatThrownBy(() -> ProducerConfig.from(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("linger.ms");

    m.put("linger.ms", "${file:" + props + ":a}");
    m.put("config.providers.file.param.allowed.paths", dir.resolve("elsewhere").toString());
    assertThatThrownBy(() -> ProducerConfig.from(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("allowed.paths");

    m.put("config.providers.file.param.allowed.paths", dir.toString());
    assertThat(ProducerConfig.from(m).lingerMs()).isEqualTo(1);
  }

  @Test
  void environmentAllowlistAndUnknownProviderClasses() {
    Map<String, Object> m = base();
    m.put("config.providers", "env");
    m.put(
        "config.providers.env.class",
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    m.put("config.providers.env.param.allowlist.pattern", "KAFKA_.*");
    m.put("client.id", "${env:HOME}");
    assertThatThrownBy(() -> ProducerConfig.from(m, Map.of("HOME", "/root")::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("allowlist.pattern");

    m.put("config.providers.env.class", "com.example.VaultConfigProvider");
    assertThatThrownBy(() -> ProducerConfig.from(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.providers.env.class");
  }

  @Test
  void placeholdersOfUndeclaredProvidersStayAsTheyAre() {
    Map<String, Object> m = base();
    m.put("client.id", "${vault:x:y}");
    assertThat(ProducerConfig.from(m).clientId()).isEqualTo("${vault:x:y}");
  }

  @Test
  void startupDescriptionMasksSecrets() {
    Map<String, Object> m = base();
    m.put("ssl.truststore.password", "hunter2");
    m.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";");
    Map<String, String> shown = ProducerConfig.from(m).describeForLog();
    assertThat(shown)
        .containsEntry("ssl.truststore.password", "[hidden]")
        .containsEntry("sasl.jaas.config", "[hidden]")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("bootstrap.servers", "localhost:9092");
  }
}
