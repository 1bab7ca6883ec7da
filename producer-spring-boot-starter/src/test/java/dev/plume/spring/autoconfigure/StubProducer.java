package dev.plume.spring.autoconfigure;

import dev.plume.producer.Callback;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A producer that records every call; sends succeed at offset = number of earlier sends. */
public class StubProducer implements Producer<Object, Object> {

  public final List<String> calls;
  public final List<ProducerRecord<Object, Object>> sent = new CopyOnWriteArrayList<>();
  public volatile RuntimeException sendError;
  public volatile RuntimeException syncSendError;
  public volatile RuntimeException fatalError;
  public volatile Function<String, List<PartitionInfo>> partitionsFor =
      topic -> List.of(new PartitionInfo(topic, 0, 1, List.of(1), List.of(1)));
  public volatile ProducerStats stats = TestStats.healthy().build();

  public StubProducer() {
    this(new CopyOnWriteArrayList<>());
  }

  /** Shares {@code calls} with other recorders, to check ordering across beans. */
  public StubProducer(List<String> calls) {
    this.calls = calls;
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<Object, Object> record) {
    return send(record, null);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(
      ProducerRecord<Object, Object> record, Callback callback) {
    calls.add("send");
    if (syncSendError != null) {
      throw syncSendError;
    }
    if (sendError != null) {
      return CompletableFuture.failedFuture(sendError);
    }
    sent.add(record);
    int partition = record.partition() == null ? 0 : record.partition();
    return CompletableFuture.completedFuture(
        new RecordMetadata(record.topic(), partition, sent.size() - 1, 1000L, -1, -1));
  }

  @Override
  public void flush() {
    calls.add("flush");
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    calls.add("partitionsFor:" + topic);
    return partitionsFor.apply(topic);
  }

  @Override
  public void initTransactions() {
    calls.add("initTransactions");
  }

  @Override
  public void beginTransaction() {
    calls.add("beginTransaction");
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    calls.add("sendOffsetsToTransaction");
  }

  @Override
  public void commitTransaction() {
    calls.add("commitTransaction");
  }

  @Override
  public void abortTransaction() {
    calls.add("abortTransaction");
  }

  @Override
  public RuntimeException fatalError() {
    return fatalError;
  }

  @Override
  public ProducerStats metrics() {
    return stats;
  }

  @Override
  public void close() {
    calls.add("close");
  }

  @Override
  public void close(Duration timeout) {
    calls.add("close:" + timeout);
  }
}
