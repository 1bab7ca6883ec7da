package dev.plume.producer.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the producer's connections are secured: the {@code security.protocol} and, exactly when it
 * uses them, the TLS and SASL settings. The mode is explicit, so no caller has to infer it from a
 * missing value.
 */
public final class TransportSecurity {

  /** The values of {@code security.protocol}. */
  public enum Protocol {
    PLAINTEXT(false, false),
    SSL(true, false),
    SASL_PLAINTEXT(false, true),
    SASL_SSL(true, true);

    private final boolean usesTls;
    private final boolean usesSasl;

    Protocol(boolean usesTls, boolean usesSasl) {
      this.usesTls = usesTls;
      this.usesSasl = usesSasl;
    }

    public boolean usesTls() {
      return usesTls;
    }

    public boolean usesSasl() {
      return usesSasl;
    }
  }

  private static final TransportSecurity PLAINTEXT =
      new TransportSecurity(Protocol.PLAINTEXT, null, null);

  private final Protocol protocol;
  private final SslConfig ssl;
  private final SaslConfig sasl;

  private TransportSecurity(Protocol protocol, SslConfig ssl, SaslConfig sasl) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    if (protocol.usesTls() != (ssl != null) || protocol.usesSasl() != (sasl != null)) {
      throw new IllegalArgumentException(
          protocol
              + " needs "
              + (protocol.usesTls() ? "TLS settings" : "no TLS settings")
              + " and "
              + (protocol.usesSasl() ? "SASL settings" : "no SASL settings"));
    }
    this.ssl = ssl;
    this.sasl = sasl;
  }

  /** Unencrypted, unauthenticated connections. */
  public static TransportSecurity plaintext() {
    return PLAINTEXT;
  }

  /** TLS without SASL. */
  public static TransportSecurity ssl(SslConfig ssl) {
    return new TransportSecurity(Protocol.SSL, Objects.requireNonNull(ssl, "ssl"), null);
  }

  /** SASL over plain TCP. */
  public static TransportSecurity saslPlaintext(SaslConfig sasl) {
    return new TransportSecurity(
        Protocol.SASL_PLAINTEXT, null, Objects.requireNonNull(sasl, "sasl"));
  }

  /** SASL over TLS. */
  public static TransportSecurity saslSsl(SslConfig ssl, SaslConfig sasl) {
    return new TransportSecurity(
        Protocol.SASL_SSL,
        Objects.requireNonNull(ssl, "ssl"),
        Objects.requireNonNull(sasl, "sasl"));
  }

  /**
   * Reads the {@code ssl.*} and {@code sasl.*} entries {@code protocol} uses out of a client
   * configuration; the others are not read (nor validated), as in Kafka.
   */
  public static TransportSecurity parse(Protocol protocol, Map<String, ?> configs) {
    SaslConfig sasl = protocol.usesSasl() ? SaslConfig.parse(configs) : null;
    SslConfig ssl = protocol.usesTls() ? SslConfig.parse(configs) : null;
    return new TransportSecurity(protocol, ssl, sasl);
  }

  public Protocol protocol() {
    return protocol;
  }

  /** The TLS settings; present exactly when {@link Protocol#usesTls()}. */
  public Optional<SslConfig> ssl() {
    return Optional.ofNullable(ssl);
  }

  /** The SASL mechanism and credentials; present exactly when {@link Protocol#usesSasl()}. */
  public Optional<SaslConfig> sasl() {
    return Optional.ofNullable(sasl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportSecurity t
        && protocol == t.protocol
        && Objects.equals(ssl, t.ssl)
        && Objects.equals(sasl, t.sasl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, ssl, sasl);
  }

  /** Secrets stay hidden: SslConfig and SaslConfig print {@link Password}s masked. */
  @Override
  public String toString() {
    return "TransportSecurity{"
        + protocol
        + (ssl == null ? "" : ", " + ssl)
        + (sasl == null ? "" : ", " + sasl)
        + "}";
  }
}
