package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicPartitionsTest {

  private final TopicPartitions partitions = new TopicPartitions();

  @Test
  void oneSharedObjectPerPartition() {
    TopicPartition first = partitions.of("orders", 2);

    assertThat(partitions.of("orders", 2)).isSameAs(first);
    assertThat(first).isEqualTo(new TopicPartition("orders", 2));
    assertThat(partitions.of("orders", 0)).isEqualTo(new TopicPartition("orders", 0));
  }

  @Test
  void alternatingTopicsEachGetTheirOwnPartitions() {
    for (int i = 0; i < 3; i++) {
      assertThat(partitions.of("orders", 1)).isEqualTo(new TopicPartition("orders", 1));
      assertThat(partitions.of("payments", 1)).isEqualTo(new TopicPartition("payments", 1));
    }
  }

  @Test
  void anEqualTopicNameThatIsAnotherStringInstanceFindsTheSamePartition() {
    TopicPartition first = partitions.of("orders", 1);
    String sameName = new String("orders".toCharArray());

    assertThat(partitions.of(sameName, 1)).isSameAs(first);
    assertThat(partitions.of("payments", 1).topic()).isEqualTo("payments");
    assertThat(partitions.of(sameName, 1)).isSameAs(first);
  }

  @Test
  void aPartitionNeverAssignedIsNotCached() {
    assertThat(partitions.of("orders", -1)).isEqualTo(new TopicPartition("orders", -1));
    assertThat(partitions.of("orders", -1)).isNotSameAs(partitions.of("orders", -1));
  }
}
