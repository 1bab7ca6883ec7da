package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.engine.ProducerTestHooks;
import dev.plume.internal.clock.Clock;
import dev.plume.internal.network.ClientRequest;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.network.NetworkEnvironment;
import dev.plume.internal.network.NetworkStats;
import dev.plume.internal.network.NetworkTestHooks;
import dev.plume.internal.network.NioNetworkClient;
import dev.plume.internal.network.Node;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.NegotiatedVersions;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.serialization.StringSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The encodings old brokers (2.1+) need, against the normal test broker: the network client is
 * built with the test-only oldest-versions mode, so every API runs at the lowest version both the
 * broker and we accept (ApiVersions v0, Produce v3, Metadata v4, InitProducerId v0, FindCoordinator
 * v1, the transaction APIs v0). Records are read back with the official consumer (read_committed),
 * in order.
 */
class OldestVersionsIT {

  /** Records the version of every answered request, by API. */
  private static final class VersionRecordingClient implements NetworkClient {
    private final NetworkClient delegate;
    final Map<ApiKey, Set<Short>> versions = new EnumMap<>(ApiKey.class);

    VersionRecordingClient(NetworkClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public <R> void send(ClientRequest<R> request, long nowMs) {
      delegate.send(
          new ClientRequest<>(
              request.destination(),
              request.apiKey(),
              request.minVersion(),
              request.maxVersion(),
              request.body(),
              request.expectResponse(),
              request.parser(),
              request.requestTimeoutMs(),
              response -> {
                if (response.apiVersion() >= 0) {
                  synchronized (versions) {
                    versions
                        .computeIfAbsent(request.apiKey(), k -> new TreeSet<>())
                        .add(response.apiVersion());
                  }
                }
                request.handler().onComplete(response);
              }),
          nowMs);
    }

    Map<ApiKey, Set<Short>> snapshot() {
      synchronized (versions) {
        return new EnumMap<>(versions);
      }
    }

    @Override
    public boolean ready(Node node, long nowMs) {
      return delegate.ready(node, nowMs);
    }

    @Override
    public boolean isReady(Node node, long nowMs) {
      return delegate.isReady(node, nowMs);
    }

    @Override
    public long connectionDelayMs(Node node, long nowMs) {
      return delegate.connectionDelayMs(node, nowMs);
    }

    @Override
    public boolean connectionFailed(Node node) {
      return delegate.connectionFailed(node);
    }

    @Override
    public RuntimeException connectionFailure(Node node) {
      return delegate.connectionFailure(node);
    }

    @Override
    public short apiVersion(Node node, ApiKey key) {
      return delegate.apiVersion(node, key);
    }

    @Override
    public Optional<NegotiatedVersions> negotiatedVersions(Node node) {
      return delegate.negotiatedVersions(node);
    }

    @Override
    public void poll(long timeoutMs, long nowMs) {
      delegate.poll(timeoutMs, nowMs);
    }

    @Override
    public void closeConnectionsWhenIdle() {
      delegate.closeConnectionsWhenIdle();
    }

    @Override
    public void wakeup() {
      delegate.wakeup();
    }

    @Override
    public int inFlightRequestCount() {
      return delegate.inFlightRequestCount();
    }

    @Override
    public int inFlightRequestCount(int nodeId) {
      return delegate.inFlightRequestCount(nodeId);
    }

    @Override
    public Node leastLoadedNode(List<Node> candidates, long nowMs) {
      return delegate.leastLoadedNode(candidates, nowMs);
    }

    @Override
    public void disconnect(int nodeId) {
      delegate.disconnect(nodeId);
    }

    @Override
    public NetworkStats stats() {
      return delegate.stats();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static PlumeProducer<String, String> oldestVersionsProducer(
      Map<String, Object> config, VersionRecordingClient[] holder) {
    PlumeProducer.Builder<String, String> builder =
        PlumeProducer.<String, String>builder(ProducerConfig.from(config))
            .keySerializer(new StringSerializer())
            .valueSerializer(new StringSerializer());
    return ProducerTestHooks.networkClientFactory(
            builder,
            networkConfig -> {
              holder[0] =
                  new VersionRecordingClient(
                      new NioNetworkClient(
                          networkConfig,
                          NetworkTestHooks.oldestVersions(NetworkEnvironment.of(Clock.system()))));
              return holder[0];
            })
        .build();
  }

  @Test
  void idempotentSendsAtTheOldestVersionsAreReadBackInOrder() throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "oldest-versions-idempotent";
    Records.createTopic(bootstrap, topic, 2, (short) 1);
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("enable.idempotence", true);
    config.put("linger.ms", 2);
    VersionRecordingClient[] client = new VersionRecordingClient[1];
    List<String> expected = new ArrayList<>();
    try (PlumeProducer<String, String> producer = oldestVersionsProducer(config, client)) {
      List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        String value = "v-" + i;
        expected.add(value);
        futures.add(producer.send(new ProducerRecord<>(topic, 0, null, value)));
      }
      producer.flush();
      for (CompletableFuture<RecordMetadata> f : futures) {
        assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
      }
    }
    Map<ApiKey, Set<Short>> used = client[0].snapshot();
    assertThat(used.get(ApiKey.PRODUCE)).containsExactly((short) 3);
    assertThat(used.get(ApiKey.METADATA)).containsExactly((short) 4);
    assertThat(used.get(ApiKey.INIT_PRODUCER_ID)).containsExactly((short) 0);
    List<String> read =
        TransactionsIT.values(Records.readAll(bootstrap, topic, Duration.ofSeconds(30)));
    assertThat(read).containsExactlyElementsOf(expected);
  }

  @Test
  void transactionalCommitAndAbortAtTheOldestVersionsAreReadCommitted() throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "oldest-versions-txn";
    Records.createTopic(bootstrap, topic, 2, (short) 1);
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("transactional.id", "oldest-versions-txn");
    config.put("linger.ms", 5);
    config.put("max.block.ms", 30_000);
    config.put("transaction.timeout.ms", 40_000);
    VersionRecordingClient[] client = new VersionRecordingClient[1];
    List<String> expected = new ArrayList<>();
    try (PlumeProducer<String, String> producer = oldestVersionsProducer(config, client)) {
      producer.initTransactions();
      int n = 0;
      for (int txn = 0; txn < 4; txn++) {
        boolean commit = txn % 2 == 0;
        producer.beginTransaction();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++, n++) {
          String value = (commit ? "c-" : "a-") + n;
          futures.add(producer.send(new ProducerRecord<>(topic, n % 2, null, value)));
          if (commit) {
            expected.add(value);
          }
        }
        if (commit) {
          producer.commitTransaction();
          for (CompletableFuture<RecordMetadata> f : futures) {
            assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
          }
        } else {
          producer.flush();
          producer.abortTransaction();
        }
      }
    }
    Map<ApiKey, Set<Short>> used = client[0].snapshot();
    assertThat(used.get(ApiKey.PRODUCE)).containsExactly((short) 3);
    assertThat(used.get(ApiKey.FIND_COORDINATOR)).containsExactly((short) 1);
    assertThat(used.get(ApiKey.INIT_PRODUCER_ID)).containsExactly((short) 0);
    assertThat(used.get(ApiKey.ADD_PARTITIONS_TO_TXN)).containsExactly((short) 0);
    assertThat(used.get(ApiKey.END_TXN)).containsExactly((short) 0);
    List<String> read =
        TransactionsIT.values(Records.readAll(bootstrap, topic, Duration.ofSeconds(30)));
    // Two partitions: order holds per partition, so compare each partition's sequence.
    List<String> even = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    for (String v : expected) {
      (Integer.parseInt(v.substring(2)) % 2 == 0 ? even : odd).add(v);
    }
    List<String> readEven = new ArrayList<>();
    List<String> readOdd = new ArrayList<>();
    for (String v : read) {
      (Integer.parseInt(v.substring(2)) % 2 == 0 ? readEven : readOdd).add(v);
    }
    assertThat(read).hasSameSizeAs(expected);
    assertThat(readEven).containsExactlyElementsOf(even);
    assertThat(readOdd).containsExactlyElementsOf(odd);
  }
}
