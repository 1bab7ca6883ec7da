package dev.plume.bench.client;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives {@link PlumeProducer}: through its familiar {@code send(ProducerRecord, Callback)}, or
 * through the allocation-free {@code send(topic, key, value, RecordOutcome)}.
 */
final class PlumeAdapter implements ClientAdapter {

  private final ClientKind kind;
  private final PlumeProducer<byte[], byte[]> producer;

  PlumeAdapter(ClientKind kind, Map<String, Object> configs) {
    this.kind = kind;
    this.producer =
        new PlumeProducer<>(
            withoutSerializers(configs), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Serializer instances are passed in; class names meant for kafka-clients would not load. */
  private static Map<String, Object> withoutSerializers(Map<String, Object> configs) {
    Map<String, Object> copy = new LinkedHashMap<>(configs);
    copy.remove("key.serializer");
    copy.remove("value.serializer");
    return copy;
  }

  @Override
  public String name() {
    return kind.label();
  }

  @Override
  public void send(String topic, byte[] key, byte[] value, Ack ack) {
    if (kind == ClientKind.PLUME_OUTCOME) {
      producer.send(topic, key, value, ack);
    } else {
      producer.send(new ProducerRecord<>(topic, key, value), ack);
    }
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
    Object stats = producer.metrics();
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : stats.getClass().getRecordComponents()) {
      try {
        out.put("plume-producer:" + c.getName(), c.getAccessor().invoke(stats));
      } catch (IllegalAccessException | InvocationTargetException e) {
        out.put("plume-producer:" + c.getName(), "<" + e + ">");
      }
    }
    return out;
  }

  @Override
  public void close() {
    producer.close();
  }
}
