package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.Cluster;
import dev.plume.producer.Partitioner;
import dev.plume.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PartitionChooserTest {

  private static final String TOPIC = "payments";
  private static final byte[] KEY = "customer-42".getBytes(StandardCharsets.UTF_8);

  // 10 partitions, several without a leader: keyed records still hash over all 10.
  private final TestCluster cluster =
      new TestCluster().topic(TOPIC, 1, -1, 2, -1, 3, 1, -1, 2, 3, 1);
  private final PartitionChooser builtIn = new PartitionChooser(null, false);

  @Test
  void anExplicitPartitionWins() {
    PartitionChooser custom = new PartitionChooser(fixed(3), false);
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, 7, "k", "v");

    assertThat(builtIn.partition(record, KEY, null, cluster)).isEqualTo(7);
    assertThat(custom.partition(record, KEY, null, cluster)).isEqualTo(7);
  }

  @Test
  void aCustomPartitionerDecidesBeforeKeyHashing() {
    AtomicInteger calls = new AtomicInteger();
    Partitioner recording =
        (topic, key, keyBytes, value, valueBytes, c) -> {
          calls.incrementAndGet();
          assertThat(topic).isEqualTo(TOPIC);
          assertThat(key).isEqualTo("k");
          assertThat(keyBytes).isSameAs(KEY);
          assertThat(value).isEqualTo("v");
          assertThat(c).isSameAs(cluster);
          return 5;
        };
    PartitionChooser chooser = new PartitionChooser(recording, false);

    assertThat(chooser.partition(new ProducerRecord<>(TOPIC, "k", "v"), KEY, null, cluster))
        .isEqualTo(5);
    assertThat(calls).hasValue(1);
    assertThat(chooser.hasCustomPartitioner()).isTrue();
  }

  @Test
  void aNegativeCustomResultNamesThePartitionerAndTopic() {
    PartitionChooser chooser = new PartitionChooser(new NegativePartitioner(), false);

    assertThatThrownBy(
            () -> chooser.partition(new ProducerRecord<>(TOPIC, "k", "v"), KEY, null, cluster))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NegativePartitioner.class.getName())
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("-2");
  }

  @Test
  void aCustomResultBeyondThePartitionCountNamesThePartitionerAndTopic() {
    PartitionChooser chooser = new PartitionChooser(fixed(10), false);

    assertThatThrownBy(
            () -> chooser.partition(new ProducerRecord<>(TOPIC, "k", "v"), KEY, null, cluster))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("returned partition 10")
        .hasMessageContaining("10 partitions");
  }

  @Test
  void keyedRecordsHashOverAllPartitionsLikeKafkaClients() {
    for (int i = 0; i < 500; i++) {
      byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
      assertThat(builtIn.partition(new ProducerRecord<>(TOPIC, "k", "v"), key, null, cluster))
          .isEqualTo(BuiltInPartitioner.partitionForKey(key, 10));
    }
  }

  @Test
  void keylessRecordsAreLeftToTheStickyPartitioner() {
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "v");

    assertThat(builtIn.partition(record, null, null, cluster))
        .isEqualTo(PartitionChooser.UNKNOWN_PARTITION)
        .isEqualTo(-1);
  }

  @Test
  void ignoreKeysSendsKeyedRecordsToTheStickyPartitioner() {
    PartitionChooser ignoring = new PartitionChooser(null, true);

    assertThat(ignoring.partition(new ProducerRecord<>(TOPIC, "k", "v"), KEY, null, cluster))
        .isEqualTo(PartitionChooser.UNKNOWN_PARTITION);
    assertThat(ignoring.hasCustomPartitioner()).isFalse();
  }

  @Test
  void theKeyBytesDecideNotTheKeyObject() {
    // A null key object whose serializer still produced bytes is keyed, as in Kafka.
    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, null, "v");

    assertThat(builtIn.partition(record, KEY, null, cluster))
        .isEqualTo(BuiltInPartitioner.partitionForKey(KEY, 10));
  }

  @Test
  void aKeyedRecordForAnUnknownTopicFailsClearly() {
    assertThatThrownBy(
            () -> builtIn.partition(new ProducerRecord<>("unknown", "k", "v"), KEY, null, cluster))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown");
  }

  private static Partitioner fixed(int partition) {
    return (topic, key, keyBytes, value, valueBytes, c) -> partition;
  }

  private static final class NegativePartitioner implements Partitioner {
    @Override
    public int partition(
        String topic,
        Object key,
        byte[] keyBytes,
        Object value,
        byte[] valueBytes,
        Cluster cluster) {
      return -2;
    }
  }
}
