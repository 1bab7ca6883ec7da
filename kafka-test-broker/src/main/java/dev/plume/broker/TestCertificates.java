package dev.plume.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away PKI made with the JDK's keytool: a CA, a broker certificate whose only SAN is
 * DNS:localhost (so 127.0.0.1 does not match it), a client certificate for mTLS, and a trust store
 * holding the CA. Every store is PKCS12 with the same password. For tests of TLS listeners (see
 * {@link ClusterSpec#withListener}); not for production use.
 */
public final class TestCertificates {

  public static final String PASSWORD = "test-store-secret";

  public final Path dir;
  public final Path truststore;
  public final Path brokerKeystore;
  public final Path clientKeystore;
  public final Path caPem;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.truststore = dir.resolve("truststore.p12");
    this.brokerKeystore = dir.resolve("broker.p12");
    this.clientKeystore = dir.resolve("client.p12");
    this.caPem = dir.resolve("ca.pem");
  }

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    TestCertificates c = new TestCertificates(dir);
    Path ca = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=plume-test-ca",
        "-ext",
        "bc:c",
        "-validity",
        "3",
        "-keystore",
        ca.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        c.caPem.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        c.caPem.toString(),
        "-keystore",
        c.truststore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    c.signed(ca, c.brokerKeystore, "broker", "CN=localhost", "SAN=dns:localhost");
    c.signed(ca, c.clientKeystore, "client", "CN=plume-client", null);
    return c;
  }

  /** A key pair in {@code store} whose certificate the CA signed. */
  private void signed(Path ca, Path store, String alias, String dname, String ext)
      throws IOException, InterruptedException {
    keytool(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        dname,
        "-validity",
        "3",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Path csr = dir.resolve(alias + ".csr");
    Path crt = dir.resolve(alias + ".crt");
    keytool(
        "-certreq",
        "-alias",
        alias,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        csr.toString());
    List<String> gencert =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASSWORD,
                "-infile",
                csr.toString(),
                "-outfile",
                crt.toString(),
                "-rfc",
                "-validity",
                "3"));
    if (ext != null) {
      gencert.add("-ext");
      gencert.add(ext);
    }
    keytool(gencert.toArray(String[]::new));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        crt.toString(),
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }

  public static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
