package dev.plume.bench.client;

import dev.plume.kafka.PlumeKafkaProducer;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Drives {@link PlumeKafkaProducer}: the same kafka-clients API calls as the rival, over Plume. */
final class PlumeKafkaApiAdapter implements ClientAdapter {

  private final PlumeKafkaProducer<byte[], byte[]> producer;

  PlumeKafkaApiAdapter(Map<String, Object> configs) {
    this.producer =
        new PlumeKafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public String name() {
    return ClientKind.PLUME_KAFKA_API.label();
  }

  @Override
  public void send(String topic, byte[] key, byte[] value, Ack ack) {
    producer.send(new ProducerRecord<>(topic, key, value), ack);
  }

  @Override
  public void initTransactions() {
    producer.initTransactions();
  }

  @Override
  public void beginTransaction() {
    producer.beginTransaction();
  }

  @Override
  public void commitTransaction() {
    producer.commitTransaction();
  }

  @Override
  public int partitionsFor(String topic) {
    return producer.partitionsFor(topic).size();
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public Map<String, Object> metrics() {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      MetricName n = e.getKey();
      out.put(n.group() + ":" + n.name() + ":" + n.tags(), e.getValue().metricValue());
    }
    return out;
  }

  @Override
  public void close() {
    producer.close();
  }
}
