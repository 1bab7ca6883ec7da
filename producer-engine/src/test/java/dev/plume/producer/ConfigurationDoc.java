package dev.plume.producer;

import dev.plume.producer.ConfigKey.Status;
import java.util.List;
import java.util.Locale;

/**
 * Writes producer-engine/CONFIGURATION.md from the configuration table ({@link ConfigKeys}), so the
 * documentation cannot drift from what the parser does. {@link ConfigurationDocTest} checks the
 * file and rewrites it on request.
 */
final class ConfigurationDoc {

  private ConfigurationDoc() {}

  static String generate() {
    StringBuilder out = new StringBuilder();
    out.append("# Plume producer configuration\n\n")
        .append("<!-- Generated from dev.plume.producer.ConfigKeys by ConfigurationDocTest:")
        .append(" do not edit by hand. -->\n\n")
        .append("Plume reads the same keys as Kafka's Java producer, with the same types, defaults")
        .append(" and rules unless a row says otherwise, plus a few of its own (`plume.*`).")
        .append(" Keys it does not know are passed to plug-ins; those nobody reads are logged once")
        .append(" at WARN, as are the Kafka keys below that Plume accepts without effect. Rules")
        .append(" across keys (delivery.timeout.ms >= linger.ms + request.timeout.ms, idempotence")
        .append(" needing acks=all, retries > 0 and at most 5 requests in flight, ...) are")
        .append(" checked too and are described in ProducerConfig.\n\n");
    section(
        out,
        "Implemented",
        "Read and honoured.",
        ConfigKeys.ALL.stream().filter(k -> k.status() == Status.IMPLEMENTED).toList());
    section(
        out,
        "Accepted without effect",
        "Kafka keys Plume accepts so that existing configurations work, but does not use; setting"
            + " one is logged as unused.",
        ConfigKeys.ALL.stream().filter(k -> k.status() == Status.ACCEPTED_WITHOUT_EFFECT).toList());
    section(
        out,
        "Rejected",
        "Kafka keys whose non-default values fail the configuration: ignoring them would change"
            + " behaviour silently.",
        ConfigKeys.ALL.stream().filter(k -> k.status() == Status.REJECTED).toList());
    return out.toString();
  }

  private static void section(StringBuilder out, String title, String intro, List<ConfigKey> keys) {
    out.append("## ").append(title).append(" (").append(keys.size()).append(" keys)\n\n");
    out.append(intro).append("\n\n");
    out.append("| Key | Type | Default | Valid values | What it does | Plume status |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (ConfigKey key : keys) {
      out.append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.type().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(cell(describeDefault(key)))
          .append(" | ")
          .append(cell(key.describeValidity()))
          .append(" | ")
          .append(cell(key.doc()))
          .append(" | ")
          .append(cell(key.describeStatus()))
          .append(" |\n");
    }
    out.append('\n');
  }

  private static String describeDefault(ConfigKey key) {
    Object value = key.defaultValue();
    if (value == null) {
      return "(none)";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "(empty)" : String.join(",", key.defaultList());
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "(empty)" : text;
  }

  /** Markdown table cells may not hold a pipe or a line break. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
