package dev.plume.network;

import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SaslConfig;
import dev.plume.security.SaslClientFactory;
import dev.plume.security.SaslMechanismClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * A plaintext or TLS transport plus the SASL mechanism to run over it: the bytes flow unchanged,
 * and the network client runs the SaslHandshake / SaslAuthenticate exchange after ApiVersions.
 */
final class SaslTransport implements Transport {

  private final Transport inner;
  private final SaslClientFactory clients;
  private SaslMechanismClient sasl;

  SaslTransport(Transport inner, SaslConfig config, OAuthBearerTokenProvider tokens) {
    this.inner = inner;
    this.clients = new SaslClientFactory(config, tokens);
    this.sasl = clients.newClient();
  }

  @Override
  public SaslMechanismClient sasl() {
    return sasl;
  }

  @Override
  public void resetSasl() {
    // SCRAM clients are single-use (nonces); a re-authentication starts a new exchange.
    sasl = clients.newClient();
  }

  @Override
  public boolean connect(InetSocketAddress address) throws IOException {
    return inner.connect(address);
  }

  @Override
  public boolean finishConnect() throws IOException {
    return inner.finishConnect();
  }

  @Override
  public boolean handshake() throws IOException {
    return inner.handshake();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return inner.read(dst);
  }

  @Override
  public long write(ByteBuffer[] srcs) throws IOException {
    return inner.write(srcs);
  }

  @Override
  public boolean hasPendingWrites() {
    return inner.hasPendingWrites();
  }

  @Override
  public boolean hasBufferedReads() {
    return inner.hasBufferedReads();
  }

  @Override
  public boolean wantsWrite() {
    return inner.wantsWrite();
  }

  @Override
  public SelectableChannel channel() {
    return inner.channel();
  }

  @Override
  public void close() {
    inner.close();
  }
}
