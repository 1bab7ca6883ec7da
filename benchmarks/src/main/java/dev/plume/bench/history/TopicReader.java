package dev.plume.bench.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads whole topics with the official consumer, from the beginning to the end offsets. */
public final class TopicReader {

  private TopicReader() {}

  /**
   * Every record of {@code topics} up to the end offsets seen at start (for read_committed: the
   * last stable offsets, so no transaction may still be open).
   *
   * @param isolationLevel {@code read_committed} or {@code read_uncommitted}
   * @throws IllegalStateException if the end is not reached within {@code timeout}
   */
  public static List<ReadRecord> readAll(
      String bootstrap, List<String> topics, String isolationLevel, Duration timeout) {
    List<ReadRecord> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, isolationLevel)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic, timeout)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "Reading " + topics + " (" + isolationLevel + ") did not reach " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(
              new ReadRecord(r.topic(), r.partition(), r.offset(), RecordId.fromValue(r.value())));
        }
      }
    }
    return out;
  }

  /**
   * Waits until no transaction is open on {@code topics}: the read_committed end (last stable
   * offset) equals the read_uncommitted end on every partition. A transaction a dead producer left
   * open ends at transaction.timeout.ms.
   *
   * @return whether it happened within {@code timeout}
   */
  public static boolean awaitNoOpenTransactions(
      String bootstrap, List<String> topics, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> committed = consumer(bootstrap, "read_committed");
        KafkaConsumer<byte[], byte[]> uncommitted = consumer(bootstrap, "read_uncommitted")) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        committed
            .partitionsFor(topic, timeout)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      while (true) {
        if (committed
            .endOffsets(partitions, timeout)
            .equals(uncommitted.endOffsets(partitions, timeout))) {
          return true;
        }
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        Thread.sleep(500);
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolationLevel) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    return new KafkaConsumer<>(props);
  }

  private static boolean reachedEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
