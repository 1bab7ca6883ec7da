package dev.plume.bench.client;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Drives a producer through the kafka-clients API: the official {@code KafkaProducer} (the rival)
 * or {@code PlumeKafkaProducer} (Plume under the same API calls).
 */
final class KafkaApiAdapter implements ClientAdapter {

  private final String name;
  private final Producer<byte[], byte[]> producer;

  KafkaApiAdapter(ClientKind kind, Producer<byte[], byte[]> producer) {
    this.name = kind.label();
    this.producer = producer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(String topic, byte[] key, byte[] value, Ack ack) {
    producer.send(new ProducerRecord<>(topic, key, value), ack);
  }

  @Override
  public void sendToPartition(String topic, int partition, byte[] value, Ack ack) {
    producer.send(new ProducerRecord<>(topic, partition, null, value), ack);
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
