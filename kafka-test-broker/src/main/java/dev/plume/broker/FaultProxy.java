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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on a loopback port in front of one broker listener. It reads the Kafka framing
 * (4-byte size, then the request or response), so faults hit whole requests and responses. Run it
 * in the test's own JVM; point a broker listener's advertised address at {@link #port()} (see
 * {@link ClusterSpec#withProxiedListener}) so every client connection, including those opened from
 * metadata, passes through it. Inter-broker traffic does not use it.
 *
 * <p>Faults, each switched on and off at run time (from any thread):
 *
 * <ul>
 *   <li>{@link #latency}: each frame is held for a time per direction (pipelining is kept).
 *   <li>{@link #bandwidth}: at most so many bytes per second per connection and direction.
 *   <li>{@link #stall}: connections stay open but no byte moves, either way.
 *   <li>{@link #halfOpen}: the bytes of one direction vanish; the connection stays open.
 *   <li>{@link #resetAll}: every open connection is reset (RST), both sides.
 *   <li>{@link #refuseConnections}: new connections are accepted and reset at once.
 *   <li>{@link #loseResponses}: the broker handles the next requests of an API (it writes what they
 *       carry) but the connection is reset instead of passing the answer on.
 *   <li>{@link #cutResponses}: the next responses are cut in the middle of their frame, then the
 *       connection is reset.
 *   <li>{@link #clear}: everything back to normal.
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

  /** Direction of traffic through the proxy. */
  public enum Direction {
    /** Client to broker: requests. */
    TO_BROKER,
    /** Broker to client: responses. */
    TO_CLIENT
  }

  private static final int MAX_FRAME_BYTES = 100 * 1024 * 1024;
  private static final long PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(2);

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Map<Integer, AtomicInteger> responsesToLose = new ConcurrentHashMap<>();
  private final AtomicInteger responsesToCut = new AtomicInteger();
  private final AtomicLong lostResponses = new AtomicLong();
  private final AtomicLong cutResponses = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong refusedConnections = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private volatile long toBrokerLatencyNs;
  private volatile long toClientLatencyNs;
  private volatile long bytesPerSecond; // 0: unlimited
  private volatile boolean stalled;
  private volatile boolean dropToBroker;
  private volatile boolean dropToClient;
  private volatile boolean refusing;

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

  // ---------------------------------------------------------------- faults

  /** Holds each frame going in {@code direction} for {@code delay} (zero: none). */
  public FaultProxy latency(Direction direction, Duration delay) {
    if (direction == Direction.TO_BROKER) {
      toBrokerLatencyNs = delay.toNanos();
    } else {
      toClientLatencyNs = delay.toNanos();
    }
    return this;
  }

  /** At most {@code bytesPerSecond} per connection and direction (0: unlimited). */
  public FaultProxy bandwidth(long bytesPerSecond) {
    this.bytesPerSecond = Math.max(0, bytesPerSecond);
    return this;
  }

  /** true: no byte moves in either direction, connections stay open; false: traffic resumes. */
  public FaultProxy stall(boolean on) {
    this.stalled = on;
    return this;
  }

  /** true: what goes in {@code direction} vanishes, the connection stays open. */
  public FaultProxy halfOpen(Direction direction, boolean on) {
    if (direction == Direction.TO_BROKER) {
      dropToBroker = on;
    } else {
      dropToClient = on;
    }
    return this;
  }

  /** true: new connections are reset as soon as they are accepted. */
  public FaultProxy refuseConnections(boolean on) {
    this.refusing = on;
    return this;
  }

  /**
   * The broker handles the next {@code count} requests of Kafka API {@code apiKey} (e.g. 0 for
   * Produce) as usual, but each of their responses is swallowed and the connection reset (RST) in
   * its place. Counts add up.
   */
  public FaultProxy loseResponses(int apiKey, int count) {
    responsesToLose.computeIfAbsent(apiKey, k -> new AtomicInteger()).addAndGet(count);
    return this;
  }

  /** The next {@code count} responses (any API) stop in the middle of their frame, then RST. */
  public FaultProxy cutResponses(int count) {
    responsesToCut.addAndGet(count);
    return this;
  }

  /** Resets (RST) every open connection, both sides. */
  public FaultProxy resetAll() {
    for (Link link : links) {
      link.reset();
    }
    return this;
  }

  /** Ends every fault: no latency, no cap, no stall, nothing dropped, refused, lost or cut. */
  public FaultProxy clear() {
    toBrokerLatencyNs = 0;
    toClientLatencyNs = 0;
    bytesPerSecond = 0;
    stalled = false;
    dropToBroker = false;
    dropToClient = false;
    refusing = false;
    responsesToLose.clear();
    responsesToCut.set(0);
    return this;
  }

  // ---------------------------------------------------------------- counters

  /** How many responses of {@code apiKey} are still to be lost. */
  public int responsesStillToLose(int apiKey) {
    AtomicInteger left = responsesToLose.get(apiKey);
    return left == null ? 0 : Math.max(0, left.get());
  }

  /** Responses swallowed so far ({@link #loseResponses}). */
  public long lostResponses() {
    return lostResponses.get();
  }

  /** Responses cut in the middle so far ({@link #cutResponses}). */
  public long cutResponseCount() {
    return cutResponses.get();
  }

  /** Client connections accepted so far (refused ones included). */
  public long connectionsAccepted() {
    return connections.get();
  }

  /** Client connections reset at once while refusing. */
  public long connectionsRefused() {
    return refusedConnections.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return links.size();
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

  // ---------------------------------------------------------------- plumbing

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      if (refusing) {
        refusedConnections.incrementAndGet();
        reset(client);
        continue;
      }
      Socket broker = new Socket();
      try {
        broker.connect(upstream, 10_000);
        broker.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
      } catch (IOException e) {
        reset(client); // the broker is down: the client sees the connection drop
        closeQuietly(broker);
        continue;
      }
      Link link = new Link(client, broker);
      links.add(link);
      link.start();
    }
  }

  private static boolean take(AtomicInteger counter) {
    while (counter != null) {
      int n = counter.get();
      if (n <= 0) {
        return false;
      }
      if (counter.compareAndSet(n, n - 1)) {
        return true;
      }
    }
    return false;
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0); // close sends RST, not FIN
    } catch (SocketException ignored) {
      // already closed
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  /** A whole frame, size prefix included, and when it arrived. */
  private record Frame(byte[] bytes, long arrivedNs) {}

  /**
   * One client connection and its broker connection: per direction a reader thread that cuts the
   * stream into frames and a writer thread that applies the faults, so latency delays frames
   * without serializing them.
   */
  private final class Link {
    private final Socket client;
    private final Socket broker;
    // correlation id -> api key of requests forwarded and not yet answered
    private final Map<Integer, Integer> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Frame> toBroker = new LinkedBlockingQueue<>();
    private final BlockingQueue<Frame> toClient = new LinkedBlockingQueue<>();
    private volatile boolean done;

    Link(Socket client, Socket broker) {
      this.client = client;
      this.broker = broker;
    }

    void start() {
      int id = client.getPort();
      thread("read-up-" + id, () -> read(client, toBroker, true));
      thread("read-down-" + id, () -> read(broker, toClient, false));
      thread("write-up-" + id, () -> write(toBroker, broker, Direction.TO_BROKER));
      thread("write-down-" + id, () -> write(toClient, client, Direction.TO_CLIENT));
    }

    private void thread(String name, Runnable body) {
      Thread t = new Thread(body, "fault-proxy-" + name);
      t.setDaemon(true);
      t.start();
    }

    private void read(Socket from, BlockingQueue<Frame> queue, boolean requests) {
      try (DataInputStream in = new DataInputStream(from.getInputStream())) {
        while (!done) {
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
          if (requests) {
            // Request header: api key (2 bytes), api version (2), correlation id (4).
            pending.put(readInt(frame, 8), ((frame[4] & 0xff) << 8) | (frame[5] & 0xff));
          }
          queue.add(new Frame(frame, System.nanoTime()));
        }
      } catch (IOException e) {
        reset();
      }
    }

    private void write(BlockingQueue<Frame> queue, Socket to, Direction direction) {
      try {
        OutputStream out = to.getOutputStream();
        while (!done) {
          Frame frame = queue.poll(50, TimeUnit.MILLISECONDS);
          if (frame == null) {
            continue;
          }
          long latencyNs = direction == Direction.TO_BROKER ? toBrokerLatencyNs : toClientLatencyNs;
          waitUntil(frame.arrivedNs() + latencyNs);
          while (stalled && !done) {
            LockSupport.parkNanos(PAUSE_NS);
          }
          if (direction == Direction.TO_BROKER ? dropToBroker : dropToClient) {
            continue; // half-open: the bytes vanish
          }
          byte[] bytes = frame.bytes();
          if (direction == Direction.TO_CLIENT) {
            Integer apiKey = pending.remove(readInt(bytes, 4));
            if (apiKey != null && take(responsesToLose.get(apiKey))) {
              lostResponses.incrementAndGet();
              reset();
              return;
            }
            if (take(responsesToCut)) {
              cutResponses.incrementAndGet();
              send(out, bytes, bytes.length / 2);
              reset();
              return;
            }
          }
          send(out, bytes, bytes.length);
        }
      } catch (IOException e) {
        reset();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reset();
      }
    }

    /** Writes {@code length} bytes, in slices paced to the bandwidth cap when one is set. */
    private void send(OutputStream out, byte[] bytes, int length) throws IOException {
      int at = 0;
      while (at < length) {
        long cap = bytesPerSecond;
        int slice = cap == 0 ? length - at : (int) Math.max(1, Math.min(length - at, cap / 100));
        long startNs = System.nanoTime();
        out.write(bytes, at, slice);
        out.flush();
        at += slice;
        if (cap > 0) {
          waitUntil(startNs + slice * 1_000_000_000L / cap);
        }
      }
    }

    private void waitUntil(long deadlineNs) {
      long now;
      while (!done && (now = System.nanoTime()) < deadlineNs) {
        LockSupport.parkNanos(Math.min(deadlineNs - now, TimeUnit.MILLISECONDS.toNanos(10)));
      }
    }

    void reset() {
      if (done) {
        return;
      }
      done = true;
      links.remove(this);
      FaultProxy.reset(client);
      FaultProxy.reset(broker);
    }
  }
}
