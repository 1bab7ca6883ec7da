package dev.plume.internal.security;

import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.Password;
import dev.plume.producer.security.SslConfig;
import dev.plume.producer.security.SslContextProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} once from an {@link SslConfig} (key and trust stores in JKS, PKCS12
 * or PEM) and a client-mode {@link SSLEngine} per connection. Store problems fail here, at producer
 * construction, naming the setting but never a secret.
 */
public final class SslEngineFactory {

  private static final String PEM_TYPE = "PEM";

  private final SslConfig config;
  private final SslContextProvider contexts;

  public SslEngineFactory(SslConfig config) {
    this.config = config;
    try {
      SSLContext ctx = SSLContext.getInstance(config.protocol());
      ctx.init(keyManagers(config), trustManagers(config), null);
      this.contexts = () -> ctx;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          "cannot set up TLS ("
              + SslConfig.PROTOCOL
              + "="
              + config.protocol()
              + "): "
              + e.getMessage());
    }
  }

  /**
   * Engines from {@code contexts} (asked once per connection, so a replaced context is used by the
   * next connection); the stores named in {@code config} are not read.
   */
  public SslEngineFactory(SslConfig config, SslContextProvider contexts) {
    this.config = config;
    this.contexts = java.util.Objects.requireNonNull(contexts, "contexts");
  }

  public SslConfig config() {
    return config;
  }

  /**
   * A client engine for one connection. The host and port let the JDK resume sessions and, with
   * endpoint identification on, check the broker's certificate against {@code host}.
   */
  public SSLEngine createEngine(String host, int port) {
    SSLContext context = contexts.sslContext();
    if (context == null) {
      throw new IllegalStateException("the SslContextProvider returned no SSLContext");
    }
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(config.enabledProtocols().toArray(String[]::new));
    if (!config.cipherSuites().isEmpty()) {
      params.setCipherSuites(config.cipherSuites().toArray(String[]::new));
    }
    if (config.verifiesHostname()) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    engine.setSSLParameters(params);
    return engine;
  }

  private static KeyManager[] keyManagers(SslConfig config) throws GeneralSecurityException {
    KeyStore store;
    char[] keyPassword;
    if (config.keystoreType().equals(PEM_TYPE)) {
      String chainPem;
      String keyPem;
      if (config.keystoreKey() != null) {
        chainPem = config.keystoreCertificateChain().value();
        keyPem = config.keystoreKey().value();
      } else if (config.keystoreLocation() != null) {
        // A PEM key store file holds the private key and the certificate chain.
        keyPem = readText(config.keystoreLocation(), SslConfig.KEYSTORE_LOCATION);
        chainPem = keyPem;
      } else {
        return null;
      }
      char[] password = config.keyPassword() == null ? null : config.keyPassword().chars();
      PrivateKey key = pemPrivateKey(keyPem, password);
      List<Certificate> chain = pemCertificates(chainPem, SslConfig.KEYSTORE_CERTIFICATE_CHAIN);
      keyPassword = new char[0];
      store = KeyStore.getInstance("PKCS12");
      load(store, null, null, SslConfig.KEYSTORE_LOCATION);
      store.setKeyEntry("client", key, keyPassword, chain.toArray(Certificate[]::new));
    } else {
      if (config.keystoreLocation() == null) {
        return null;
      }
      store =
          fileStore(
              config.keystoreType(),
              config.keystoreLocation(),
              config.keystorePassword(),
              SslConfig.KEYSTORE_LOCATION);
      Password key =
          config.keyPassword() != null ? config.keyPassword() : config.keystorePassword();
      keyPassword = key == null ? new char[0] : key.chars();
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(config.keyManagerAlgorithm());
    try {
      factory.init(store, keyPassword);
    } catch (java.security.UnrecoverableKeyException e) {
      throw new ConfigException(
          "cannot read the private key of "
              + SslConfig.KEYSTORE_LOCATION
              + ": wrong "
              + SslConfig.KEY_PASSWORD
              + "?");
    }
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(SslConfig config) throws GeneralSecurityException {
    KeyStore store;
    if (config.truststoreType().equals(PEM_TYPE)) {
      String pem;
      if (config.truststoreCertificates() != null) {
        pem = config.truststoreCertificates().value();
      } else if (config.truststoreLocation() != null) {
        pem = readText(config.truststoreLocation(), SslConfig.TRUSTSTORE_LOCATION);
      } else {
        return null;
      }
      store = KeyStore.getInstance("PKCS12");
      load(store, null, null, SslConfig.TRUSTSTORE_LOCATION);
      int i = 0;
      for (Certificate cert : pemCertificates(pem, SslConfig.TRUSTSTORE_CERTIFICATES)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
    } else {
      if (config.truststoreLocation() == null) {
        return null; // the JDK's default trust store
      }
      store =
          fileStore(
              config.truststoreType(),
              config.truststoreLocation(),
              config.truststorePassword(),
              SslConfig.TRUSTSTORE_LOCATION);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(config.trustManagerAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyStore fileStore(String type, String location, Password password, String key)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      load(store, in, password == null ? null : password.chars(), key);
    } catch (IOException e) {
      throw new ConfigException(key, location, "cannot read the " + type + " store: " + e);
    }
    return store;
  }

  private static void load(KeyStore store, InputStream in, char[] password, String key)
      throws GeneralSecurityException {
    try {
      store.load(in, password);
    } catch (IOException e) {
      // The JDK reports a wrong store password as an IOException; its text holds no secret.
      throw new ConfigException(
          "cannot load "
              + key
              + " (wrong password or not a "
              + store.getType()
              + " store): "
              + e.getMessage());
    }
  }

  private static String readText(String location, String key) {
    try {
      return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(key, location, "cannot read the PEM file: " + e);
    }
  }

  private static List<Certificate> pemCertificates(String pem, String key)
      throws GeneralSecurityException {
    // CertificateFactory reads concatenated PEM certificates and skips text between them, but
    // not a private key block: keep only the certificate blocks.
    StringBuilder certs = new StringBuilder();
    for (String block : pemBlocks(pem, "CERTIFICATE")) {
      certs
          .append("-----BEGIN CERTIFICATE-----\n")
          .append(block)
          .append("\n-----END CERTIFICATE-----\n");
    }
    Collection<? extends Certificate> parsed =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(certs.toString().getBytes(StandardCharsets.US_ASCII)));
    if (parsed.isEmpty()) {
      throw new ConfigException(key + " holds no PEM certificate");
    }
    return new ArrayList<>(parsed);
  }

  private static PrivateKey pemPrivateKey(String pem, char[] password)
      throws GeneralSecurityException {
    List<String> plain = pemBlocks(pem, "PRIVATE KEY");
    List<String> encrypted = pemBlocks(pem, "ENCRYPTED PRIVATE KEY");
    byte[] pkcs8;
    if (!encrypted.isEmpty()) {
      if (password == null) {
        throw new ConfigException(
            "the PEM private key is encrypted: set " + SslConfig.KEY_PASSWORD);
      }
      try {
        EncryptedPrivateKeyInfo info =
            new EncryptedPrivateKeyInfo(Base64.getMimeDecoder().decode(encrypted.get(0)));
        SecretKeyFactory keys = SecretKeyFactory.getInstance(info.getAlgName());
        Cipher cipher = Cipher.getInstance(info.getAlgName());
        cipher.init(
            Cipher.DECRYPT_MODE,
            keys.generateSecret(new PBEKeySpec(password)),
            info.getAlgParameters());
        pkcs8 = info.getKeySpec(cipher).getEncoded();
      } catch (IOException | GeneralSecurityException e) {
        throw new ConfigException(
            "cannot decrypt the PEM private key: wrong " + SslConfig.KEY_PASSWORD + "?");
      }
    } else if (!plain.isEmpty()) {
      pkcs8 = Base64.getMimeDecoder().decode(plain.get(0));
    } else {
      throw new ConfigException(
          "no PKCS#8 private key (BEGIN PRIVATE KEY) found in the PEM key store");
    }
    for (String algorithm : List.of("RSA", "EC", "EdDSA", "DSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (InvalidKeySpecException e) {
        // not this algorithm: try the next
      }
    }
    throw new ConfigException("the PEM private key is not an RSA, EC, EdDSA or DSA key");
  }

  /** The base64 bodies of the {@code -----BEGIN type-----} blocks, in order. */
  private static List<String> pemBlocks(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = pem.indexOf(begin, from);
      if (start < 0) {
        return blocks;
      }
      int stop = pem.indexOf(end, start);
      if (stop < 0) {
        throw new ConfigException("unterminated PEM block " + begin);
      }
      blocks.add(pem.substring(start + begin.length(), stop).trim());
      from = stop + end.length();
    }
  }
}
