package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.security.SslEngineFactory;
import dev.plume.producer.security.SslConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS transport against the JDK's blocking TLS server socket (an independent implementation),
 * over loopback, with small receive buffers so reads and writes are partial.
 */
class SslTransportTest {

  private static final String PASSWORD = "unit-secret";

  private Path dir;
  private Path serverStore;
  private Path trustStore;
  private ExecutorService server;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("plume-ssl-unit");
    serverStore = dir.resolve("server.p12");
    trustStore = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        serverStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Path cert = dir.resolve("server.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        cert.toString(),
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    server = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdownNow();
    server.awaitTermination(10, TimeUnit.SECONDS);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void echoesAMegabyteThroughPartialReadsAndWrites(String protocol) throws Exception {
    SSLServerSocket listener = serverSocket();
    int size = 1 << 20;
    CompletableFuture<Void> echo =
        CompletableFuture.runAsync(
            () -> {
              try (SSLSocket socket = (SSLSocket) listener.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[7_000];
                int total = 0;
                while (total < size) {
                  int n = in.read(buffer);
                  out.write(buffer, 0, n);
                  total += n;
                }
                out.flush();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                closeQuietly(listener);
              }
            },
            server);
    byte[] payload = new byte[size];
    new Random(42).nextBytes(payload);
    SslConfig config = clientConfig(Map.of("ssl.enabled.protocols", protocol));
    try (SslTransport transport = open(config, "localhost");
        Selector selector = Selector.open()) {
      transport.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()));
      SelectionKey key = transport.channel().register(selector, SelectionKey.OP_CONNECT);
      while (!transport.finishConnect()) {
        selector.select(1000);
      }
      while (!transport.handshake()) {
        key.interestOps(
            SelectionKey.OP_READ | (transport.wantsWrite() ? SelectionKey.OP_WRITE : 0));
        selector.select(1000);
        selector.selectedKeys().clear();
      }
      ByteBuffer out = ByteBuffer.wrap(payload);
      // Small reads: decrypted bytes must wait inside the transport between them.
      ByteBuffer in = ByteBuffer.allocate(size);
      ByteBuffer chunk = ByteBuffer.allocate(1000);
      while (in.hasRemaining()) {
        if (out.hasRemaining() || transport.hasPendingWrites()) {
          transport.write(new ByteBuffer[] {out});
        }
        chunk.clear();
        int n = transport.read(chunk);
        assertThat(n).isNotNegative();
        in.put(chunk.flip());
        if (n == 0 && !transport.hasBufferedReads()) {
          key.interestOps(
              SelectionKey.OP_READ | (transport.wantsWrite() ? SelectionKey.OP_WRITE : 0));
          selector.select(1000);
          selector.selectedKeys().clear();
        }
      }
      assertThat(in.array()).isEqualTo(payload);
      echo.get(30, TimeUnit.SECONDS);
      // The server closed after echoing: its close_notify reads as end of stream.
      int last = 0;
      while (last == 0) {
        selector.select(1000);
        selector.selectedKeys().clear();
        last = transport.read(chunk.clear());
      }
      assertThat(last).isEqualTo(-1);
    }
  }

  @Test
  void aCertificateNotMatchingTheHostFailsTheHandshake() throws Exception {
    SSLServerSocket listener = serverSocket();
    server.submit(
        () -> {
          try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.startHandshake();
          } catch (Exception expected) {
            // the client refuses us
          } finally {
            closeQuietly(listener);
          }
        });
    try (SslTransport transport = open(clientConfig(Map.of()), "broker.example.com");
        Selector selector = Selector.open()) {
      transport.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()));
      SelectionKey key = transport.channel().register(selector, SelectionKey.OP_CONNECT);
      while (!transport.finishConnect()) {
        selector.select(1000);
      }
      assertThatThrownBy(
              () -> {
                while (!transport.handshake()) {
                  key.interestOps(
                      SelectionKey.OP_READ | (transport.wantsWrite() ? SelectionKey.OP_WRITE : 0));
                  selector.select(1000);
                  selector.selectedKeys().clear();
                }
              })
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("broker.example.com");
    }
  }

  private SslConfig clientConfig(Map<String, String> extra) {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put("ssl.truststore.type", "PKCS12");
    config.put("ssl.truststore.location", trustStore.toString());
    config.put("ssl.truststore.password", PASSWORD);
    config.putAll(extra);
    return SslConfig.parse(config);
  }

  private static SslTransport open(SslConfig config, String host) throws Exception {
    NetworkConfig network =
        new NetworkConfig("t", 5, 30_000, 50, 1000, 10_000, 30_000, -1, 4096, 4096, 1 << 20, true);
    return new SslTransport(
        PlaintextTransport.open(network), new SslEngineFactory(config).createEngine(host, 0));
  }

  private SSLServerSocket serverSocket() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    socket.setReceiveBufferSize(4096);
    return socket;
  }

  private static void closeQuietly(SSLServerSocket socket) {
    try {
      socket.close();
    } catch (Exception ignored) {
      // test teardown
    }
  }

  private static void keytool(String... args) throws Exception {
    var command = new java.util.ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
