package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Header;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against the real broker, per codec: what our producer writes (keys, values, null keys,
 * tombstones, headers, timestamps) is what the official consumer reads back, byte for byte.
 */
class ProduceAndReadBackIT {

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void officialConsumerReadsBackEveryFieldByteForByte(String codec) throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "readback-" + codec;
    Records.createTopic(bootstrap, topic, 2, (short) 1);
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("compression.type", codec);
    config.put("linger.ms", 20);
    long baseTs = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] key = i % 7 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
      byte[] value =
          i % 11 == 0 ? null : ("{\"n\":" + i + ",\"text\":\"payload payload\"}").getBytes();
      List<Header> headers =
          i % 3 == 0 ? List.of(Header.of("trace", "t-" + i), new Header("empty", null)) : List.of();
      sent.add(new ProducerRecord<>(topic, i % 2, baseTs + i, key, value, headers));
    }
    List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    try (PlumeProducer<byte[], byte[]> producer =
        new PlumeProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> r : sent) {
        futures.add(producer.send(r));
      }
      producer.flush();
    }
    for (CompletableFuture<RecordMetadata> f : futures) {
      assertThat(f).isCompleted();
      assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
    }

    List<ConsumerRecord<byte[], byte[]>> read =
        Records.readAll(bootstrap, topic, Duration.ofSeconds(30));
    assertThat(read).hasSize(sent.size());
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = Records.byPartition(read);
    int[] next = new int[2];
    for (ProducerRecord<byte[], byte[]> expected : sent) {
      int p = expected.partition();
      ConsumerRecord<byte[], byte[]> actual = byPartition.get(p).get(next[p]++);
      assertThat(actual.key()).isEqualTo(expected.key());
      assertThat(actual.value()).isEqualTo(expected.value());
      assertThat(actual.timestamp()).isEqualTo(expected.timestampMs());
      List<Header> headers = new ArrayList<>();
      actual.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
      assertThat(headers).isEqualTo(expected.headers());
    }
  }
}
