package dev.plume.internal.metadata;

import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.ClientResponse;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.MetadataRequest;
import dev.plume.internal.protocol.message.MetadataResponse;
import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ProducerMetadata} fresh from the sender thread: sends a Metadata request when one is
 * due (to the node {@link MetadataRecovery} picks, rebootstrapping if needed) and translates the
 * response into a new {@link ClusterSnapshot}. Errors that waiting cannot fix (refused credentials,
 * no common Metadata version) fail metadata waiters here and queued records through the {@link
 * Listener}.
 *
 * <p>Sender thread only.
 */
public final class MetadataUpdater {

  private static final Logger log = LoggerFactory.getLogger(MetadataUpdater.class);
  private static final long MAX_WAIT_MS = 1000;

  /** What the sender does for the updater. Called on the sender thread. */
  public interface Listener {

    /** Every queued record must fail now with {@code error}: waiting cannot help. */
    void failQueued(RuntimeException error);

    /** An error worth reporting in the producer's stats. */
    void onError(String error, long nowMs);

    /** A broker answered a Metadata request. */
    void onResponse(long nowMs);

    /** Whether the producer hit a fatal error: a good refresh then must not clear it. */
    boolean producerFailed();
  }

  private final String clientId;
  private final long retryBackoffMs;
  private final NetworkClient client;
  private final ProducerMetadata metadata;
  private final Listener listener;
  private final MetadataRecovery recovery;
  private boolean requestInFlight;

  public MetadataUpdater(
      String clientId,
      long retryBackoffMs,
      NetworkClient client,
      ProducerMetadata metadata,
      Listener listener) {
    this.clientId = clientId;
    this.retryBackoffMs = retryBackoffMs;
    this.client = client;
    this.metadata = metadata;
    this.listener = listener;
    this.recovery = new MetadataRecovery(clientId, client, metadata);
  }

  /** Start of each round: rebootstrap if due, and refresh after any lost connection. */
  public void maybeRecover(long nowMs) {
    recovery.maybeRecover(nowMs);
  }

  /**
   * Sends a Metadata request if one is due and none is in flight.
   *
   * @return milliseconds until calling again makes sense
   */
  public long maybeUpdate(long nowMs) {
    long dueInMs = metadata.timeToNextUpdateMs(nowMs);
    if (dueInMs > 0 || requestInFlight) {
      return requestInFlight ? MAX_WAIT_MS : dueInMs;
    }
    metadata.onRefreshDue(nowMs);
    Node node = recovery.metadataNode(nowMs);
    if (node == null) {
      // Every node is backing off: if one refused our credentials, say so now.
      metadata.knownNodesOrBootstrap().forEach(this::maybeFailOnAuthentication);
      metadata.bootstrapNodes().forEach(this::maybeFailOnAuthentication);
      return retryBackoffMs;
    }
    NodeOrWait target = NodeOrWait.of(client, node, nowMs, retryBackoffMs, MAX_WAIT_MS);
    if (!target.sendNow()) {
      maybeFailOnAuthentication(node);
      return target.waitMs();
    }
    List<String> topics = new ArrayList<>(metadata.topicsInUse());
    Set<String> requested = Set.copyOf(topics);
    metadata.onRefreshAttempt(nowMs);
    client.send(
        ClientRequest.of(
            node,
            MetadataRequest.forTopicNames(topics),
            MetadataResponse::read,
            response -> onResponse(response, requested)),
        nowMs);
    // Only once the client took it (handlers never run inside send): if send threw, a flag set
    // before would stay true and no metadata request would ever be sent again.
    requestInFlight = true;
    return MAX_WAIT_MS;
  }

  /**
   * A node that refused our credentials or TLS handshake will refuse them again: fail the records
   * and metadata waiters now with that cause rather than at delivery.timeout.ms / max.block.ms. The
   * client keeps retrying in the background; a later success clears the error.
   */
  private void maybeFailOnAuthentication(Node node) {
    if (client.connectionFailed(node)
        && client.connectionFailure(node) instanceof AuthenticationException auth) {
      metadata.failWaiters(auth);
      listener.failQueued(auth);
    }
  }

  private void onResponse(ClientResponse<MetadataResponse> response, Set<String> requested) {
    requestInFlight = false;
    long nowMs = response.receivedTimeMs();
    if (!response.isSuccess()) {
      log.debug("Metadata request to node {} failed: {}", response.nodeId(), response.error());
      metadata.onRefreshFailed(nowMs);
      if (response.error() instanceof UnsupportedVersionException e) {
        // No Metadata version in common: waiting cannot help, so say so now rather than at
        // max.block.ms / delivery.timeout.ms. Later refreshes (e.g. after an upgrade) still run.
        UnsupportedVersionException error =
            new UnsupportedVersionException(
                "Node "
                    + response.nodeId()
                    + " does not support the Metadata versions Plume speaks ("
                    + e.getMessage()
                    + "); Plume needs Kafka 2.1 or newer brokers",
                e);
        log.error("{}: {}", clientId, error.getMessage());
        listener.onError(error.toString(), nowMs);
        metadata.failWaiters(error);
        listener.failQueued(error);
      }
      return;
    }
    listener.onResponse(nowMs);
    MetadataResponse body = response.body();
    if (!recovery.acceptMetadata(body, nowMs)) {
      return;
    }
    if (!listener.producerFailed()) {
      metadata.clearFatalError();
    }
    metadata.update(snapshotOf(body, requested), nowMs);
  }

  /**
   * The cluster as the response describes it. A topic with a retriable error keeps its last known
   * partitions; topics not asked for are carried over while still in use.
   */
  private ClusterSnapshot snapshotOf(MetadataResponse body, Set<String> requested) {
    ProducerMetadata.SnapshotBuilder builder =
        ProducerMetadata.snapshotBuilder().clusterId(body.clusterId());
    for (MetadataResponse.Broker b : body.brokers()) {
      builder.node(new Node(b.nodeId(), b.host(), b.port(), b.rack()));
    }
    for (MetadataResponse.Topic t : body.topics()) {
      if (t.name() == null) {
        continue;
      }
      if (t.errorCode() != 0) {
        builder.topicError(t.name(), t.errorCode());
        if (Errors.forCode(t.errorCode()).retriable()) {
          builder.retainTopic(metadata.snapshot(), t.name());
        }
        continue;
      }
      List<PartitionState> parts = new ArrayList<>(t.partitions().size());
      for (MetadataResponse.Partition p : t.partitions()) {
        parts.add(
            new PartitionState(
                t.name(),
                p.partitionIndex(),
                p.leaderId(),
                p.leaderEpoch(),
                p.replicaNodes(),
                p.isrNodes()));
      }
      builder.topic(t.name(), null, parts);
    }
    builder.retainOthersFrom(metadata.snapshot(), requested, metadata.topicsInUse());
    return builder.build();
  }
}
