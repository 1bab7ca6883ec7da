package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${provider:path:key}} and {@code ${provider:key}} placeholders (KIP-297) in the
 * string values of a configuration, with the providers named in {@code config.providers}: Kafka's
 * file, directory and environment-variable providers, implemented here (the engine does not depend
 * on kafka-clients). Resolved values are never logged; {@link Result#providedKeys()} names the
 * entries that came from a provider so the startup log can mask them.
 *
 * <p>Unlike Kafka, which leaves a placeholder it cannot resolve in place (so that a literal "${"
 * may be sent as a password), a placeholder naming a configured provider that has no such file, key
 * or variable fails here: sending the placeholder text to the broker would only fail later, and
 * less clearly.
 */
final class ConfigPlaceholders {

  static final String CONFIG_PROVIDERS = "config.providers";

  // provider, optional path (may itself contain ':'), key; no '}' anywhere.
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([^}:]*):(?:([^}]*):)?([^}:]*)\\}");

  private ConfigPlaceholders() {}

  record Result(Map<String, Object> values, Set<String> providedKeys) {}

  /**
   * @param env looks up environment variables (tests pass a map's {@code get})
   */
  static Result resolve(Map<String, Object> raw, UnaryOperator<String> env) {
    Object declared = raw.get(CONFIG_PROVIDERS);
    if (declared == null || declared.toString().isBlank()) {
      return new Result(raw, Set.of());
    }
    Map<String, ConfigProvider> providers = new HashMap<>();
    for (String name : new ConfigValues(raw).list(CONFIG_PROVIDERS)) {
      providers.put(name, provider(raw, name, env));
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    Set<String> provided = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Object value = e.getValue();
      if (value instanceof String s
          && s.contains("${")
          && !e.getKey().startsWith(CONFIG_PROVIDERS)) {
        String replaced = replace(e.getKey(), s, providers);
        if (!replaced.equals(s)) {
          provided.add(e.getKey());
        }
        value = replaced;
      }
      resolved.put(e.getKey(), value);
    }
    return new Result(resolved, Set.copyOf(provided));
  }

  private static String replace(String key, String text, Map<String, ConfigProvider> providers) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      ConfigProvider provider = providers.get(m.group(1));
      String replacement;
      if (provider == null) {
        replacement = m.group(); // not ours to resolve: kept, as in Kafka
      } else {
        String path = m.group(2) == null ? "" : m.group(2);
        replacement = provider.get(path, m.group(3));
        if (replacement == null) {
          throw new ConfigException(
              key, m.group(), "config provider '" + m.group(1) + "' has no value for it");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static ConfigProvider provider(
      Map<String, Object> raw, String name, UnaryOperator<String> env) {
    String classKey = CONFIG_PROVIDERS + "." + name + ".class";
    Object className = raw.get(classKey);
    if (className == null) {
      throw new ConfigException(classKey, null, "is required for config provider '" + name + "'");
    }
    String paramPrefix = CONFIG_PROVIDERS + "." + name + ".param.";
    Map<String, String> params = new HashMap<>();
    raw.forEach(
        (k, v) -> {
          if (k.startsWith(paramPrefix) && v != null) {
            params.put(k.substring(paramPrefix.length()), v.toString().trim());
          }
        });
    String type = className instanceof Class<?> c ? c.getName() : className.toString().trim();
    List<String> allowedPaths = new ConfigValues(params).list("allowed.paths");
    return switch (type) {
      case "org.apache.kafka.common.config.provider.FileConfigProvider" ->
          new FileConfigProvider(allowedPaths);
      case "org.apache.kafka.common.config.provider.DirectoryConfigProvider" ->
          new DirectoryConfigProvider(allowedPaths);
      case "org.apache.kafka.common.config.provider.EnvVarConfigProvider" ->
          new EnvVarConfigProvider(params.get("allowlist.pattern"), env);
      default ->
          throw new ConfigException(
              classKey,
              type,
              "Plume supports Kafka's FileConfigProvider, DirectoryConfigProvider and"
                  + " EnvVarConfigProvider (org.apache.kafka.common.config.provider); other"
                  + " providers cannot be loaded without kafka-clients");
    };
  }
}
