package dev.plume.internal.metadata;

import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.Errors;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.InterruptException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.TimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The producer's metadata: the current {@link ClusterSnapshot}, the topics in use, and when to
 * refresh. The sender thread asks {@link #timeToNextUpdateMs} and feeds responses to {@link
 * #update}; sending threads read {@link #snapshot()} lock-free and block in {@link #awaitTopic}
 * only for a topic never seen.
 *
 * <p>Thread-safety: the snapshot is a volatile immutable object; topic bookkeeping uses a
 * concurrent map; waiting and update signalling use this object's monitor.
 */
public final class ProducerMetadata {

  /** How long after a failed or answered refresh the next may start, unless urgent. */
  private final long refreshBackoffMs;

  private final long metadataMaxAgeMs;
  private final long metadataMaxIdleMs;

  /** Idle tracking needs no finer time than this; it keeps {@link #touch} allocation-free. */
  private static final long TOUCH_RESOLUTION_MS = 1000;

  private final List<Node> bootstrapNodes;
  private final Map<String, Long> topicsLastUsedMs = new ConcurrentHashMap<>();

  private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();
  private volatile boolean updateRequested = true;
  private volatile long lastRefreshAttemptMs = -1;
  private volatile long lastSuccessfulUpdateMs = -1;
  private volatile boolean closed;
  private volatile RuntimeException fatalError;
  private long version;

  // metadata.recovery.strategy (KIP-899) and metadata.recovery.rebootstrap.trigger.ms (KIP-1102)
  private final boolean rebootstrapEnabled;
  private final long rebootstrapTriggerMs;
  // sender-thread state: since when a refresh has been due without a successful one, or -1
  private long refreshDueSinceMs = -1;
  private boolean rebootstrapRequested;
  private final LeaderMoveLog leaderMoves = new LeaderMoveLog();

  /** With Kafka's defaults: rebootstrap after 300,000 ms without metadata. */
  public ProducerMetadata(
      List<Node> bootstrapNodes,
      long refreshBackoffMs,
      long metadataMaxAgeMs,
      long metadataMaxIdleMs) {
    this(bootstrapNodes, refreshBackoffMs, metadataMaxAgeMs, metadataMaxIdleMs, true, 300_000);
  }

  public ProducerMetadata(
      List<Node> bootstrapNodes,
      long refreshBackoffMs,
      long metadataMaxAgeMs,
      long metadataMaxIdleMs,
      boolean rebootstrapEnabled,
      long rebootstrapTriggerMs) {
    this.bootstrapNodes = List.copyOf(bootstrapNodes);
    this.refreshBackoffMs = refreshBackoffMs;
    this.metadataMaxAgeMs = metadataMaxAgeMs;
    this.metadataMaxIdleMs = metadataMaxIdleMs;
    this.rebootstrapEnabled = rebootstrapEnabled;
    this.rebootstrapTriggerMs = rebootstrapTriggerMs;
  }

  /** metadata.recovery.strategy=rebootstrap (the default) rather than none. */
  public boolean rebootstrapEnabled() {
    return rebootstrapEnabled;
  }

  /** Sender thread: a refresh is due now; starts the rebootstrap trigger's clock if not running. */
  public void onRefreshDue(long nowMs) {
    if (refreshDueSinceMs < 0) {
      refreshDueSinceMs = nowMs;
    }
  }

  /**
   * Sender thread: a Metadata response carried the top-level REBOOTSTRAP_REQUIRED error (KIP-1102).
   * As in Kafka, only the rebootstrap strategy acts on it, at the next round.
   */
  public void onRebootstrapRequired() {
    if (rebootstrapEnabled) {
      rebootstrapRequested = true;
    }
  }

  /**
   * Whether to rebootstrap now: only with the rebootstrap strategy, when the server asked for it or
   * no refresh has succeeded for longer than metadata.recovery.rebootstrap.trigger.ms since one was
   * due (even though some known broker still accepts connections).
   */
  public boolean rebootstrapDue(long nowMs) {
    return rebootstrapEnabled
        && (rebootstrapRequested
            || (refreshDueSinceMs >= 0 && nowMs - refreshDueSinceMs > rebootstrapTriggerMs));
  }

  /**
   * Forgets every known broker, so that the next Metadata request goes to a bootstrap address
   * (resolved afresh): the way back when all the brokers we knew were replaced. Topic partitions
   * stay known, without leaders, until the next response.
   */
  public synchronized void rebootstrap(long nowMs) {
    snapshot = snapshot.withoutNodes();
    version++;
    updateRequested = true;
    lastRefreshAttemptMs = -1; // no backoff: the bootstrap addresses have not been tried
    refreshDueSinceMs = nowMs;
    rebootstrapRequested = false;
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  public List<Node> bootstrapNodes() {
    return bootstrapNodes;
  }

  /** Known brokers, or the bootstrap addresses when none is known yet (or after re-bootstrap). */
  public List<Node> knownNodesOrBootstrap() {
    Map<Integer, Node> nodes = snapshot.nodes();
    return nodes.isEmpty() ? bootstrapNodes : new ArrayList<>(nodes.values());
  }

  /**
   * Marks the topic as in use now; a topic never seen also requests an update. Called per send, so
   * the common case (touched within the last second) only reads.
   */
  public void touch(String topic, long nowMs) {
    Long last = topicsLastUsedMs.get(topic);
    if (last != null && nowMs - last < TOUCH_RESOLUTION_MS) {
      return;
    }
    if (topicsLastUsedMs.put(topic, nowMs) == null && !snapshot.hasTopic(topic)) {
      requestUpdate();
    }
  }

  /** The topics to ask for in the next Metadata request. */
  public Set<String> topicsInUse() {
    return topicsLastUsedMs.keySet();
  }

  public void requestUpdate() {
    updateRequested = true;
  }

  public boolean updateRequested() {
    return updateRequested;
  }

  /** Milliseconds until a refresh is due; 0 means send a Metadata request now. */
  public long timeToNextUpdateMs(long nowMs) {
    long dueByAge =
        lastSuccessfulUpdateMs < 0 ? 0 : lastSuccessfulUpdateMs + metadataMaxAgeMs - nowMs;
    long due = updateRequested ? 0 : dueByAge;
    long backoff = lastRefreshAttemptMs < 0 ? 0 : lastRefreshAttemptMs + refreshBackoffMs - nowMs;
    return Math.max(0, Math.max(due, backoff));
  }

  /** Called by the sender when it sends a Metadata request. */
  public void onRefreshAttempt(long nowMs) {
    lastRefreshAttemptMs = nowMs;
  }

  /** Called when a Metadata request failed (disconnect, timeout): try again after the backoff. */
  public void onRefreshFailed(long nowMs) {
    lastRefreshAttemptMs = nowMs;
    updateRequested = true;
  }

  /**
   * Installs a new snapshot. Topics the snapshot reports as missing keep being requested; topics
   * idle longer than {@code metadata.max.idle.ms} are forgotten.
   */
  public void update(ClusterSnapshot incoming, long nowMs) {
    forgetIdleTopics(nowMs);
    ClusterSnapshot newSnapshot = keepNewerLeaders(snapshot, incoming);
    boolean missing = false;
    for (String topic : topicsLastUsedMs.keySet()) {
      if (!newSnapshot.hasTopic(topic) || newSnapshot.topicError(topic) != null) {
        missing = true; // ask again soon: the topic is unknown or had an error
        break;
      }
    }
    synchronized (this) {
      leaderMoves.updated(snapshot, newSnapshot);
      snapshot = newSnapshot;
      lastSuccessfulUpdateMs = nowMs;
      lastRefreshAttemptMs = nowMs;
      updateRequested = missing;
      refreshDueSinceMs = -1;
      version++;
      notifyAll();
    }
  }

  /**
   * A lagging broker may answer with an older leader epoch than we know (from a newer response or a
   * leader hint); as in KIP-320, such partitions keep what we know instead of going back to a
   * leader that will only answer NOT_LEADER_OR_FOLLOWER.
   */
  static ClusterSnapshot keepNewerLeaders(ClusterSnapshot current, ClusterSnapshot incoming) {
    Map<String, PartitionState[]> merged = null;
    Map<Integer, Node> nodes = null;
    for (Map.Entry<String, PartitionState[]> e : incoming.topicStates().entrySet()) {
      PartitionState[] known = current.topicStates().get(e.getKey());
      PartitionState[] fresh = e.getValue();
      if (known == null || known.length != fresh.length) {
        continue; // new topic or partition count changed: take the response as is
      }
      PartitionState[] parts = null;
      for (int p = 0; p < fresh.length; p++) {
        PartitionState old = known[p];
        if (fresh[p].leaderEpoch() >= 0 && old.leaderEpoch() > fresh[p].leaderEpoch()) {
          Node oldLeader = current.node(old.leaderId());
          if (oldLeader == null) {
            continue;
          }
          if (parts == null) {
            parts = fresh.clone();
          }
          parts[p] = old;
          if (nodes == null) {
            nodes = new HashMap<>(incoming.nodes());
          }
          nodes.putIfAbsent(oldLeader.id(), oldLeader);
        }
      }
      if (parts != null) {
        if (merged == null) {
          merged = new HashMap<>(incoming.topicStates());
        }
        merged.put(e.getKey(), parts);
      }
    }
    if (merged == null) {
      return incoming;
    }
    return new ClusterSnapshot(
        incoming.clusterId(), nodes, merged, incoming.topicErrors(), incoming.topicIds());
  }

  /** Applies a KIP-951 leader hint at once (only if its epoch is newer). */
  public synchronized void applyLeaderHint(
      String topic, int partition, int leaderId, int leaderEpoch, Node leaderNode) {
    ClusterSnapshot updated =
        snapshot.withLeaderHint(topic, partition, leaderId, leaderEpoch, leaderNode);
    if (updated != snapshot) {
      PartitionState before = snapshot.partition(topic, partition);
      if (before != null && before.hasLeader()) {
        leaderMoves.hinted(topic, partition, before.leaderId(), leaderId);
      }
      snapshot = updated;
      version++;
      notifyAll();
    }
  }

  private void forgetIdleTopics(long nowMs) {
    topicsLastUsedMs.entrySet().removeIf(e -> nowMs - e.getValue() > metadataMaxIdleMs);
  }

  public long lastSuccessfulUpdateMs() {
    return lastSuccessfulUpdateMs;
  }

  /**
   * Blocks the calling (sending) thread until the topic has partitions in the metadata, at most
   * {@code maxBlockMs} of real time.
   *
   * @return the snapshot that holds the topic
   * @throws TimeoutException naming the topic and the time waited
   */
  public ClusterSnapshot awaitTopic(String topic, long nowMs, long maxBlockMs) {
    ClusterSnapshot current = snapshot;
    if (current.partitionCountForTopic(topic) > 0) {
      return current;
    }
    touch(topic, nowMs);
    long startNs = System.nanoTime();
    long deadlineNs = startNs + Math.min(maxBlockMs, Long.MAX_VALUE / 2_000_000L) * 1_000_000L;
    synchronized (this) {
      while (true) {
        current = snapshot;
        if (current.partitionCountForTopic(topic) > 0) {
          return current;
        }
        if (closed) {
          throw new ProducerClosedException(
              "Producer closed while waiting for metadata of topic " + topic);
        }
        if (fatalError != null) {
          throw fatalError;
        }
        TopicError error = current.topicError(topic);
        if (error != null && error.isAuthorization()) {
          throw new AuthorizationException(
              "Not authorized to access topic " + topic + " (" + error + ")");
        }
        if (error != null && error.error() == Errors.INVALID_TOPIC_EXCEPTION) {
          // As in Kafka: a name the broker refuses never appears, so waiting max.block.ms is moot.
          throw new BrokerErrorException(
              Errors.INVALID_TOPIC_EXCEPTION.code(),
              Errors.INVALID_TOPIC_EXCEPTION.name(),
              false,
              "Invalid topic name '" + topic + "'");
        }
        long remainingNs = deadlineNs - System.nanoTime();
        if (remainingNs <= 0) {
          long waitedMs = (System.nanoTime() - startNs) / 1_000_000L;
          throw new TimeoutException(
              "Topic "
                  + topic
                  + " not present in metadata after "
                  + waitedMs
                  + " ms (max.block.ms="
                  + maxBlockMs
                  + (error != null ? ", last error: " + error : "")
                  + ")");
        }
        updateRequested = true;
        try {
          wait(Math.max(1, (remainingNs + 999_999L) / 1_000_000L));
        } catch (InterruptedException e) {
          throw new InterruptException("Interrupted while waiting for metadata of " + topic, e);
        }
      }
    }
  }

  /** Makes every waiter fail with the given error (e.g. authentication failed). */
  public synchronized void failWaiters(RuntimeException error) {
    fatalError = error;
    notifyAll();
  }

  /** Clears a previous {@link #failWaiters} once brokers answer again. */
  public synchronized void clearFatalError() {
    fatalError = null;
  }

  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Builds a snapshot from a Metadata response's content. */
  public static SnapshotBuilder snapshotBuilder() {
    return new SnapshotBuilder();
  }

  /** Collects one Metadata response into an immutable {@link ClusterSnapshot}. */
  public static final class SnapshotBuilder {
    private String clusterId;
    private final Map<Integer, Node> nodes = new HashMap<>();
    private final Map<String, PartitionState[]> topics = new HashMap<>();
    private final Map<String, TopicError> topicErrors = new HashMap<>();
    private final Map<String, byte[]> topicIds = new HashMap<>();

    private SnapshotBuilder() {}

    public SnapshotBuilder clusterId(String id) {
      this.clusterId = id;
      return this;
    }

    public SnapshotBuilder node(Node node) {
      nodes.put(node.id(), node);
      return this;
    }

    /** A topic with its partitions; partitions must be dense 0..n-1, else it is skipped. */
    public SnapshotBuilder topic(String topic, byte[] topicId, List<PartitionState> partitions) {
      PartitionState[] byIndex = new PartitionState[partitions.size()];
      for (PartitionState p : partitions) {
        // A duplicate index leaves a hole, which would fail the whole snapshot later.
        if (p.partition() < 0
            || p.partition() >= byIndex.length
            || byIndex[p.partition()] != null) {
          topicErrors.put(
              topic,
              new TopicError(
                  Errors.UNKNOWN_SERVER_ERROR, "non-contiguous partition indexes in metadata"));
          return this;
        }
        byIndex[p.partition()] = p;
      }
      topics.put(topic, byIndex);
      if (topicId != null) {
        topicIds.put(topic, topicId);
      }
      return this;
    }

    /** The error a Metadata response gave for the topic (its wire code). */
    public SnapshotBuilder topicError(String topic, short code) {
      topicErrors.put(topic, TopicError.fromWire(code));
      return this;
    }

    /**
     * Keeps the previous snapshot's data for topics still in use that this response did not cover
     * (touched after the request was built). Topics no longer in use are dropped, so the snapshot
     * does not grow with every topic ever used.
     */
    public SnapshotBuilder retainOthersFrom(
        ClusterSnapshot previous, Set<String> requested, Set<String> inUse) {
      for (String topic : previous.topicStates().keySet()) {
        if (!requested.contains(topic) && inUse.contains(topic)) {
          retainTopic(previous, topic);
        }
      }
      return this;
    }

    /**
     * Keeps one topic's previous partitions, e.g. when the response reports a transient error for
     * the whole topic (a leader election): senders keep their view instead of blocking.
     */
    public SnapshotBuilder retainTopic(ClusterSnapshot previous, String topic) {
      PartitionState[] parts = previous.topicStates().get(topic);
      if (parts != null && !topics.containsKey(topic)) {
        topics.put(topic, parts);
        byte[] id = previous.topicId(topic);
        if (id != null) {
          topicIds.put(topic, id);
        }
      }
      return this;
    }

    public ClusterSnapshot build() {
      return new ClusterSnapshot(clusterId, nodes, topics, topicErrors, topicIds);
    }
  }
}
