package dev.plume.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.ConfigKey;
import dev.plume.producer.ConfigKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.unit.DataSize;

/**
 * The starter's typed properties against the engine's configuration table ({@link ConfigKeys}):
 * every mapping names a key of the table, every key users can set has a {@code plume.producer.*}
 * property (or is listed below with the reason it has none), and the defaults the IDE shows (the
 * additional metadata) are the table's, converted to the property's unit.
 */
class PlumeConfigTableConsistencyTest {

  private static final String METADATA = "META-INF/additional-spring-configuration-metadata.json";

  /** Implemented keys deliberately without a typed property, with the reason. */
  private static final Map<String, String> WITHOUT_PROPERTY =
      Map.of(
          "metric.reporters",
          "the starter reports metrics through Micrometer; the JMX switch stays in properties[..]",
          "config.providers",
          "Spring resolves placeholders itself; Kafka's providers stay reachable via properties[..]",
          "plume.batching.adaptive",
          "experimental Plume switch, set through properties[plume.batching.adaptive] for now",
          "ssl.keymanager.algorithm",
          "JDK defaults suit Spring Boot's SSL bundles; the raw key stays in properties[..]",
          "ssl.trustmanager.algorithm",
          "JDK defaults suit Spring Boot's SSL bundles; the raw key stays in properties[..]");

  /** Properties whose metadata default deliberately differs from the table's, with the reason. */
  private static final Map<String, String> DEFAULT_DIFFERENCES =
      Map.of(
          "bootstrap-servers",
          "the starter connects to "
              + PlumeConfigMapper.DEFAULT_BOOTSTRAP_SERVERS
              + " (or spring.kafka's servers) when none is named; the engine requires one");

  @Test
  void everyMappingNamesAKeyOfTheTable() {
    List<String> unknown = new ArrayList<>();
    for (PlumeConfigMapper.Mapping m : PlumeConfigMapper.MAPPINGS) {
      ConfigKey key = ConfigKeys.find(m.kafkaKey());
      if (key == null) {
        unknown.add("plume.producer." + m.property() + " -> " + m.kafkaKey() + " (not in table)");
      } else if (key.status() != ConfigKey.Status.IMPLEMENTED) {
        unknown.add(
            "plume.producer." + m.property() + " -> " + m.kafkaKey() + " (" + key.status() + ")");
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void everyKeyUsersCanSetHasAProperty() {
    Set<String> mapped = new TreeSet<>();
    PlumeConfigMapper.MAPPINGS.forEach(m -> mapped.add(m.kafkaKey()));
    List<String> missing = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      boolean settable = key.status() == ConfigKey.Status.IMPLEMENTED;
      boolean exempt = WITHOUT_PROPERTY.containsKey(key.name());
      if (settable && !mapped.contains(key.name()) && !exempt) {
        missing.add(key.name());
      }
      if (exempt && (mapped.contains(key.name()) || !settable)) {
        missing.add(
            key.name() + " is listed in WITHOUT_PROPERTY but has a property or is not implemented");
      }
    }
    assertThat(missing)
        .as(
            "table keys without a plume.producer.* property (add one, or list the key with a"
                + " reason in WITHOUT_PROPERTY)")
        .isEmpty();
  }

  @Test
  void metadataDefaultsAreTheTablesInThePropertysUnit() throws IOException {
    Map<String, Object> defaults = metadataDefaults();
    BeanWrapperImpl properties = new BeanWrapperImpl(new PlumeProducerProperties());
    List<String> mismatches = new ArrayList<>();
    for (PlumeConfigMapper.Mapping m : PlumeConfigMapper.MAPPINGS) {
      if (!defaults.containsKey(m.property())) {
        continue;
      }
      ConfigKey key = ConfigKeys.find(m.kafkaKey());
      Object shown = defaults.get(m.property());
      Class<?> type = properties.getPropertyType(camelCase(m.property()));
      Object converted = inTableTerms(shown, type);
      boolean same = Objects.equals(converted, tableTerms(key));
      if (same == DEFAULT_DIFFERENCES.containsKey(m.property())) {
        mismatches.add(
            "plume.producer."
                + m.property()
                + ": metadata "
                + shown
                + " ("
                + converted
                + "), table "
                + key.name()
                + "="
                + tableTerms(key)
                + (same ? " (listed in DEFAULT_DIFFERENCES, but they agree)" : ""));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** The table default as comparable text: numbers, booleans, lower-case names, joined lists. */
  private static String tableTerms(ConfigKey key) {
    Object value = key.defaultValue();
    if (value instanceof List<?> list) {
      return String.join(",", key.defaultList());
    }
    return value == null ? null : String.valueOf(value).toLowerCase(Locale.ROOT);
  }

  /** A metadata default converted to the table's unit (milliseconds, bytes, Kafka spelling). */
  private static String inTableTerms(Object shown, Class<?> propertyType) {
    if (shown instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    String text = String.valueOf(shown);
    if (propertyType == Duration.class) {
      return String.valueOf(DurationStyle.detectAndParse(text).toMillis());
    }
    if (propertyType == DataSize.class) {
      return String.valueOf(DataSize.parse(text).toBytes());
    }
    if (propertyType != null && propertyType.isEnum()) {
      // Enum constants are written in kebab case in the metadata, Kafka's values in snake case.
      return text.toLowerCase(Locale.ROOT).replace('-', '_');
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** "ssl.key-store-type" -> "ssl.keyStoreType", the bean property path. */
  private static String camelCase(String property) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : property.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** Property (without the plume.producer. prefix) -> defaultValue, from the metadata file. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadataDefaults() throws IOException {
    String json;
    try (InputStream in =
        PlumeConfigTableConsistencyTest.class.getClassLoader().getResourceAsStream(METADATA)) {
      json =
          new String(Objects.requireNonNull(in, METADATA).readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> entries =
        (List<Object>) JsonParserFactory.getJsonParser().parseMap(json).get("properties");
    for (Object entry : entries) {
      Map<String, Object> property = (Map<String, Object>) entry;
      String name = String.valueOf(property.get("name"));
      if (name.startsWith("plume.producer.") && property.containsKey("defaultValue")) {
        out.put(name.substring("plume.producer.".length()), property.get("defaultValue"));
      }
    }
    assertThat(out).as("metadata defaults read from " + METADATA).isNotEmpty();
    return out;
  }
}
