package dev.plume.producer;

import static dev.plume.producer.ConfigKey.Importance.HIGH;
import static dev.plume.producer.ConfigKey.Importance.LOW;
import static dev.plume.producer.ConfigKey.Importance.MEDIUM;
import static dev.plume.producer.ConfigKey.Type.BOOLEAN;
import static dev.plume.producer.ConfigKey.Type.CLASS;
import static dev.plume.producer.ConfigKey.Type.DOUBLE;
import static dev.plume.producer.ConfigKey.Type.INT;
import static dev.plume.producer.ConfigKey.Type.LIST;
import static dev.plume.producer.ConfigKey.Type.LONG;
import static dev.plume.producer.ConfigKey.Type.PASSWORD;
import static dev.plume.producer.ConfigKey.Type.SHORT;
import static dev.plume.producer.ConfigKey.Type.STRING;

import dev.plume.producer.ConfigKey.Importance;
import dev.plume.producer.ConfigKey.Origin;
import dev.plume.producer.ConfigKey.Status;
import dev.plume.producer.ConfigKey.Type;
import dev.plume.producer.ConfigKey.Validity;
import dev.plume.producer.security.SaslConfig;
import dev.plume.producer.security.SslConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The producer's configuration table: one {@link ConfigKey} per key Plume knows, Kafka's (every key
 * of Kafka's Java producer, implemented or not) and Plume's own. It is the one place where a key's
 * type, default, accepted values, documentation and status are written: {@link ProducerConfig} and
 * {@link SslConfig} parse with it, the network defaults come from it, the generated
 * CONFIGURATION.md is written from it, and tests compare it with Kafka's definition and with the
 * Spring starter's properties.
 */
public final class ConfigKeys {

  private static final String PLUGIN_REFUSAL =
      "Plume cannot load kafka-clients plug-in classes; remove the setting (TLS and SASL are"
          + " configured with Plume's ssl.* and sasl.* settings, OAUTHBEARER tokens with an"
          + " OAuthBearerTokenProvider)";
  private static final String SASL_LOGIN_UNUSED =
      "Plume's SASL clients log in once per connection and re-authenticate when the broker asks";
  private static final String OAUTH_UNUSED =
      "Plume takes OAUTHBEARER tokens from an OAuthBearerTokenProvider or unsecured JAAS options";
  private static final String METRICS_UNUSED =
      "Plume's metrics have their own fixed windows; they are read through JMX or Micrometer";
  private static final String KERBEROS_UNUSED = "Plume has no GSSAPI (Kerberos) support";

  // ---- Connection and identity

  public static final ConfigKey BOOTSTRAP_SERVERS =
      implemented(
          ProducerConfig.BOOTSTRAP_SERVERS,
          LIST,
          List.of(),
          any(),
          HIGH,
          "host:port pairs used to find the cluster; at least one is required");
  public static final ConfigKey CLIENT_ID =
      implemented(
          ProducerConfig.CLIENT_ID,
          STRING,
          "",
          any(),
          MEDIUM,
          "name sent with every request and used in metrics; empty gives producer-<n>");
  public static final ConfigKey CLIENT_DNS_LOOKUP =
      implemented(
          ProducerConfig.CLIENT_DNS_LOOKUP,
          STRING,
          "use_all_dns_ips",
          oneOf("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"),
          MEDIUM,
          "whether a host name's addresses are all tried in turn or bootstrap names are expanded");
  public static final ConfigKey SECURITY_PROTOCOL =
      implemented(
          ProducerConfig.SECURITY_PROTOCOL,
          STRING,
          "PLAINTEXT",
          oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
          MEDIUM,
          "how connections are secured: none, TLS, SASL, or SASL over TLS");

  // ---- Delivery

  public static final ConfigKey ACKS =
      implemented(
          ProducerConfig.ACKS,
          STRING,
          "all",
          oneOf("all", "-1", "0", "1"),
          LOW,
          "replicas that must have a batch before it counts as written: 0, 1 or all (-1)");
  public static final ConfigKey ENABLE_IDEMPOTENCE =
      implemented(
          ProducerConfig.ENABLE_IDEMPOTENCE,
          BOOLEAN,
          true,
          any(),
          LOW,
          "number batches so that retries never duplicate or reorder records");
  public static final ConfigKey RETRIES =
      implemented(
          ProducerConfig.RETRIES,
          INT,
          Integer.MAX_VALUE,
          range(0L, (long) Integer.MAX_VALUE),
          HIGH,
          "how often a failed batch is resent before delivery.timeout.ms ends it anyway");
  public static final ConfigKey RETRY_BACKOFF_MS =
      implemented(
          ProducerConfig.RETRY_BACKOFF_MS,
          LONG,
          100L,
          atLeast(0),
          LOW,
          "first wait before resending a failed request; doubles on each further failure, times"
              + " a random factor in [0.8, 1.2) so that requests failed together are not resent"
              + " together");
  public static final ConfigKey RETRY_BACKOFF_MAX_MS =
      implemented(
          ProducerConfig.RETRY_BACKOFF_MAX_MS,
          LONG,
          1000L,
          atLeast(0),
          LOW,
          "cap of the growing retry wait, random factor included; at or below retry.backoff.ms"
              + " every wait is this value");
  public static final ConfigKey DELIVERY_TIMEOUT_MS =
      implemented(
          ProducerConfig.DELIVERY_TIMEOUT_MS,
          INT,
          120000,
          atLeast(0),
          MEDIUM,
          "time from send() to a final outcome, retries included; at least linger.ms +"
              + " request.timeout.ms");
  public static final ConfigKey REQUEST_TIMEOUT_MS =
      implemented(
          ProducerConfig.REQUEST_TIMEOUT_MS,
          INT,
          30000,
          atLeast(0),
          MEDIUM,
          "how long a sent request may wait for its response before it is failed or retried");
  public static final ConfigKey MAX_IN_FLIGHT =
      implemented(
          ProducerConfig.MAX_IN_FLIGHT,
          INT,
          5,
          atLeast(1),
          LOW,
          "requests one connection may have awaiting a response; at most 5 with idempotence");
  public static final ConfigKey MAX_BLOCK_MS =
      implemented(
          ProducerConfig.MAX_BLOCK_MS,
          LONG,
          60000L,
          atLeast(0),
          MEDIUM,
          "longest time send() and other calls block waiting for metadata or buffer space");

  // ---- Batching and memory

  public static final ConfigKey LINGER_MS =
      implemented(
          ProducerConfig.LINGER_MS,
          LONG,
          5L,
          atLeast(0),
          MEDIUM,
          "how long a batch waits for more records before it is sent");
  public static final ConfigKey BATCH_SIZE =
      implemented(
          ProducerConfig.BATCH_SIZE,
          INT,
          16384,
          atLeast(0),
          MEDIUM,
          "bytes of records one partition's batch holds before it is sent; 0 disables batching");
  public static final ConfigKey BUFFER_MEMORY =
      implemented(
          ProducerConfig.BUFFER_MEMORY,
          LONG,
          33554432L,
          atLeast(0),
          HIGH,
          "bytes of unsent records the producer holds before send() blocks");
  public static final ConfigKey MAX_REQUEST_SIZE =
      implemented(
          ProducerConfig.MAX_REQUEST_SIZE,
          INT,
          1048576,
          atLeast(0),
          MEDIUM,
          "largest produce request, hence largest record, in bytes");
  public static final ConfigKey PLUME_ADAPTIVE_BATCHING =
      plume(
          ProducerConfig.PLUME_ADAPTIVE_BATCHING,
          BOOLEAN,
          false,
          LOW,
          "send a batch as soon as its leader's connection is idle; linger only while requests"
              + " are in flight");

  // ---- Compression

  public static final ConfigKey COMPRESSION_TYPE =
      implemented(
          ProducerConfig.COMPRESSION_TYPE,
          STRING,
          "none",
          oneOf("none", "gzip", "snappy", "lz4", "zstd"),
          HIGH,
          "codec applied to every batch");
  public static final ConfigKey COMPRESSION_GZIP_LEVEL =
      implemented(
          ProducerConfig.COMPRESSION_GZIP_LEVEL,
          INT,
          -1,
          range(-1L, 9L),
          MEDIUM,
          "gzip effort: 1 (fast) to 9 (small), or -1 for the codec's default (0 is refused)");
  public static final ConfigKey COMPRESSION_LZ4_LEVEL =
      implemented(
          ProducerConfig.COMPRESSION_LZ4_LEVEL,
          INT,
          9,
          range(1L, 17L),
          MEDIUM,
          "lz4 effort: 1 (fast) to 17 (small)");
  public static final ConfigKey COMPRESSION_ZSTD_LEVEL =
      implemented(
          ProducerConfig.COMPRESSION_ZSTD_LEVEL,
          INT,
          3,
          range(-131072L, 22L),
          MEDIUM,
          "zstd effort: negative levels favour speed, up to 22 favours size");

  // ---- Partitioning

  public static final ConfigKey PARTITIONER_CLASS =
      implemented(
          ProducerConfig.PARTITIONER_CLASS,
          CLASS,
          null,
          any(),
          MEDIUM,
          "a custom Partitioner; unset uses the key hash or, without a key, sticky batches");
  public static final ConfigKey PARTITIONER_ADAPTIVE =
      implemented(
          ProducerConfig.PARTITIONER_ADAPTIVE,
          BOOLEAN,
          true,
          any(),
          LOW,
          "keyless records favour partitions whose brokers drain their queues faster");
  public static final ConfigKey PARTITIONER_AVAILABILITY_TIMEOUT_MS =
      implemented(
          ProducerConfig.PARTITIONER_AVAILABILITY_TIMEOUT_MS,
          LONG,
          0L,
          atLeast(0),
          LOW,
          "keyless records avoid a partition whose leader has not taken a batch for this long;"
              + " 0 never avoids");
  public static final ConfigKey PARTITIONER_IGNORE_KEYS =
      implemented(
          ProducerConfig.PARTITIONER_IGNORE_KEYS,
          BOOLEAN,
          false,
          any(),
          MEDIUM,
          "place keyed records as if they had no key");

  // ---- Metadata

  public static final ConfigKey METADATA_MAX_AGE_MS =
      implemented(
          ProducerConfig.METADATA_MAX_AGE_MS,
          LONG,
          300000L,
          atLeast(0),
          LOW,
          "refresh cluster metadata at least this often even without errors");
  public static final ConfigKey METADATA_MAX_IDLE_MS =
      implemented(
          ProducerConfig.METADATA_MAX_IDLE_MS,
          LONG,
          300000L,
          atLeast(5000),
          LOW,
          "forget a topic's metadata when nothing was sent to it for this long");
  public static final ConfigKey METADATA_RECOVERY_STRATEGY =
      implemented(
          ProducerConfig.METADATA_RECOVERY_STRATEGY,
          STRING,
          "rebootstrap",
          oneOf("none", "rebootstrap"),
          LOW,
          "when no known broker answers, go back to bootstrap.servers (rebootstrap) or not");
  public static final ConfigKey METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS =
      implemented(
          ProducerConfig.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS,
          LONG,
          300000L,
          atLeast(0),
          LOW,
          "how long metadata may stay unobtainable before the client rebootstraps");

  // ---- Network

  public static final ConfigKey RECONNECT_BACKOFF_MS =
      implemented(
          ProducerConfig.RECONNECT_BACKOFF_MS,
          LONG,
          50L,
          atLeast(0),
          LOW,
          "first wait before reconnecting to a broker; grows up to reconnect.backoff.max.ms");
  public static final ConfigKey RECONNECT_BACKOFF_MAX_MS =
      implemented(
          ProducerConfig.RECONNECT_BACKOFF_MAX_MS,
          LONG,
          1000L,
          atLeast(0),
          LOW,
          "cap of the reconnect wait; follows reconnect.backoff.ms when only that is set");
  public static final ConfigKey SOCKET_CONNECTION_SETUP_TIMEOUT_MS =
      implemented(
          ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS,
          LONG,
          10000L,
          atLeast(0),
          MEDIUM,
          "first limit for opening a connection, handshakes included; grows on failures");
  public static final ConfigKey SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS =
      implemented(
          ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS,
          LONG,
          30000L,
          atLeast(0),
          MEDIUM,
          "cap of the growing connection setup limit");
  public static final ConfigKey SEND_BUFFER_BYTES =
      implemented(
          ProducerConfig.SEND_BUFFER_BYTES,
          INT,
          131072,
          atLeast(-1),
          MEDIUM,
          "socket send buffer (SO_SNDBUF); -1 keeps the operating system's");
  public static final ConfigKey RECEIVE_BUFFER_BYTES =
      implemented(
          ProducerConfig.RECEIVE_BUFFER_BYTES,
          INT,
          32768,
          atLeast(-1),
          MEDIUM,
          "socket receive buffer (SO_RCVBUF); -1 keeps the operating system's");
  public static final ConfigKey CONNECTIONS_MAX_IDLE_MS =
      implemented(
          ProducerConfig.CONNECTIONS_MAX_IDLE_MS,
          LONG,
          540000L,
          atLeast(-1),
          MEDIUM,
          "close a connection unused for this long; -1 keeps it open");

  // ---- Plug-ins and serialization

  public static final ConfigKey INTERCEPTOR_CLASSES =
      implemented(
          ProducerConfig.INTERCEPTOR_CLASSES,
          LIST,
          List.of(),
          any(),
          LOW,
          "ProducerInterceptor classes that see each record before it is sent and each outcome");
  public static final ConfigKey KEY_SERIALIZER =
      implemented(
          ProducerConfig.KEY_SERIALIZER,
          CLASS,
          null,
          any(),
          HIGH,
          "Serializer class for record keys, unless one is given to the producer directly");
  public static final ConfigKey VALUE_SERIALIZER =
      implemented(
          ProducerConfig.VALUE_SERIALIZER,
          CLASS,
          null,
          any(),
          HIGH,
          "Serializer class for record values, unless one is given to the producer directly");
  public static final ConfigKey METRIC_REPORTERS =
      implemented(
          ProducerConfig.METRIC_REPORTERS,
          LIST,
          List.of(ProducerConfig.JMX_REPORTER),
          any(),
          LOW,
          "Kafka's JmxReporter registers Kafka-shaped MBeans; empty turns them off; other"
              + " reporters are not loaded");
  public static final ConfigKey CONFIG_PROVIDERS =
      implemented(
          ProducerConfig.CONFIG_PROVIDERS,
          LIST,
          List.of(),
          any(),
          LOW,
          "names of providers that resolve ${name:path:key} placeholders (file, directory and"
              + " environment providers)");
  public static final ConfigKey ENABLE_METRICS_PUSH =
      unused(
          ProducerConfig.ENABLE_METRICS_PUSH,
          BOOLEAN,
          true,
          LOW,
          "push client metrics to the broker (KIP-714)",
          "Plume never pushes metrics; false is honoured silently, true is logged as unused");

  // ---- Transactions

  public static final ConfigKey TRANSACTIONAL_ID =
      implemented(
          ProducerConfig.TRANSACTIONAL_ID,
          STRING,
          null,
          new Validity.NonEmpty(),
          LOW,
          "makes the producer transactional; one id names one producer across restarts");
  public static final ConfigKey TRANSACTION_TIMEOUT_MS =
      implemented(
          ProducerConfig.TRANSACTION_TIMEOUT_MS,
          INT,
          60000,
          atLeast(1),
          LOW,
          "how long the coordinator lets a transaction stay open before aborting it");
  public static final ConfigKey TRANSACTION_TWO_PHASE_COMMIT_ENABLE =
      rejected(
          ProducerConfig.TRANSACTION_TWO_PHASE_COMMIT_ENABLE,
          BOOLEAN,
          false,
          LOW,
          "let an external coordinator decide a transaction's outcome (KIP-939)",
          "Plume does not support two-phase commit transactions (KIP-939); remove the setting or"
              + " set it to false");

  // ---- TLS

  public static final ConfigKey SSL_PROTOCOL =
      implemented(
          SslConfig.PROTOCOL,
          STRING,
          "TLSv1.3",
          any(),
          MEDIUM,
          "protocol of the TLS context (TLSv1.3 also negotiates TLSv1.2 where enabled)");
  public static final ConfigKey SSL_ENABLED_PROTOCOLS =
      implemented(
          SslConfig.ENABLED_PROTOCOLS,
          LIST,
          List.of("TLSv1.2", "TLSv1.3"),
          any(),
          MEDIUM,
          "TLS versions a connection may use");
  public static final ConfigKey SSL_CIPHER_SUITES =
      implemented(
          SslConfig.CIPHER_SUITES,
          LIST,
          null,
          any(),
          LOW,
          "cipher suites a connection may use; unset keeps the JDK's");
  public static final ConfigKey SSL_KEYSTORE_TYPE =
      implemented(
          SslConfig.KEYSTORE_TYPE,
          STRING,
          "JKS",
          oneOf("JKS", "PKCS12", "PEM"),
          MEDIUM,
          "format of the client's key store");
  public static final ConfigKey SSL_KEYSTORE_LOCATION =
      implemented(
          SslConfig.KEYSTORE_LOCATION,
          STRING,
          null,
          any(),
          HIGH,
          "file holding the client's certificate and key, for brokers that check clients");
  public static final ConfigKey SSL_KEYSTORE_PASSWORD =
      implemented(
          SslConfig.KEYSTORE_PASSWORD,
          PASSWORD,
          null,
          any(),
          HIGH,
          "password of the key store file");
  public static final ConfigKey SSL_KEY_PASSWORD =
      implemented(
          SslConfig.KEY_PASSWORD,
          PASSWORD,
          null,
          any(),
          HIGH,
          "password of the private key inside the key store, when it differs from the store's");
  public static final ConfigKey SSL_KEYSTORE_KEY =
      implemented(
          SslConfig.KEYSTORE_KEY,
          PASSWORD,
          null,
          any(),
          HIGH,
          "the client's private key as PEM text (key store type PEM)");
  public static final ConfigKey SSL_KEYSTORE_CERTIFICATE_CHAIN =
      implemented(
          SslConfig.KEYSTORE_CERTIFICATE_CHAIN,
          PASSWORD,
          null,
          any(),
          HIGH,
          "the client's certificate chain as PEM text (key store type PEM)");
  public static final ConfigKey SSL_TRUSTSTORE_TYPE =
      implemented(
          SslConfig.TRUSTSTORE_TYPE,
          STRING,
          "JKS",
          oneOf("JKS", "PKCS12", "PEM"),
          MEDIUM,
          "format of the trust store");
  public static final ConfigKey SSL_TRUSTSTORE_LOCATION =
      implemented(
          SslConfig.TRUSTSTORE_LOCATION,
          STRING,
          null,
          any(),
          HIGH,
          "file of CA certificates that brokers' certificates must chain to; unset uses the"
              + " JDK's");
  public static final ConfigKey SSL_TRUSTSTORE_PASSWORD =
      implemented(
          SslConfig.TRUSTSTORE_PASSWORD,
          PASSWORD,
          null,
          any(),
          HIGH,
          "password of the trust store file");
  public static final ConfigKey SSL_TRUSTSTORE_CERTIFICATES =
      implemented(
          SslConfig.TRUSTSTORE_CERTIFICATES,
          PASSWORD,
          null,
          any(),
          HIGH,
          "trusted CA certificates as PEM text (trust store type PEM)");
  public static final ConfigKey SSL_ENDPOINT_IDENTIFICATION_ALGORITHM =
      implemented(
          SslConfig.ENDPOINT_IDENTIFICATION_ALGORITHM,
          STRING,
          "https",
          any(),
          LOW,
          "https checks that a broker's certificate names the host connected to; empty skips it");
  public static final ConfigKey SSL_KEYMANAGER_ALGORITHM =
      implemented(
          SslConfig.KEYMANAGER_ALGORITHM,
          STRING,
          KeyManagerFactory.getDefaultAlgorithm(),
          any(),
          LOW,
          "algorithm of the key manager that presents the client certificate");
  public static final ConfigKey SSL_TRUSTMANAGER_ALGORITHM =
      implemented(
          SslConfig.TRUSTMANAGER_ALGORITHM,
          STRING,
          TrustManagerFactory.getDefaultAlgorithm(),
          any(),
          LOW,
          "algorithm of the trust manager that checks broker certificates");

  // ---- SASL

  public static final ConfigKey SASL_MECHANISM =
      implemented(
          SaslConfig.MECHANISM,
          STRING,
          "GSSAPI",
          any(),
          MEDIUM,
          "SASL mechanism: Plume supports PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER");
  public static final ConfigKey SASL_JAAS_CONFIG =
      implemented(
          SaslConfig.JAAS_CONFIG,
          PASSWORD,
          null,
          any(),
          MEDIUM,
          "JAAS login line carrying the credentials, in Kafka's format");

  /** Every key, sorted by name. */
  public static final List<ConfigKey> ALL = allKeys();

  private static final Map<String, ConfigKey> BY_NAME = byName(ALL);

  private ConfigKeys() {}

  /** The key named {@code name}, or null if the table has none. */
  public static ConfigKey find(String name) {
    return BY_NAME.get(name);
  }

  /** The names of every key with {@code status}, sorted. */
  public static Set<String> namesWithStatus(Status status) {
    Set<String> names = new TreeSet<>();
    for (ConfigKey key : ALL) {
      if (key.status() == status) {
        names.add(key.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  private static List<ConfigKey> allKeys() {
    List<ConfigKey> keys = new ArrayList<>();
    for (java.lang.reflect.Field field : ConfigKeys.class.getDeclaredFields()) {
      if (field.getType() == ConfigKey.class) {
        try {
          keys.add((ConfigKey) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    keys.addAll(notImplemented());
    // Sorted by name: field order is not guaranteed by reflection, and a stable order keeps the
    // generated documentation stable.
    keys.sort(java.util.Comparator.comparing(ConfigKey::name));
    return List.copyOf(keys);
  }

  /** Kafka's keys Plume accepts without effect or refuses, kept so the table is complete. */
  private static List<ConfigKey> notImplemented() {
    return List.of(
        rejected(
            "ssl.engine.factory.class",
            CLASS,
            null,
            LOW,
            "custom factory of TLS engines",
            PLUGIN_REFUSAL),
        rejected(
            "sasl.login.class", CLASS, null, MEDIUM, "custom SASL login class", PLUGIN_REFUSAL),
        rejected(
            "sasl.login.callback.handler.class",
            CLASS,
            null,
            MEDIUM,
            "custom callback handler of the SASL login",
            PLUGIN_REFUSAL),
        rejected(
            "sasl.client.callback.handler.class",
            CLASS,
            null,
            MEDIUM,
            "custom callback handler of the SASL client",
            PLUGIN_REFUSAL),
        unused("ssl.provider", STRING, null, MEDIUM, "JCA provider of the TLS context", ""),
        unused(
            "ssl.secure.random.implementation",
            STRING,
            null,
            LOW,
            "SecureRandom algorithm used by TLS",
            "the JDK's default is used"),
        unused(
            "security.providers",
            STRING,
            null,
            LOW,
            "classes that register extra JCA security providers",
            ""),
        unused(
            "metrics.num.samples", INT, 2, LOW, "samples kept per metric window", METRICS_UNUSED),
        unused(
            "metrics.recording.level",
            STRING,
            "INFO",
            LOW,
            "which metrics are recorded (INFO, DEBUG, TRACE)",
            METRICS_UNUSED),
        unused(
            "metrics.sample.window.ms",
            LONG,
            30000L,
            LOW,
            "length of a metric sample window",
            METRICS_UNUSED),
        unused(
            "sasl.kerberos.kinit.cmd",
            STRING,
            "/usr/bin/kinit",
            LOW,
            "kinit command for Kerberos logins",
            KERBEROS_UNUSED),
        unused(
            "sasl.kerberos.min.time.before.relogin",
            LONG,
            60000L,
            LOW,
            "shortest time between Kerberos ticket refreshes",
            KERBEROS_UNUSED),
        unused(
            "sasl.kerberos.service.name",
            STRING,
            null,
            MEDIUM,
            "Kerberos principal name of the brokers",
            KERBEROS_UNUSED),
        unused(
            "sasl.kerberos.ticket.renew.jitter",
            DOUBLE,
            0.05,
            LOW,
            "random share added to the Kerberos renewal time",
            KERBEROS_UNUSED),
        unused(
            "sasl.kerberos.ticket.renew.window.factor",
            DOUBLE,
            0.8,
            LOW,
            "share of a Kerberos ticket's lifetime after which it is renewed",
            KERBEROS_UNUSED),
        unused(
            "sasl.login.connect.timeout.ms",
            INT,
            null,
            LOW,
            "connect timeout of the OAuth login's HTTP calls",
            OAUTH_UNUSED),
        unused(
            "sasl.login.read.timeout.ms",
            INT,
            null,
            LOW,
            "read timeout of the OAuth login's HTTP calls",
            OAUTH_UNUSED),
        unused(
            "sasl.login.refresh.buffer.seconds",
            SHORT,
            (short) 300,
            LOW,
            "margin before credential expiry at which a refresh starts",
            SASL_LOGIN_UNUSED),
        unused(
            "sasl.login.refresh.min.period.seconds",
            SHORT,
            (short) 60,
            LOW,
            "shortest time between two credential refreshes",
            SASL_LOGIN_UNUSED),
        unused(
            "sasl.login.refresh.window.factor",
            DOUBLE,
            0.8,
            LOW,
            "share of a credential's lifetime after which it is refreshed",
            SASL_LOGIN_UNUSED),
        unused(
            "sasl.login.refresh.window.jitter",
            DOUBLE,
            0.05,
            LOW,
            "random share added to the refresh time",
            SASL_LOGIN_UNUSED),
        unused(
            "sasl.login.retry.backoff.max.ms",
            LONG,
            10000L,
            LOW,
            "cap of the wait between OAuth login attempts",
            OAUTH_UNUSED),
        unused(
            "sasl.login.retry.backoff.ms",
            LONG,
            100L,
            LOW,
            "first wait between OAuth login attempts",
            OAUTH_UNUSED),
        oauth(
            "sasl.oauthbearer.assertion.algorithm",
            STRING,
            "RS256",
            MEDIUM,
            "JWT assertion" + " signing algorithm"),
        oauth(
            "sasl.oauthbearer.assertion.claim.aud",
            STRING,
            null,
            MEDIUM,
            "aud claim of the" + " JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.claim.exp.seconds",
            INT,
            300,
            LOW,
            "lifetime of the JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.claim.iss",
            STRING,
            null,
            MEDIUM,
            "iss claim of the" + " JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.claim.jti.include",
            BOOLEAN,
            false,
            MEDIUM,
            "whether the JWT assertion carries a unique jti claim"),
        oauth(
            "sasl.oauthbearer.assertion.claim.nbf.seconds",
            INT,
            60,
            LOW,
            "how far back the assertion's not-before time is set"),
        oauth(
            "sasl.oauthbearer.assertion.claim.sub",
            STRING,
            null,
            MEDIUM,
            "sub claim of the" + " JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.file",
            STRING,
            null,
            MEDIUM,
            "file holding a ready-made JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.private.key.file",
            STRING,
            null,
            MEDIUM,
            "private key that signs the JWT assertion"),
        oauth(
            "sasl.oauthbearer.assertion.private.key.passphrase",
            PASSWORD,
            null,
            MEDIUM,
            "passphrase of that private key"),
        oauth(
            "sasl.oauthbearer.assertion.template.file",
            STRING,
            null,
            MEDIUM,
            "template of the JWT assertion's header and claims"),
        oauth(
            "sasl.oauthbearer.client.credentials.client.id",
            STRING,
            null,
            MEDIUM,
            "OAuth client id for the client-credentials grant"),
        oauth(
            "sasl.oauthbearer.client.credentials.client.secret",
            PASSWORD,
            null,
            MEDIUM,
            "OAuth client secret for the client-credentials grant"),
        oauth(
            "sasl.oauthbearer.clock.skew.seconds",
            INT,
            30,
            LOW,
            "clock difference tolerated when checking tokens"),
        oauth("sasl.oauthbearer.expected.audience", LIST, null, LOW, "audiences a token must name"),
        oauth("sasl.oauthbearer.expected.issuer", STRING, null, LOW, "issuer a token must name"),
        oauth(
            "sasl.oauthbearer.header.urlencode",
            BOOLEAN,
            false,
            LOW,
            "URL-encode the client id and secret in the token request"),
        oauth(
            "sasl.oauthbearer.jwks.endpoint.refresh.ms",
            LONG,
            3600000L,
            LOW,
            "how often the signing keys are fetched again"),
        oauth(
            "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
            LONG,
            10000L,
            LOW,
            "cap of the wait between signing key fetch attempts"),
        oauth(
            "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms",
            LONG,
            100L,
            LOW,
            "first wait between signing key fetch attempts"),
        oauth(
            "sasl.oauthbearer.jwks.endpoint.url",
            STRING,
            null,
            MEDIUM,
            "where the token issuer's signing keys are published"),
        oauth(
            "sasl.oauthbearer.jwt.retriever.class",
            CLASS,
            "org.apache.kafka.common.security.oauthbearer.DefaultJwtRetriever",
            MEDIUM,
            "class that obtains tokens"),
        oauth(
            "sasl.oauthbearer.jwt.validator.class",
            CLASS,
            "org.apache.kafka.common.security.oauthbearer.DefaultJwtValidator",
            MEDIUM,
            "class that checks tokens"),
        oauth(
            "sasl.oauthbearer.scope",
            STRING,
            null,
            MEDIUM,
            "scope asked for in token" + " requests"),
        oauth(
            "sasl.oauthbearer.scope.claim.name",
            STRING,
            "scope",
            LOW,
            "claim that holds a token's scopes"),
        oauth(
            "sasl.oauthbearer.sub.claim.name",
            STRING,
            "sub",
            LOW,
            "claim that holds a token's subject"),
        oauth(
            "sasl.oauthbearer.token.endpoint.url",
            STRING,
            null,
            MEDIUM,
            "where tokens are requested (or a file that holds one)"));
  }

  private static Map<String, ConfigKey> byName(List<ConfigKey> keys) {
    Map<String, ConfigKey> map = new LinkedHashMap<>();
    for (ConfigKey key : keys) {
      if (map.put(key.name(), key) != null) {
        throw new IllegalStateException("two table entries for " + key.name());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  private static ConfigKey implemented(
      String name,
      Type type,
      Object defaultValue,
      Validity validity,
      Importance importance,
      String doc) {
    return new ConfigKey(
        name, type, defaultValue, validity, importance, Origin.KAFKA, Status.IMPLEMENTED, doc, "");
  }

  private static ConfigKey plume(
      String name, Type type, Object defaultValue, Importance importance, String doc) {
    return new ConfigKey(
        name, type, defaultValue, any(), importance, Origin.PLUME, Status.IMPLEMENTED, doc, "");
  }

  /** Not read, so not validated either: any value is accepted and logged as unused. */
  private static ConfigKey unused(
      String name, Type type, Object defaultValue, Importance importance, String doc, String note) {
    return new ConfigKey(
        name,
        type,
        defaultValue,
        any(),
        importance,
        Origin.KAFKA,
        Status.ACCEPTED_WITHOUT_EFFECT,
        doc,
        note);
  }

  private static ConfigKey oauth(
      String name, Type type, Object defaultValue, Importance importance, String doc) {
    return unused(name, type, defaultValue, importance, "OAuth login: " + doc, OAUTH_UNUSED);
  }

  private static ConfigKey rejected(
      String name, Type type, Object defaultValue, Importance importance, String doc, String note) {
    return new ConfigKey(
        name, type, defaultValue, any(), importance, Origin.KAFKA, Status.REJECTED, doc, note);
  }

  private static Validity any() {
    return new Validity.Any();
  }

  private static Validity atLeast(long min) {
    return new Validity.Range(min, null);
  }

  private static Validity range(Long min, Long max) {
    return new Validity.Range(min, max);
  }

  private static Validity oneOf(String... values) {
    return new Validity.OneOf(List.of(values));
  }
}
