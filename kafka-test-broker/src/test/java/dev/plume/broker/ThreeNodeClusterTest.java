package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.broker.junit.WithKafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

@WithKafkaCluster(nodes = 3)
class ThreeNodeClusterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void survivesSigkillOfThePartitionLeaderAndTheLeaderRejoins(KafkaCluster cluster)
      throws Exception {
    assertThat(cluster.size()).isEqualTo(3);
    String servers = cluster.bootstrapServers();
    String topic = "three-leader-kill";
    KafkaTestClients.createTopic(servers, topic, 1, 3);
    KafkaTestClients.produce(servers, topic, "before", 10);

    try (Admin admin = KafkaTestClients.admin(servers)) {
      assertThat(KafkaTestClients.eventually(TIMEOUT, () -> isrSize(admin, topic) == 3)).isTrue();
      int leader = partition(admin, topic).leader().id();

      cluster.node(leader).kill();

      // acks=all with min ISR 2: the two survivors elect a new leader and keep accepting writes.
      KafkaTestClients.produce(servers, topic, "during", 10);
      List<String> expected = new ArrayList<>(KafkaTestClients.values("before", 10));
      expected.addAll(KafkaTestClients.values("during", 10));
      assertThat(KafkaTestClients.readValues(servers, topic, 20, TIMEOUT))
          .containsExactlyElementsOf(expected);
      assertThat(partition(admin, topic).leader().id()).isNotEqualTo(leader);

      cluster.node(leader).start();

      assertThat(KafkaTestClients.eventually(TIMEOUT, () -> isrIds(admin, topic).contains(leader)))
          .as("node %d back in the ISR", leader)
          .isTrue();
      assertThat(isrIds(admin, topic)).containsExactlyInAnyOrder(0, 1, 2);
    }
  }

  @Test
  void defaultsGiveAutoCreatedTopicsReplicationFactorThree(KafkaCluster cluster) throws Exception {
    KafkaTestClients.produce(cluster.bootstrapServers(), "three-auto", "v", 1);
    try (Admin admin = KafkaTestClients.admin(cluster.bootstrapServers())) {
      assertThat(partition(admin, "three-auto").replicas()).hasSize(3);
    }
  }

  private static TopicPartitionInfo partition(Admin admin, String topic) throws Exception {
    TopicDescription description = KafkaTestClients.describe(admin, topic);
    return description.partitions().get(0);
  }

  private static int isrSize(Admin admin, String topic) {
    return isrIds(admin, topic).size();
  }

  private static List<Integer> isrIds(Admin admin, String topic) {
    try {
      List<Integer> ids = new ArrayList<>();
      for (Node node : partition(admin, topic).isr()) {
        ids.add(node.id());
      }
      return ids;
    } catch (Exception e) {
      return List.of(); // metadata briefly unavailable while the cluster changes
    }
  }
}
