package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.serialization.StringSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Keyed records land in the partition the official client would choose. */
class KeyedPartitioningIT {

  @Test
  void keyedRecordsLandWhereKafkaClientsWouldPutThem() {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "keyed-placement";
    int partitions = 6;
    Records.createTopic(bootstrap, topic, partitions, (short) 1);
    try (PlumeProducer<String, String> producer =
        new PlumeProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        futures.add(producer.send(new ProducerRecord<>(topic, "customer-" + i, "v" + i)));
      }
      producer.flush();
      for (CompletableFuture<RecordMetadata> f : futures) {
        assertThat(f).isCompleted();
        assertThat(f.join().offset()).isNotNegative();
      }
    }
    List<ConsumerRecord<byte[], byte[]>> read =
        Records.readAll(bootstrap, topic, Duration.ofSeconds(30));
    assertThat(read).hasSize(3000);
    for (ConsumerRecord<byte[], byte[]> r : read) {
      int expected = Utils.toPositive(Utils.murmur2(r.key())) % partitions;
      assertThat(r.partition())
          .as("partition of key %s", new String(r.key(), StandardCharsets.UTF_8))
          .isEqualTo(expected);
    }
  }
}
