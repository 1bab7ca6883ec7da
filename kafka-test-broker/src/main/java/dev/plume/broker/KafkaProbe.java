package dev.plume.broker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks a broker, over a raw socket, whether it serves requests: a broker is ready when it answers
 * ApiVersions and, in its Metadata answer, lists itself as a live (unfenced) broker. Uses only
 * versions every broker from 3.0 to 4.x accepts (ApiVersions v0, Metadata v4), so it needs no
 * version negotiation.
 */
final class KafkaProbe {

  private static final short API_VERSIONS = 18;
  private static final short METADATA = 3;
  private static final byte[] CLIENT_ID = "plume-probe".getBytes(StandardCharsets.UTF_8);

  private KafkaProbe() {}

  /**
   * The ids of the live brokers this broker knows, or an empty set when it is not (yet) answering.
   */
  static Set<Integer> liveBrokerIds(String host, int port, int timeoutMs) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());

      send(out, API_VERSIONS, (short) 0, 1, new byte[0]);
      ByteBuffer apiVersions = receive(in, 1);
      if (apiVersions.getShort() != 0) {
        return Set.of();
      }
      // Metadata v4 body: empty topic array (= no topics), allow_auto_topic_creation=false.
      send(out, METADATA, (short) 4, 2, new byte[] {0, 0, 0, 0, 0});
      ByteBuffer metadata = receive(in, 2);
      metadata.getInt(); // throttle_time_ms
      int brokers = metadata.getInt();
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < brokers; i++) {
        ids.add(metadata.getInt());
        skipString(metadata); // host
        metadata.getInt(); // port
        skipString(metadata); // rack (nullable)
      }
      return ids;
    } catch (IOException | RuntimeException e) {
      // Refused, reset, timed out or half-started: all mean "not ready yet".
      return Set.of();
    }
  }

  private static void send(
      DataOutputStream out, short apiKey, short apiVersion, int correlationId, byte[] body)
      throws IOException {
    // Request header v1: api_key, api_version, correlation_id, client_id (nullable string).
    int size = 2 + 2 + 4 + 2 + CLIENT_ID.length + body.length;
    out.writeInt(size);
    out.writeShort(apiKey);
    out.writeShort(apiVersion);
    out.writeInt(correlationId);
    out.writeShort(CLIENT_ID.length);
    out.write(CLIENT_ID);
    out.write(body);
    out.flush();
  }

  /** Reads one response and returns its body, positioned after the v0 response header. */
  private static ByteBuffer receive(DataInputStream in, int expectedCorrelationId)
      throws IOException {
    int size = in.readInt();
    if (size < 4 || size > 1 << 20) {
      throw new IOException("implausible response size " + size);
    }
    byte[] bytes = new byte[size];
    in.readFully(bytes);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int correlationId = buffer.getInt();
    if (correlationId != expectedCorrelationId) {
      throw new IOException("unexpected correlation id " + correlationId);
    }
    return buffer;
  }

  private static void skipString(ByteBuffer buffer) {
    short length = buffer.getShort();
    if (length > 0) {
      buffer.position(buffer.position() + length);
    }
  }
}
