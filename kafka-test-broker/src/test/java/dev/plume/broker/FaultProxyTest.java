package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.broker.FaultProxy.Direction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy in front of a stand-in broker that answers every request frame with a response frame
 * carrying the same correlation id and a 1,000-byte body. No Kafka needed.
 */
class FaultProxyTest {

  private static final int PRODUCE = 0;
  private static final int METADATA = 3;

  /** How long a test waits to see that nothing arrives (absence cannot be proven sooner). */
  private static final int QUIET_MS = 300;

  private EchoBroker broker;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    broker = new EchoBroker();
    proxy = FaultProxy.start(broker.port());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    broker.close();
  }

  @Test
  void framesPassThroughInOrder() throws IOException {
    try (Client c = new Client()) {
      c.send(PRODUCE, 1);
      c.send(METADATA, 2);
      assertThat(c.receive()).isEqualTo(1);
      assertThat(c.receive()).isEqualTo(2);
    }
    assertThat(broker.requests.get()).isEqualTo(2);
  }

  @Test
  void aLostResponseResetsTheConnectionAfterTheBrokerGotTheRequest() throws IOException {
    proxy.loseResponses(PRODUCE, 1);
    try (Client c = new Client()) {
      c.send(METADATA, 1);
      assertThat(c.receive()).isEqualTo(1); // other APIs pass
      c.send(PRODUCE, 2);
      assertThatThrownBy(c::receive).isInstanceOf(IOException.class);
    }
    assertThat(broker.requests.get()).isEqualTo(2);
    assertThat(proxy.lostResponses()).isEqualTo(1);
    try (Client c = new Client()) { // only one was to be lost
      c.send(PRODUCE, 3);
      assertThat(c.receive()).isEqualTo(3);
    }
  }

  @Test
  void aCutResponseStopsInTheMiddleOfItsFrame() throws IOException {
    proxy.cutResponses(1);
    try (Client c = new Client()) {
      c.send(PRODUCE, 1);
      int size = c.in.readInt();
      byte[] rest = new byte[size];
      assertThatThrownBy(() -> c.in.readFully(rest)).isInstanceOf(IOException.class);
    }
    assertThat(proxy.cutResponseCount()).isEqualTo(1);
  }

  @Test
  void aStallHoldsEveryByteUntilItEnds() throws IOException {
    try (Client c = new Client()) {
      proxy.stall(true);
      c.send(PRODUCE, 1);
      assertThatThrownBy(() -> c.receiveWithin(QUIET_MS))
          .isInstanceOf(SocketTimeoutException.class);
      proxy.stall(false);
      assertThat(c.receive()).isEqualTo(1); // the connection survived
    }
  }

  @Test
  void halfOpenDropsOneDirectionAndKeepsTheConnection() throws IOException {
    try (Client c = new Client()) {
      proxy.halfOpen(Direction.TO_CLIENT, true);
      c.send(PRODUCE, 1);
      assertThatThrownBy(() -> c.receiveWithin(QUIET_MS))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(broker.requests.get()).isEqualTo(1); // the request got there
      proxy.halfOpen(Direction.TO_CLIENT, false);
      c.send(PRODUCE, 2);
      assertThat(c.receive()).isEqualTo(2); // 1's answer is gone for good
    }
  }

  @Test
  void latencyHoldsEachFrameAtLeastThatLong() throws IOException {
    proxy.latency(Direction.TO_CLIENT, Duration.ofMillis(200));
    try (Client c = new Client()) {
      long startNs = System.nanoTime();
      c.send(PRODUCE, 1);
      assertThat(c.receive()).isEqualTo(1);
      assertThat((System.nanoTime() - startNs) / 1_000_000).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void refusedConnectionsNeverReachTheBrokerAndResetAllCutsOpenOnes() throws IOException {
    try (Client open = new Client()) {
      open.send(PRODUCE, 1);
      assertThat(open.receive()).isEqualTo(1); // accepted before the refusing starts
      proxy.refuseConnections(true);
      try (Client refused = new Client()) {
        assertThatThrownBy(
                () -> {
                  refused.send(PRODUCE, 1);
                  refused.receive();
                })
            .isInstanceOf(IOException.class);
      }
      assertThat(proxy.connectionsRefused()).isEqualTo(1);
      assertThat(broker.connections.get()).isEqualTo(1);
      proxy.resetAll();
      assertThatThrownBy(
              () -> {
                open.send(PRODUCE, 2);
                open.receive();
              })
          .isInstanceOf(IOException.class);
    }
  }

  /** A plain blocking client speaking the framing. */
  private final class Client implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    Client() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
      socket.setSoTimeout(QUIET_MS);
      in = new DataInputStream(socket.getInputStream());
      out = new DataOutputStream(socket.getOutputStream());
    }

    void send(int apiKey, int correlationId) throws IOException {
      out.writeInt(12);
      out.writeShort(apiKey);
      out.writeShort(0);
      out.writeInt(correlationId);
      out.writeInt(0);
      out.flush();
    }

    /** The correlation id of the next response (a loaded machine may take seconds to relay it). */
    int receive() throws IOException {
      return receiveWithin(5_000);
    }

    /** The correlation id of a response that starts within {@code timeoutMs}. */
    int receiveWithin(int timeoutMs) throws IOException {
      socket.setSoTimeout(timeoutMs);
      int size = in.readInt();
      byte[] body = new byte[size];
      socket.setSoTimeout(5_000); // once it started, the rest comes
      in.readFully(body);
      return ByteBuffer.wrap(body).getInt();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Answers each request frame with its correlation id and 1,000 bytes. */
  private static final class EchoBroker implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();

    EchoBroker() throws IOException {
      Thread t = new Thread(this::accept, "echo-broker");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (true) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> serve(s), "echo-broker-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s;
          DataInputStream in = new DataInputStream(s.getInputStream());
          DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
        while (true) {
          byte[] frame = new byte[in.readInt()];
          in.readFully(frame);
          requests.incrementAndGet();
          out.writeInt(4 + 1000);
          out.writeInt(ByteBuffer.wrap(frame).getInt(4));
          out.write(new byte[1000]);
          out.flush();
        }
      } catch (IOException e) {
        // connection over
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
