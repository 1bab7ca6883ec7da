package dev.plume.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Topic creation and read-back with the official client, used as an oracle in tests. */
final class Records {

  private Records() {}

  static void createTopic(String bootstrap, String topic, int partitions, short replication) {
    createTopic(bootstrap, topic, partitions, replication, Map.of());
  }

  /** With topic configs (e.g. max.message.bytes). */
  static void createTopic(
      String bootstrap,
      String topic,
      int partitions,
      short replication,
      Map<String, String> configs) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, replication).configs(configs)))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create topic " + topic, e.getCause());
    }
  }

  /** Reads every record of the topic from the beginning up to the current end offsets. */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    forEach(bootstrap, topic, timeout, out::add);
    return out;
  }

  /** Streams every record of the topic, from the beginning up to the end offsets seen at start. */
  static void forEach(
      String bootstrap,
      String topic,
      Duration timeout,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, timeout)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(visitor);
      }
    }
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

  static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition(
      Collection<ConsumerRecord<byte[], byte[]>> records) {
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> out = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }
}
