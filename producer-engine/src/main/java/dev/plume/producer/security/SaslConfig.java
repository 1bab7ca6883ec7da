package dev.plume.producer.security;

import dev.plume.producer.ConfigKeys;
import dev.plume.producer.errors.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client's SASL settings, parsed (mechanism clients are built from them by the engine): {@code
 * sasl.mechanism} and the credentials of {@code sasl.jaas.config}, which keeps Kafka's JAAS format
 * so existing configurations work, e.g. {@code
 * org.apache.kafka.common.security.scram.ScramLoginModule required username="alice"
 * password="secret";}. The password is a {@link Password}: never in toString or messages.
 *
 * @param mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
 * @param loginModule the JAAS login module class named in the config
 * @param username the {@code username} option (OAUTHBEARER: the unsecured token's subject)
 * @param password the {@code password} option; null for OAUTHBEARER
 * @param tokenLifetimeMs OAUTHBEARER unsecured token lifetime, else 0
 */
public record SaslConfig(
    String mechanism,
    String loginModule,
    String username,
    Password password,
    long tokenLifetimeMs) {

  public static final String MECHANISM = "sasl.mechanism";
  public static final String JAAS_CONFIG = "sasl.jaas.config";

  private static final String PLAIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String OAUTHBEARER_MODULE =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
  public static final String UNSECURED_SUBJECT = "unsecuredLoginStringClaim_sub";
  private static final String UNSECURED_LIFETIME = "unsecuredLoginLifetimeSeconds";

  public SaslConfig {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(username, "username");
    if (password == null && !mechanism.equals("OAUTHBEARER")) {
      throw new IllegalArgumentException(mechanism + " needs a password");
    }
  }

  /** Reads {@code sasl.mechanism} (default GSSAPI, as in Kafka) and {@code sasl.jaas.config}. */
  public static SaslConfig parse(Map<String, ?> configs) {
    Object rawMechanism = configs.get(MECHANISM);
    String mechanism =
        rawMechanism == null
            ? ConfigKeys.SASL_MECHANISM.defaultString()
            : String.valueOf(rawMechanism).trim();
    String expectedModule =
        switch (mechanism) {
          case "PLAIN" -> PLAIN_MODULE;
          case "SCRAM-SHA-256", "SCRAM-SHA-512" -> SCRAM_MODULE;
          case "OAUTHBEARER" -> OAUTHBEARER_MODULE;
          default ->
              throw new ConfigException(
                  MECHANISM,
                  mechanism,
                  "Plume supports PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER"
                      + (rawMechanism == null ? " (Kafka's default is GSSAPI: set it)" : ""));
        };
    Object jaas = configs.get(JAAS_CONFIG);
    if (jaas == null) {
      throw new ConfigException(
          JAAS_CONFIG
              + " is required for "
              + mechanism
              + " (e.g. "
              + expectedModule
              + " required username=\"...\" password=\"...\";)");
    }
    String text = jaas instanceof Password p ? p.value() : String.valueOf(jaas);
    JaasEntry entry = JaasEntry.parse(text);
    if (!entry.loginModule().equals(expectedModule)) {
      throw new ConfigException(
          JAAS_CONFIG
              + " names login module "
              + entry.loginModule()
              + " but "
              + mechanism
              + " needs "
              + expectedModule);
    }
    if (mechanism.equals("OAUTHBEARER")) {
      return oauthBearer(entry);
    }
    String username = entry.options().get("username");
    String password = entry.options().get("password");
    if (username == null || password == null) {
      throw new ConfigException(JAAS_CONFIG + " must set the username and password options");
    }
    return new SaslConfig(mechanism, entry.loginModule(), username, Password.of(password), 0);
  }

  /**
   * OAUTHBEARER with Kafka's unsecured login options ({@code unsecuredLoginStringClaim_sub}, {@code
   * unsecuredLoginLifetimeSeconds}).
   */
  private static SaslConfig oauthBearer(JaasEntry entry) {
    String subject = entry.options().get(UNSECURED_SUBJECT);
    if (subject == null) {
      // Tokens come from an OAuthBearerTokenProvider given to the producer (checked when the
      // transport is built, where the provider is known).
      return new SaslConfig("OAUTHBEARER", entry.loginModule(), "", null, 0);
    }
    long lifetimeSeconds;
    try {
      lifetimeSeconds = Long.parseLong(entry.options().getOrDefault(UNSECURED_LIFETIME, "3600"));
    } catch (NumberFormatException e) {
      lifetimeSeconds = -1;
    }
    if (lifetimeSeconds <= 0 || lifetimeSeconds > Integer.MAX_VALUE) {
      throw new ConfigException(
          JAAS_CONFIG + ": " + UNSECURED_LIFETIME + " must be a positive number of seconds");
    }
    return new SaslConfig(
        "OAUTHBEARER", entry.loginModule(), subject, null, lifetimeSeconds * 1000);
  }

  /** True if tokens must come from an {@link OAuthBearerTokenProvider} (no unsecured subject). */
  public boolean needsTokenProvider() {
    return mechanism.equals("OAUTHBEARER") && username.isEmpty();
  }

  /**
   * One JAAS login module entry: {@code <class> <flag> [key=value ...];}, values optionally
   * double-quoted with backslash escapes.
   */
  record JaasEntry(String loginModule, String flag, Map<String, String> options) {

    static JaasEntry parse(String text) {
      String s = text.trim();
      if (!s.endsWith(";")) {
        throw invalid("must end with ';'");
      }
      int n = s.length() - 1;
      int[] cursor = {0};
      String module = token(s, cursor, n);
      String flag = token(s, cursor, n);
      if (module.isEmpty() || flag.isEmpty()) {
        throw invalid("must start with a login module class and a control flag");
      }
      if (!flag.matches("required|requisite|sufficient|optional")) {
        throw invalid("control flag must be required, requisite, sufficient or optional");
      }
      Map<String, String> options = new LinkedHashMap<>();
      while (true) {
        skipSpaces(s, cursor, n);
        if (cursor[0] >= n) {
          break;
        }
        int eq = s.indexOf('=', cursor[0]);
        if (eq < 0 || eq >= n) {
          throw invalid("options must be key=value");
        }
        String key = s.substring(cursor[0], eq).trim();
        cursor[0] = eq + 1;
        options.put(key, value(s, cursor, n));
      }
      return new JaasEntry(module, flag, options);
    }

    private static String token(String s, int[] cursor, int end) {
      skipSpaces(s, cursor, end);
      int start = cursor[0];
      while (cursor[0] < end && !Character.isWhitespace(s.charAt(cursor[0]))) {
        cursor[0]++;
      }
      return s.substring(start, cursor[0]);
    }

    private static String value(String s, int[] cursor, int end) {
      skipSpaces(s, cursor, end);
      if (cursor[0] < end && s.charAt(cursor[0]) == '"') {
        StringBuilder out = new StringBuilder();
        int i = cursor[0] + 1;
        while (i < end && s.charAt(i) != '"') {
          char c = s.charAt(i);
          if (c == '\\' && i + 1 < end) {
            c = s.charAt(++i);
          }
          out.append(c);
          i++;
        }
        if (i >= end) {
          // Never echo the text: it holds the password.
          throw invalid("unterminated quoted value");
        }
        cursor[0] = i + 1;
        return out.toString();
      }
      return token(s, cursor, end);
    }

    private static void skipSpaces(String s, int[] cursor, int end) {
      while (cursor[0] < end && Character.isWhitespace(s.charAt(cursor[0]))) {
        cursor[0]++;
      }
    }

    private static ConfigException invalid(String rule) {
      return new ConfigException("Invalid " + JAAS_CONFIG + " (value hidden): " + rule);
    }
  }
}
