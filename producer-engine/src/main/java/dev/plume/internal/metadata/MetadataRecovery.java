package dev.plume.internal.metadata;

import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.MetadataResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps metadata reachable, as kafka-clients 4.1 does: picks the node for a Metadata request,
 * rebootstraps (metadata.recovery.strategy=rebootstrap, KIP-899) when every known broker is
 * unavailable, when no refresh has succeeded for metadata.recovery.rebootstrap.trigger.ms, or when
 * a broker answers REBOOTSTRAP_REQUIRED (KIP-1102); with {@code none} it only ever asks the brokers
 * it knows. It also asks for a refresh whenever a connection was lost, so that an idle producer
 * keeps probing (within the reconnect backoff) and notices a broker coming back without any send.
 *
 * <p>Sender thread only.
 */
final class MetadataRecovery {

  private static final Logger log = LoggerFactory.getLogger(MetadataRecovery.class);

  private final String clientId;
  private final NetworkClient client;
  private final ProducerMetadata metadata;
  private long connectionsClosedSeen;

  MetadataRecovery(String clientId, NetworkClient client, ProducerMetadata metadata) {
    this.clientId = clientId;
    this.client = client;
    this.metadata = metadata;
  }

  /** Start of each round. */
  void maybeRecover(long nowMs) {
    long closed = client.stats().connectionsClosed();
    if (closed != connectionsClosedSeen) {
      // A lost connection may mean a broker went away or a leader moved: look again, and keep
      // looking (each failed attempt re-requests) until a broker answers.
      connectionsClosedSeen = closed;
      metadata.requestUpdate();
    }
    if (metadata.rebootstrapDue(nowMs)) {
      List<Node> known = List.copyOf(metadata.snapshot().nodes().values());
      log.info(
          "Producer {}: no metadata for longer than metadata.recovery.rebootstrap.trigger.ms, or"
              + " the cluster asked for it; disconnecting from {} and rebootstrapping with {}",
          clientId,
          known,
          metadata.bootstrapNodes());
      for (Node node : known) {
        client.disconnect(node.id());
      }
      metadata.rebootstrap(nowMs);
    }
  }

  /**
   * The node to send a Metadata request to, or null when every candidate is backing off. With the
   * rebootstrap strategy, an unavailable cluster is replaced by the bootstrap addresses first.
   */
  Node metadataNode(long nowMs) {
    Node node = client.leastLoadedNode(metadata.knownNodesOrBootstrap(), nowMs);
    if (node == null && metadata.rebootstrapEnabled() && !metadata.snapshot().nodes().isEmpty()) {
      log.info(
          "Producer {}: every known broker is unavailable; rebootstrapping with {}",
          clientId,
          metadata.bootstrapNodes());
      metadata.rebootstrap(nowMs);
      node = client.leastLoadedNode(metadata.knownNodesOrBootstrap(), nowMs);
    }
    return node;
  }

  /**
   * Whether the response may update the metadata: not when it asks for a rebootstrap (which then
   * happens next round) or names no broker.
   */
  boolean acceptMetadata(MetadataResponse body, long nowMs) {
    if (Errors.REBOOTSTRAP_REQUIRED.is(body.errorCode())) {
      if (metadata.rebootstrapEnabled()) {
        log.info("Producer {}: rebootstrap requested by the cluster", clientId);
        metadata.onRebootstrapRequired();
      }
      metadata.onRefreshFailed(nowMs);
      return false;
    }
    if (body.brokers().isEmpty()) {
      metadata.onRefreshFailed(nowMs);
      return false;
    }
    return true;
  }
}
