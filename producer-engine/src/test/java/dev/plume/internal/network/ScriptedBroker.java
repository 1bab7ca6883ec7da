package dev.plume.internal.network;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestHeader;
import dev.plume.internal.protocol.ResponseHeader;
import dev.plume.internal.protocol.ResponseMessage;
import dev.plume.internal.protocol.message.ApiVersionsRequest;
import dev.plume.internal.protocol.message.ApiVersionsResponse;
import dev.plume.internal.protocol.message.FakeBrokerDecoders;
import dev.plume.internal.protocol.message.FakeBrokerEncoders;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake broker on a loopback port that the test drives step by step from its own thread: accept a
 * connection, read one request frame, write a crafted response (whole, byte by byte, or garbage).
 * Blocking java.net sockets with a 10 s timeout, so a broken test fails instead of hanging; the
 * client under test is non-blocking, so the test alternates {@code client.poll} and broker steps.
 */
final class ScriptedBroker implements AutoCloseable {

  private static final int TIMEOUT_MS = 10_000;

  private final ServerSocket server;
  private final List<Peer> peers = new ArrayList<>();

  ScriptedBroker() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.setSoTimeout(TIMEOUT_MS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  Node node(int id) {
    return new Node(id, "127.0.0.1", port(), null);
  }

  /** Accepts the next connection (the client must have started connecting). */
  Peer accept() {
    try {
      Socket socket = server.accept();
      socket.setSoTimeout(TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      Peer peer = new Peer(socket);
      peers.add(peer);
      return peer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Peer peer : peers) {
      peer.close();
    }
    try {
      server.close();
    } catch (IOException ignored) {
      // test teardown
    }
  }

  /** The ranges a Kafka 4.1 broker advertises for the APIs we speak. */
  static List<ApiVersionRange> kafka41Ranges() {
    List<ApiVersionRange> ranges = new ArrayList<>();
    for (ApiKey key : ApiKey.values()) {
      ranges.add(new ApiVersionRange(key.id(), (short) 0, key.maxVersion()));
    }
    return ranges;
  }

  static ApiVersionsResponse apiVersionsResponse(List<ApiVersionRange> ranges) {
    return new ApiVersionsResponse((short) 0, ranges, 0, List.of(), -1L, List.of(), false);
  }

  /** A request as the broker read it. */
  record Request(RequestHeader header, byte[] body) {

    ProtocolReader bodyReader() {
      return new ProtocolReader(ByteBuffer.wrap(body));
    }

    ApiKey apiKey() {
      return header.apiKey();
    }

    short version() {
      return header.apiVersion();
    }
  }

  /** One accepted connection. */
  static final class Peer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** Reads one request frame (blocking; the client must have written it already). */
    Request readRequest() {
      try {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return parse(frame);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Reads one request frame and returns its bytes (after the size prefix) unparsed. */
    byte[] readRawFrame() {
      try {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Reads one request frame while the client is still writing it: runs {@code pollClient}
     * whenever no byte is available, so a request larger than the socket buffers gets through.
     */
    Request readRequestPumping(Runnable pollClient) {
      try {
        byte[] size = readPumping(4, pollClient);
        int length = ByteBuffer.wrap(size).getInt();
        return parse(readPumping(length, pollClient));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private byte[] readPumping(int length, Runnable pollClient) throws IOException {
      byte[] bytes = new byte[length];
      int done = 0;
      int idleRounds = 0;
      while (done < length) {
        int available = in.available();
        if (available == 0) {
          if (++idleRounds > 10_000) {
            throw new IOException("client stopped writing after " + done + " of " + length);
          }
          pollClient.run();
          continue;
        }
        idleRounds = 0;
        done += in.read(bytes, done, Math.min(available, length - done));
      }
      return bytes;
    }

    private static Request parse(byte[] frame) {
      ProtocolReader reader = new ProtocolReader(ByteBuffer.wrap(frame));
      RequestHeader header = RequestHeader.read(reader);
      byte[] body = new byte[reader.remaining()];
      ByteBuffer.wrap(frame, reader.position(), body.length).get(body);
      return new Request(header, body);
    }

    /** The frame bytes of a response to {@code request}. */
    static byte[] responseFrame(Request request, ResponseMessage body) {
      return responseFrame(
          request.header().correlationId(), request.apiKey(), request.version(), body);
    }

    static byte[] responseFrame(
        int correlationId, ApiKey apiKey, short version, ResponseMessage body) {
      return responseFrame(correlationId, apiKey, version, version, body);
    }

    /** With a body version that may differ from the request's (the ApiVersions v0 fallback). */
    static byte[] responseFrame(
        int correlationId,
        ApiKey apiKey,
        short headerForVersion,
        short bodyVersion,
        ResponseMessage body) {
      ProtocolWriter w = new ProtocolWriter();
      int prefix = w.startSizePrefix();
      new ResponseHeader(correlationId).write(w, apiKey.responseHeaderVersion(headerForVersion));
      FakeBrokerEncoders.write(body, w, bodyVersion);
      w.endSizePrefix(prefix);
      return w.toByteArray();
    }

    void respond(Request request, ResponseMessage body) {
      write(responseFrame(request, body));
    }

    void write(byte[] bytes) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Reads the client's ApiVersions request and answers with {@code ranges}. */
    Request answerApiVersions(List<ApiVersionRange> ranges) {
      Request request = readRequest();
      if (request.apiKey() != ApiKey.API_VERSIONS) {
        throw new AssertionError("expected ApiVersions first, got " + request.header());
      }
      respond(request, apiVersionsResponse(ranges));
      return request;
    }

    ApiVersionsRequest apiVersionsBody(Request request) {
      return FakeBrokerDecoders.readApiVersionsRequest(request.bodyReader(), request.version());
    }

    /**
     * True if the client closed the connection: EOF within the timeout, after skipping whatever the
     * client wrote and the test did not read.
     */
    boolean isClosedByClient() {
      try {
        while (in.read() >= 0) {
          // skip unread request bytes
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset
      }
    }

    InputStream input() {
      return in;
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // test teardown
      }
    }
  }
}
