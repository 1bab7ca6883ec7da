package dev.plume.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.Callback;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.Header;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The sample's sending logic against a recording producer: no broker, no engine. The embedded
 * broker is switched off and the producer bean replaced (the starter backs off).
 */
@SpringBootTest(
    properties = {
      "sample.embedded-broker=false",
      "sample.demo-records=8",
      "sample.topic=t",
      "plume.producer.startup-check=none"
    })
class SampleSenderTest {

  @Autowired SampleSender sender;
  @Autowired RecordingProducer producer;

  @Test
  void sendsKeyedRecordsWithHeadersAndSummarizesTheAcknowledgements() {
    assertThat(producer.sent).hasSize(8);
    ProducerRecord<Object, Object> third = producer.sent.get(2);
    assertThat(third.topic()).isEqualTo("t");
    assertThat(third.key()).isEqualTo("key-2");
    assertThat(third.value()).isEqualTo("hello from Plume #2");
    assertThat(third.headers())
        .contains(new Header("sample-seq", "2".getBytes(StandardCharsets.UTF_8)));
    SendSummary summary = sender.summary();
    assertThat(summary.recordsAcknowledged()).isEqualTo(8);
    assertThat(summary.recordsPerPartition()).containsEntry(0, 4).containsEntry(1, 4);
    assertThat(summary.lastOffsetPerPartition()).containsEntry(0, 6L).containsEntry(1, 7L);
  }

  @TestConfiguration
  static class Config {
    // Primary: the sample's named client "orders" adds a second Producer bean (ordersProducer).
    @Bean
    @Primary
    RecordingProducer recordingProducer() {
      return new RecordingProducer();
    }
  }

  /** Acknowledges every record at once: partition = sequence % 2, offset = sequence. */
  static class RecordingProducer implements Producer<Object, Object> {
    final List<ProducerRecord<Object, Object>> sent = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<Object, Object> record) {
      return send(record, null);
    }

    @Override
    public synchronized CompletableFuture<RecordMetadata> send(
        ProducerRecord<Object, Object> record, Callback callback) {
      int seq = sent.size();
      sent.add(record);
      return CompletableFuture.completedFuture(
          new RecordMetadata(record.topic(), seq % 2, seq, 0L, -1, -1));
    }

    @Override
    public void flush() {}

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
      return List.of();
    }

    @Override
    public void initTransactions() {}

    @Override
    public void beginTransaction() {}

    @Override
    public void sendOffsetsToTransaction(
        Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {}

    @Override
    public void commitTransaction() {}

    @Override
    public void abortTransaction() {}

    @Override
    public ProducerStats metrics() {
      // A connected producer, so that the summary's health line reads UP.
      return ProducerStats.builder()
          .recordsSentTotal(sent.size())
          .compressionRatioAvg(1)
          .bufferTotalBytes(1024)
          .bufferAvailableBytes(1024)
          .connectionCount(1)
          .connectionCreationTotal(1)
          .metadataAgeMs(10)
          .lastBrokerContactAgeMs(10)
          .senderThreadAlive(true)
          .build();
    }

    @Override
    public void close() {}

    @Override
    public void close(Duration timeout) {}
  }
}
