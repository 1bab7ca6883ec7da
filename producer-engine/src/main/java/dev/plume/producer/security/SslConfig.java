package dev.plume.producer.security;

import dev.plume.producer.ConfigKey;
import dev.plume.producer.ConfigKeys;
import dev.plume.producer.errors.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The client's TLS settings, under the official {@code ssl.*} names and with their defaults. The
 * record's {@link #toString()} hides every secret ({@link Password}).
 *
 * @param protocol SSLContext protocol (ssl.protocol, default TLSv1.3)
 * @param enabledProtocols protocols the engine may negotiate (ssl.enabled.protocols, default
 *     TLSv1.2,TLSv1.3)
 * @param cipherSuites allowed suites; empty means the JDK's defaults (ssl.cipher.suites)
 * @param keystoreType JKS, PKCS12 or PEM (ssl.keystore.type, default JKS)
 * @param keystoreLocation key store file for a client certificate (mTLS); null for none
 *     (ssl.keystore.location)
 * @param keystorePassword (ssl.keystore.password); may be null
 * @param keyPassword password of the private key, defaults to the store's (ssl.key.password)
 * @param keystoreKey inline PEM private key, keystoreType PEM only (ssl.keystore.key)
 * @param keystoreCertificateChain inline PEM certificate chain (ssl.keystore.certificate.chain)
 * @param truststoreType JKS, PKCS12 or PEM (ssl.truststore.type, default JKS)
 * @param truststoreLocation trusted CA store; null means the JDK's default trust store
 *     (ssl.truststore.location)
 * @param truststorePassword (ssl.truststore.password); may be null
 * @param truststoreCertificates inline PEM CA certificates (ssl.truststore.certificates)
 * @param endpointIdentificationAlgorithm "https" checks the broker's certificate against the host
 *     name; empty disables the check (ssl.endpoint.identification.algorithm, default https)
 * @param keyManagerAlgorithm (ssl.keymanager.algorithm, default the JDK's, SunX509)
 * @param trustManagerAlgorithm (ssl.trustmanager.algorithm, default the JDK's, PKIX)
 */
public record SslConfig(
    String protocol,
    List<String> enabledProtocols,
    List<String> cipherSuites,
    String keystoreType,
    String keystoreLocation,
    Password keystorePassword,
    Password keyPassword,
    Password keystoreKey,
    Password keystoreCertificateChain,
    String truststoreType,
    String truststoreLocation,
    Password truststorePassword,
    Password truststoreCertificates,
    String endpointIdentificationAlgorithm,
    String keyManagerAlgorithm,
    String trustManagerAlgorithm) {

  public static final String PROTOCOL = "ssl.protocol";
  public static final String ENABLED_PROTOCOLS = "ssl.enabled.protocols";
  public static final String CIPHER_SUITES = "ssl.cipher.suites";
  public static final String KEYSTORE_TYPE = "ssl.keystore.type";
  public static final String KEYSTORE_LOCATION = "ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
  public static final String KEY_PASSWORD = "ssl.key.password";
  public static final String KEYSTORE_KEY = "ssl.keystore.key";
  public static final String KEYSTORE_CERTIFICATE_CHAIN = "ssl.keystore.certificate.chain";
  public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
  public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
  public static final String TRUSTSTORE_CERTIFICATES = "ssl.truststore.certificates";
  public static final String ENDPOINT_IDENTIFICATION_ALGORITHM =
      "ssl.endpoint.identification.algorithm";
  public static final String KEYMANAGER_ALGORITHM = "ssl.keymanager.algorithm";
  public static final String TRUSTMANAGER_ALGORITHM = "ssl.trustmanager.algorithm";

  private static final List<String> STORE_TYPES = ConfigKeys.SSL_KEYSTORE_TYPE.allowedValues();

  public SslConfig {
    Objects.requireNonNull(protocol, "protocol");
    enabledProtocols = List.copyOf(enabledProtocols);
    cipherSuites = List.copyOf(cipherSuites);
    Objects.requireNonNull(keystoreType, "keystoreType");
    Objects.requireNonNull(truststoreType, "truststoreType");
    Objects.requireNonNull(endpointIdentificationAlgorithm, "endpointIdentificationAlgorithm");
    Objects.requireNonNull(keyManagerAlgorithm, "keyManagerAlgorithm");
    Objects.requireNonNull(trustManagerAlgorithm, "trustManagerAlgorithm");
  }

  /** Kafka's defaults: TLSv1.3 context, TLSv1.2 and 1.3 enabled, JDK trust, hostnames checked. */
  public static SslConfig defaults() {
    return parse(Map.of());
  }

  /** True if the broker's certificate must match the host name we connect to. */
  public boolean verifiesHostname() {
    return !endpointIdentificationAlgorithm.isEmpty();
  }

  /** Reads the {@code ssl.*} entries of a client configuration; other keys are ignored. */
  public static SslConfig parse(Map<String, ?> configs) {
    String keystoreType = storeType(configs, ConfigKeys.SSL_KEYSTORE_TYPE);
    String truststoreType = storeType(configs, ConfigKeys.SSL_TRUSTSTORE_TYPE);
    SslConfig config =
        new SslConfig(
            string(configs, ConfigKeys.SSL_PROTOCOL),
            list(configs, ConfigKeys.SSL_ENABLED_PROTOCOLS),
            list(configs, ConfigKeys.SSL_CIPHER_SUITES),
            keystoreType,
            string(configs, ConfigKeys.SSL_KEYSTORE_LOCATION),
            Password.ofNullable(configs.get(KEYSTORE_PASSWORD)),
            Password.ofNullable(configs.get(KEY_PASSWORD)),
            Password.ofNullable(configs.get(KEYSTORE_KEY)),
            Password.ofNullable(configs.get(KEYSTORE_CERTIFICATE_CHAIN)),
            truststoreType,
            string(configs, ConfigKeys.SSL_TRUSTSTORE_LOCATION),
            Password.ofNullable(configs.get(TRUSTSTORE_PASSWORD)),
            Password.ofNullable(configs.get(TRUSTSTORE_CERTIFICATES)),
            string(configs, ConfigKeys.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM),
            string(configs, ConfigKeys.SSL_KEYMANAGER_ALGORITHM),
            string(configs, ConfigKeys.SSL_TRUSTMANAGER_ALGORITHM));
    config.validate();
    return config;
  }

  private void validate() {
    if (enabledProtocols.isEmpty()) {
      throw new ConfigException(ENABLED_PROTOCOLS, "", "must list at least one protocol");
    }
    if (!endpointIdentificationAlgorithm.isEmpty()
        && !endpointIdentificationAlgorithm.equalsIgnoreCase("https")) {
      throw new ConfigException(
          ENDPOINT_IDENTIFICATION_ALGORITHM,
          endpointIdentificationAlgorithm,
          "must be https (verify the broker's host name) or empty (do not)");
    }
    if (keystoreType.equals("PEM")) {
      if (keystoreLocation == null && (keystoreKey == null) != (keystoreCertificateChain == null)) {
        throw new ConfigException(
            KEYSTORE_KEY
                + " and "
                + KEYSTORE_CERTIFICATE_CHAIN
                + " must be set together (inline PEM key store)");
      }
      if (keystoreLocation != null && keystoreKey != null) {
        throw new ConfigException(
            "set either " + KEYSTORE_LOCATION + " or " + KEYSTORE_KEY + ", not both");
      }
    } else if (keystoreKey != null || keystoreCertificateChain != null) {
      throw new ConfigException(
          KEYSTORE_TYPE, keystoreType, "must be PEM when " + KEYSTORE_KEY + " is set");
    }
    if (truststoreCertificates != null) {
      if (!truststoreType.equals("PEM")) {
        throw new ConfigException(
            TRUSTSTORE_TYPE,
            truststoreType,
            "must be PEM when " + TRUSTSTORE_CERTIFICATES + " is set");
      }
      if (truststoreLocation != null) {
        throw new ConfigException(
            "set either " + TRUSTSTORE_LOCATION + " or " + TRUSTSTORE_CERTIFICATES + ", not both");
      }
    }
  }

  private static String storeType(Map<String, ?> configs, ConfigKey key) {
    String type = string(configs, key).toUpperCase(Locale.ROOT);
    if (!STORE_TYPES.contains(type)) {
      throw new ConfigException(key.name(), type, "must be one of " + STORE_TYPES);
    }
    return type;
  }

  private static String string(Map<String, ?> configs, ConfigKey key) {
    Object value = configs.get(key.name());
    if (value == null) {
      return key.defaultString();
    }
    String text = String.valueOf(value).trim();
    // An empty location means "not set", as in Kafka; an empty algorithm means "off".
    if (text.isEmpty() && key.name().endsWith(".location")) {
      return null;
    }
    return text;
  }

  /** The key's entries; its default when absent (no default: none). */
  private static List<String> list(Map<String, ?> configs, ConfigKey key) {
    Object value = configs.get(key.name());
    if (value == null) {
      return key.defaultList();
    }
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> items) {
      for (Object item : items) {
        addTrimmed(out, String.valueOf(item));
      }
    } else {
      for (String item : String.valueOf(value).split(",")) {
        addTrimmed(out, item);
      }
    }
    return out;
  }

  private static void addTrimmed(List<String> out, String item) {
    String trimmed = item.trim();
    if (!trimmed.isEmpty()) {
      out.add(trimmed);
    }
  }
}
