package dev.plume.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;

/** Sends everything to the topic's last partition, reading the {@link Cluster} it is given. */
public class LastPartitionPartitioner implements Partitioner {

  static volatile String configuredClientId;
  static volatile boolean closed;
  static final List<Integer> leadersSeen = new CopyOnWriteArrayList<>();
  static final List<Integer> newBatchCalls = new CopyOnWriteArrayList<>();

  static void reset() {
    configuredClientId = null;
    closed = false;
    leadersSeen.clear();
    newBatchCalls.clear();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    configuredClientId = (String) configs.get("client.id");
  }

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int last = cluster.partitionsForTopic(topic).size() - 1;
    Node leader = cluster.leaderFor(new org.apache.kafka.common.TopicPartition(topic, last));
    leadersSeen.add(leader == null ? -1 : leader.id());
    return last;
  }

  /**
   * Kafka-clients 3.x's {@code Partitioner.onNewBatch} (4.0 removed it from the interface, so this
   * overrides nothing there and is never called).
   */
  public void onNewBatch(String topic, Cluster cluster, int prevPartition) {
    newBatchCalls.add(prevPartition);
  }

  @Override
  public void close() {
    closed = true;
  }
}
