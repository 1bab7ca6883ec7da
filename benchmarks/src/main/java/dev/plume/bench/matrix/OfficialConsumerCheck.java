package dev.plume.bench.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads back what one matrix run wrote, with the official consumer of the broker's own version:
 * runs in a child JVM whose classpath is that version's jars plus this single class file, so it
 * must stay self-contained (no nested or anonymous classes, no other Plume class) and use only
 * consumer API that exists from kafka-clients 2.1 on.
 *
 * <p>Arguments: {@code <bootstrap servers> <topic> <expected committed count> ordered|unordered}.
 * Records are keyed {@code k<i>} with value {@code c-<i>} (to be seen, {@code i} = 0..count-1 in
 * send order) or {@code a-<i>} (sent in an aborted transaction, never to be seen). Reads with
 * {@code isolation.level=read_committed} from the start of every partition to its end offset (the
 * last stable offset) and checks: no aborted record, every {@code i} exactly once, key matching
 * value, and, when {@code ordered}, {@code i} increasing within each partition (send order kept per
 * partition; without idempotence a retried batch may land after later ones, which Kafka allows, so
 * there the reorderings are only counted). Prints one line {@code RESULT PASS ...} or {@code RESULT
 * FAIL <reason>} and exits 0 or 1.
 */
public final class OfficialConsumerCheck {

  static final String RESULT_PREFIX = "RESULT ";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private OfficialConsumerCheck() {}

  public static void main(String[] args) {
    guardAgainstOrphaning();
    String result;
    try {
      result = check(args[0], args[1], Integer.parseInt(args[2]), "ordered".equals(args[3]));
    } catch (RuntimeException e) {
      result = "FAIL consumer error: " + e;
    }
    System.out.println(RESULT_PREFIX + result);
    System.out.flush();
    Runtime.getRuntime().halt(result.startsWith("PASS") ? 0 : 1);
  }

  private static String check(
      String bootstrapServers, String topic, int expected, boolean ordered) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) {
        return "FAIL topic " + topic + " does not exist";
      }
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<Integer, Integer> lastIndexByPartition = new HashMap<>();
      boolean[] seen = new boolean[expected];
      int records = 0;
      int reorderings = 0;
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reachedEnd(consumer, ends)) {
        if (System.nanoTime() - deadline > 0) {
          return "FAIL read " + records + " of " + expected + " records before the end offsets";
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          String value = String.valueOf(record.value());
          if (value.startsWith("a-")) {
            return "FAIL aborted record " + value + " visible at " + where(record);
          }
          Optional<Integer> index = indexOf(value, "c-");
          if (index.isEmpty() || index.get() >= expected) {
            return "FAIL unexpected value '" + value + "' at " + where(record);
          }
          int i = index.get();
          if (!("k" + i).equals(record.key())) {
            return "FAIL key " + record.key() + " with value " + value + " at " + where(record);
          }
          if (seen[i]) {
            return "FAIL duplicate " + value + " at " + where(record);
          }
          seen[i] = true;
          Integer previous = lastIndexByPartition.put(record.partition(), i);
          if (previous != null && previous > i && !ordered) {
            reorderings++;
          } else if (previous != null && previous > i) {
            return "FAIL out of order in partition "
                + record.partition()
                + ": "
                + value
                + " after c-"
                + previous;
          }
        }
      }
      if (records != expected) {
        return "FAIL " + records + " records, expected " + expected;
      }
      long endTotal = 0;
      for (Long end : ends.values()) {
        endTotal += end;
      }
      // The end offsets also count aborted records and transaction markers: proof they were there.
      return "PASS "
          + records
          + " records in "
          + lastIndexByPartition.size()
          + " partitions (end offsets "
          + endTotal
          + (ordered ? ")" : ", " + reorderings + " out of send order: not checked)");
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Integer> indexOf(String value, String prefix) {
    if (!value.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String where(ConsumerRecord<String, String> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** Halts as soon as the matrix JVM that started this one exits, however it died. */
  private static void guardAgainstOrphaning() {
    String parentPid = System.getProperty("plume.broker.parentPid");
    if (parentPid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
    if (parent.isEmpty() || !parent.get().isAlive()) {
      Runtime.getRuntime().halt(97);
    }
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(97));
  }
}
