package dev.plume.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** Adds a header on send and counts acknowledgements (the variant with headers). */
public class CountingInterceptor implements ProducerInterceptor<Object, Object> {

  static final AtomicInteger acknowledged = new AtomicInteger();
  static final AtomicInteger failed = new AtomicInteger();
  static final AtomicInteger withoutHeaders = new AtomicInteger();
  static final List<Long> offsets = new CopyOnWriteArrayList<>();
  static final AtomicInteger closedCount = new AtomicInteger();

  static void reset() {
    acknowledged.set(0);
    failed.set(0);
    offsets.clear();
    withoutHeaders.set(0);
    closedCount.set(0);
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    record.headers().add("intercepted", new byte[] {1});
    return record;
  }

  /** Before kafka-clients 4.1 the only variant; from 4.1 on not called (the next one is). */
  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    withoutHeaders.incrementAndGet();
    count(metadata, exception);
  }

  // No @Override: kafka-clients 3.9 does not have this variant.
  public void onAcknowledgement(RecordMetadata metadata, Exception exception, Headers headers) {
    if (headers.lastHeader("intercepted") == null) {
      withoutHeaders.incrementAndGet();
    }
    count(metadata, exception);
  }

  private static void count(RecordMetadata metadata, Exception exception) {
    if (exception == null) {
      acknowledged.incrementAndGet();
      offsets.add(metadata.offset());
    } else {
      failed.incrementAndGet();
    }
  }

  @Override
  public void close() {
    closedCount.incrementAndGet();
  }
}
