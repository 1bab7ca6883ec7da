package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicPartitionTest {

  @Test
  void equalByTopicAndPartitionWhateverTheStringInstance() {
    TopicPartition a = new TopicPartition("orders", 7);
    TopicPartition b = new TopicPartition(new String("orders"), 7);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TopicPartition("orders", 8));
    assertThat(a).isNotEqualTo(new TopicPartition("orderz", 7));
    assertThat(a).isNotEqualTo(null);
    assertThat(a).isNotEqualTo((Object) "orders-7");
    assertThat(a.hashCode()).isNotEqualTo(new TopicPartition("orders", 8).hashCode());
    assertThat(a).hasToString("orders-7");
  }
}
