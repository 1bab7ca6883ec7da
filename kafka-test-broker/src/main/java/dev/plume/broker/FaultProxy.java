package dev.plume.broker;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of one broker listener, which reads the Kafka framing
 * (4-byte size, then the request or response) so it can inject faults at request granularity. Run
 * it in the test's own JVM; point a broker listener's advertised address at {@link #port()} (see
 * {@link ClusterSpec#withProxiedListener}) so every client connection, including those opened from
 * metadata, passes through it.
 *
 * <p>Faults: {@link #loseResponses} lets the broker handle the next requests of an API (it writes
 * what they carry) but resets the connection instead of passing the answer on, the way a dying
 * network or load balancer does; {@link #resetAll} resets every open connection now.
 */
public final class FaultProxy implements AutoCloseable {

  private static final int MAX_FRAME_BYTES = 100 * 1024 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicInteger> responsesToLose = new ConcurrentHashMap<>();
  private final AtomicLong lostResponses = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, InetSocketAddress upstream) {
    this.server = server;
    this.upstream = upstream;
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** Starts a proxy on a free loopback port, forwarding to {@code upstreamPort} on loopback. */
  public static FaultProxy start(int upstreamPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      return new FaultProxy(
          server, new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code host:port} of the proxy, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return BrokerConfigs.HOST + ":" + port();
  }

  /**
   * The broker handles the next {@code count} requests of Kafka API {@code apiKey} (e.g. 0 for
   * Produce) as usual, but each of their responses is swallowed and the connection reset (RST) in
   * its place. Counts add up.
   */
  public void loseResponses(int apiKey, int count) {
    responsesToLose.computeIfAbsent(apiKey, k -> new AtomicInteger()).addAndGet(count);
  }

  /** How many responses of {@code apiKey} are still to be lost. */
  public int responsesStillToLose(int apiKey) {
    AtomicInteger left = responsesToLose.get(apiKey);
    return left == null ? 0 : Math.max(0, left.get());
  }

  /** Responses swallowed so far. */
  public long lostResponses() {
    return lostResponses.get();
  }

  /** Client connections accepted so far. */
  public long connectionsAccepted() {
    return connections.get();
  }

  /** Resets (RST) every open connection, both sides. */
  public void resetAll() {
    for (Link link : links) {
      link.reset();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    resetAll();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      Socket broker = new Socket();
      try {
        broker.connect(upstream, 10_000);
      } catch (IOException e) {
        closeQuietly(client); // the broker is down: the client sees the connection drop
        closeQuietly(broker);
        continue;
      }
      Link link = new Link(client, broker);
      links.add(link);
      link.start();
    }
  }

  private boolean takeLoss(int apiKey) {
    AtomicInteger left = responsesToLose.get(apiKey);
    while (left != null) {
      int n = left.get();
      if (n <= 0) {
        return false;
      }
      if (left.compareAndSet(n, n - 1)) {
        lostResponses.incrementAndGet();
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** One client connection and its broker connection, with a pump thread per direction. */
  private final class Link {
    private final Socket client;
    private final Socket broker;
    // correlation id -> api key of requests forwarded and not yet answered
    private final Map<Integer, Integer> pending = new ConcurrentHashMap<>();
    private volatile boolean done;

    Link(Socket client, Socket broker) {
      this.client = client;
      this.broker = broker;
    }

    void start() {
      Thread up = new Thread(this::pumpRequests, "fault-proxy-up-" + client.getPort());
      Thread down = new Thread(this::pumpResponses, "fault-proxy-down-" + client.getPort());
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    }

    private void pumpRequests() {
      try (DataInputStream in = new DataInputStream(client.getInputStream())) {
        OutputStream out = broker.getOutputStream();
        while (!done) {
          byte[] frame = readFrame(in);
          // Request header: api key (2 bytes), api version (2), correlation id (4).
          int apiKey = ((frame[4] & 0xff) << 8) | (frame[5] & 0xff);
          int correlationId = readInt(frame, 8);
          pending.put(correlationId, apiKey);
          out.write(frame);
          out.flush();
        }
      } catch (IOException e) {
        reset();
      }
    }

    private void pumpResponses() {
      try (DataInputStream in = new DataInputStream(broker.getInputStream())) {
        OutputStream out = client.getOutputStream();
        while (!done) {
          byte[] frame = readFrame(in);
          Integer apiKey = pending.remove(readInt(frame, 4));
          if (apiKey != null && takeLoss(apiKey)) {
            reset();
            return;
          }
          out.write(frame);
          out.flush();
        }
      } catch (IOException e) {
        reset();
      }
    }

    /** A whole frame, size prefix included. */
    private byte[] readFrame(DataInputStream in) throws IOException {
      int size = in.readInt();
      if (size < 8 || size > MAX_FRAME_BYTES) {
        throw new IOException("not a Kafka frame (size " + size + ")");
      }
      byte[] frame = new byte[4 + size];
      frame[0] = (byte) (size >>> 24);
      frame[1] = (byte) (size >>> 16);
      frame[2] = (byte) (size >>> 8);
      frame[3] = (byte) size;
      in.readFully(frame, 4, size);
      return frame;
    }

    void reset() {
      if (done) {
        return;
      }
      done = true;
      links.remove(this);
      for (Socket s : new Socket[] {client, broker}) {
        try {
          s.setSoLinger(true, 0); // close sends RST, not FIN
        } catch (SocketException ignored) {
          // already closed
        }
        closeQuietly(s);
      }
    }
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
