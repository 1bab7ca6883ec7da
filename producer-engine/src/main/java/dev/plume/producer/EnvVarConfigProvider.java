package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code ${env:NAME}}: an environment variable; with the {@code allowlist.pattern} parameter, only
 * names matching that regular expression.
 */
final class EnvVarConfigProvider implements ConfigProvider {

  private final Pattern allowlist; // null: every variable
  private final UnaryOperator<String> env;

  EnvVarConfigProvider(String allowlistPattern, UnaryOperator<String> env) {
    this.allowlist =
        allowlistPattern == null || allowlistPattern.isEmpty()
            ? null
            : Pattern.compile(allowlistPattern);
    this.env = env;
  }

  @Override
  public String get(String path, String key) {
    if (!path.isEmpty()) {
      throw new ConfigException(
          "environment config provider: use ${env:NAME}, without a path (got path " + path + ")");
    }
    if (allowlist != null && !allowlist.matcher(key).matches()) {
      throw new ConfigException(
          "environment variable " + key + " does not match the provider's allowlist.pattern");
    }
    return env.apply(key);
  }
}
