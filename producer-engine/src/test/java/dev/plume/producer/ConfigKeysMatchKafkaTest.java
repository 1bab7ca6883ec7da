package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.ConfigKey.Origin;
import dev.plume.producer.ConfigKey.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The configuration table against the oracle, kafka-clients' own definition of the producer's keys
 * ({@code org.apache.kafka.clients.producer.ProducerConfig.configDef()}): the table lists every key
 * Kafka defines, and each Kafka key has Kafka's type and default and, when Plume implements it,
 * accepts exactly the values Kafka accepts. Accepted values are compared by behaviour: probe values
 * around every bound and allowed value either side names are parsed by Plume's {@link
 * ProducerConfig} and checked by Kafka's validator. Every deliberate difference is listed below
 * with its reason, and a listed difference that disappears fails too.
 */
class ConfigKeysMatchKafkaTest {

  private static final Map<String, ConfigDef.ConfigKey> KAFKA =
      org.apache.kafka.clients.producer.ProducerConfig.configDef().configKeys();

  /** Kafka keys of the table that the producer's ConfigDef does not declare. */
  private static final Map<String, String> NOT_IN_CONFIG_DEF =
      Map.of(
          "config.providers",
          "Kafka's AbstractConfig reads it before the ConfigDef is applied, for every client");

  /** Keys whose default deliberately differs from Kafka's. */
  private static final Map<String, String> DEFAULT_DIFFERENCES =
      Map.of(
          "key.serializer",
          "Kafka requires it; Plume also takes a Serializer given to the producer directly",
          "value.serializer",
          "Kafka requires it; Plume also takes a Serializer given to the producer directly");

  private static final String ANY_CASE =
      "Plume matches enumerated values in any letter case, where Kafka wants its exact spelling";

  /**
   * An accepted-values difference: why, and the probe values on which Plume and Kafka disagree
   * (exactly those, so that a listed key cannot hide a new difference).
   */
  private record Difference(String reason, Set<String> probes) {
    Difference(String reason, String... probes) {
      this(reason, new TreeSet<>(List.of(probes)));
    }
  }

  /** Implemented keys whose accepted values deliberately differ from Kafka's. */
  private static final Map<String, Difference> VALIDITY_DIFFERENCES =
      Map.ofEntries(
          Map.entry("acks", new Difference(ANY_CASE, "ALL")),
          Map.entry(
              "compression.type",
              new Difference(ANY_CASE, "GZIP", "LZ4", "NONE", "SNAPPY", "ZSTD")),
          Map.entry(
              "client.dns.lookup",
              new Difference(
                  ANY_CASE, "RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY", "USE_ALL_DNS_IPS")),
          Map.entry(
              "bootstrap.servers",
              new Difference(
                  "Plume checks at parse time that it lists host:port entries; Kafka later",
                  "",
                  "bogus",
                  "x")),
          Map.entry(
              "socket.connection.setup.timeout.ms",
              new Difference("Plume refuses negative timeouts; Kafka does not check", "-1", "-2")),
          Map.entry(
              "socket.connection.setup.timeout.max.ms",
              new Difference("Plume refuses negative timeouts; Kafka does not check", "-1", "-2")),
          Map.entry(
              "connections.max.idle.ms",
              new Difference("Plume refuses values below -1 (never); Kafka does not check", "-2")),
          Map.entry(
              "transaction.timeout.ms",
              new Difference(
                  "Plume refuses timeouts below 1 ms; Kafka leaves them to the broker",
                  "-1",
                  "-2",
                  "0")),
          Map.entry(
              "sasl.mechanism",
              new Difference(
                  "Plume implements PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER only",
                  "",
                  "bogus",
                  "x")),
          Map.entry(
              "sasl.jaas.config",
              new Difference(
                  "Plume parses the JAAS line with the configuration; Kafka at login",
                  "",
                  "bogus",
                  "x")),
          Map.entry(
              "ssl.enabled.protocols",
              new Difference("Plume refuses an empty list, which leaves no protocol", "")),
          Map.entry(
              "ssl.endpoint.identification.algorithm",
              new Difference(
                  "Plume knows https (check the host name) and empty (do not) only", "bogus", "x")),
          Map.entry(
              "ssl.keystore.type",
              new Difference("Plume reads JKS, PKCS12 and PEM stores only", "", "bogus", "x")),
          Map.entry(
              "ssl.truststore.type",
              new Difference("Plume reads JKS, PKCS12 and PEM stores only", "", "bogus", "x")),
          Map.entry(
              "ssl.keystore.key",
              new Difference(
                  "Plume checks at parse time that an inline key comes with type PEM",
                  "",
                  "bogus",
                  "x")),
          Map.entry(
              "ssl.keystore.certificate.chain",
              new Difference(
                  "Plume checks at parse time that an inline chain comes with type PEM",
                  "",
                  "bogus",
                  "x")),
          Map.entry(
              "ssl.truststore.certificates",
              new Difference(
                  "Plume checks at parse time that inline CAs come with type PEM", "",
                  "bogus", "x")));

  private static final String PLAIN_JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
          + " password=\"p\";";

  @Test
  void everyKeyKafkaDefinesIsInTheTable() {
    List<String> missing = new ArrayList<>();
    for (String name : new TreeSet<>(KAFKA.keySet())) {
      if (ConfigKeys.find(name) == null) {
        missing.add(
            name + " (Kafka: " + KAFKA.get(name).type + ", default " + kafkaDefault(name) + ")");
      }
    }
    assertThat(missing)
        .as(
            "Kafka producer keys missing from ConfigKeys (add them: implemented, accepted"
                + " without effect, or rejected)")
        .isEmpty();
  }

  @Test
  void everyKafkaKeyOfTheTableHasKafkasTypeAndDefault() {
    List<String> mismatches = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.origin() != Origin.KAFKA) {
        continue;
      }
      ConfigDef.ConfigKey kafka = KAFKA.get(key.name());
      if (kafka == null) {
        if (!NOT_IN_CONFIG_DEF.containsKey(key.name())) {
          mismatches.add(key.name() + ": origin KAFKA, but Kafka's ConfigDef has no such key");
        }
        continue;
      }
      if (!kafka.type.name().equals(key.type().name())) {
        mismatches.add(key.name() + ": type Kafka " + kafka.type + ", Plume " + key.type());
      }
      Object kafkaDefault = kafkaDefault(key.name());
      boolean same = java.util.Objects.equals(kafkaDefault, key.defaultValue());
      if (same == DEFAULT_DIFFERENCES.containsKey(key.name())) {
        mismatches.add(
            key.name()
                + ": default Kafka "
                + kafkaDefault
                + ", Plume "
                + key.defaultValue()
                + (same ? " (listed as a deliberate difference, but they agree)" : ""));
      }
    }
    assertThat(NOT_IN_CONFIG_DEF.keySet()).allMatch(name -> !KAFKA.containsKey(name));
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyImplementedKafkaKeyAcceptsWhatKafkaAccepts() {
    List<String> mismatches = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      ConfigDef.ConfigKey kafka = KAFKA.get(key.name());
      if (key.status() != Status.IMPLEMENTED || kafka == null || !probed(key)) {
        continue;
      }
      Set<String> disagreeOn = new TreeSet<>();
      List<String> disagreements = new ArrayList<>();
      for (String probe : probes(key, kafka)) {
        boolean kafkaAccepts = kafkaAccepts(kafka, probe);
        boolean plumeAccepts = plumeAccepts(key, probe);
        if (kafkaAccepts != plumeAccepts) {
          disagreeOn.add(probe);
          disagreements.add(
              "'"
                  + probe
                  + "' Kafka "
                  + verdict(kafkaAccepts)
                  + ", Plume "
                  + verdict(plumeAccepts));
        }
      }
      Difference listed = VALIDITY_DIFFERENCES.get(key.name());
      Set<String> expected = listed == null ? Set.of() : listed.probes();
      if (!disagreeOn.equals(expected)) {
        mismatches.add(
            key.name()
                + ": Kafka "
                + kafka.validator
                + ", Plume "
                + key.describeValidity()
                + ": "
                + disagreements
                + (listed == null ? "" : "; listed difference expects " + expected));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void deliberateDifferencesNameKeysOfTheTable() {
    Set<String> listed = new TreeSet<>(VALIDITY_DIFFERENCES.keySet());
    listed.addAll(DEFAULT_DIFFERENCES.keySet());
    listed.addAll(NOT_IN_CONFIG_DEF.keySet());
    assertThat(listed).allMatch(name -> ConfigKeys.find(name) != null);
  }

  /** Booleans and class names are checked by their type alone; the rest by probing. */
  private static boolean probed(ConfigKey key) {
    return key.type() != ConfigKey.Type.BOOLEAN && key.type() != ConfigKey.Type.CLASS;
  }

  /** Values around both sides' bounds and allowed values, plus a few that often slip through. */
  private static Set<String> probes(ConfigKey key, ConfigDef.ConfigKey kafka) {
    Set<String> probes = new TreeSet<>();
    boolean numeric =
        key.type() == ConfigKey.Type.INT
            || key.type() == ConfigKey.Type.LONG
            || key.type() == ConfigKey.Type.SHORT;
    if (numeric) {
      List<Long> anchors = new ArrayList<>(List.of(-1L, 0L, 1L));
      if (key.validity() instanceof ConfigKey.Validity.Range) {
        anchors.add(key.min());
        anchors.add(key.max());
      }
      Matcher m = Pattern.compile("-?\\d+").matcher(String.valueOf(kafka.validator));
      while (m.find()) {
        anchors.add(Long.parseLong(m.group()));
      }
      for (long anchor : anchors) {
        for (long delta = -1; delta <= 1; delta++) {
          try {
            probes.add(String.valueOf(Math.addExact(anchor, delta)));
          } catch (ArithmeticException e) {
            // beyond long: neither side can be given it
          }
        }
      }
      return probes;
    }
    probes.addAll(List.of("", "x", "bogus"));
    List<String> allowed = new ArrayList<>(key.allowedValues());
    Matcher m = Pattern.compile("\\[([^\\]]*)\\]").matcher(String.valueOf(kafka.validator));
    if (m.find() && !m.group(1).contains("...")) {
      for (String value : m.group(1).split(",")) {
        allowed.add(value.trim());
      }
    }
    for (String value : allowed) {
      probes.add(value);
      probes.add(value.toUpperCase(Locale.ROOT));
      probes.add(value.toLowerCase(Locale.ROOT));
    }
    return probes;
  }

  private static boolean kafkaAccepts(ConfigDef.ConfigKey kafka, String probe) {
    try {
      Object parsed = ConfigDef.parseType(kafka.name, probe, kafka.type);
      if (kafka.validator != null) {
        kafka.validator.ensureValid(kafka.name, parsed);
      }
      return true;
    } catch (org.apache.kafka.common.config.ConfigException e) {
      return false;
    }
  }

  /**
   * Whether ProducerConfig accepts {@code key=probe} in a configuration where no rule across keys
   * can interfere: idempotence off, delivery timeout at its largest, SASL_SSL with PLAIN for the
   * ssl.* and sasl.* keys, so that they are read.
   */
  private static boolean plumeAccepts(ConfigKey key, String probe) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS, "localhost:9092");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE, "false");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS, String.valueOf(Integer.MAX_VALUE));
    if (key.name().equals(ProducerConfig.DELIVERY_TIMEOUT_MS)) {
      config.put(ProducerConfig.LINGER_MS, "0");
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS, "0");
    }
    if (key.name().equals(ProducerConfig.TRANSACTIONAL_ID)) {
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE, "true");
    }
    boolean securityKey = key.name().startsWith("ssl.") || key.name().startsWith("sasl.");
    if (securityKey || key.name().equals(ProducerConfig.SECURITY_PROTOCOL)) {
      config.put(ProducerConfig.SECURITY_PROTOCOL, "SASL_SSL");
      config.put("sasl.mechanism", "PLAIN");
      config.put("sasl.jaas.config", PLAIN_JAAS);
    }
    config.put(key.name(), probe);
    try {
      ProducerConfig.from(config);
      return true;
    } catch (dev.plume.producer.errors.ConfigException e) {
      return false;
    }
  }

  private static Object kafkaDefault(String name) {
    Object value = KAFKA.get(name).defaultValue;
    if (value == ConfigDef.NO_DEFAULT_VALUE) {
      return "<required>";
    }
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    return value;
  }

  private static String verdict(boolean accepts) {
    return accepts ? "accepts" : "refuses";
  }
}
