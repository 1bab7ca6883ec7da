package dev.plume.it;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks what a test wrote against what the official consumer read: each record's value starts with
 * its 8-byte send sequence number, so loss, duplication and per-partition reordering can be counted
 * exactly.
 */
final class DeliveryAudit {

  private final long sentCount;
  private final BitSet seen = new BitSet();
  private final Map<Integer, Long> lastSeqByPartition = new HashMap<>();
  private long duplicates;
  private long reordered;
  private long read;

  DeliveryAudit(long sentCount) {
    this.sentCount = sentCount;
  }

  static byte[] value(long seq, int sizeBytes) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(8, sizeBytes));
    b.putLong(seq);
    while (b.hasRemaining()) {
      b.put((byte) ('a' + (b.position() % 26)));
    }
    return b.array();
  }

  void accept(ConsumerRecord<byte[], byte[]> r) {
    long seq = ByteBuffer.wrap(r.value()).getLong();
    read++;
    if (seen.get((int) seq)) {
      duplicates++;
    }
    seen.set((int) seq);
    Long last = lastSeqByPartition.put(r.partition(), seq);
    if (last != null && last > seq) {
      reordered++;
    }
  }

  long lost() {
    return sentCount - seen.cardinality();
  }

  long duplicates() {
    return duplicates;
  }

  long reordered() {
    return reordered;
  }

  long read() {
    return read;
  }

  @Override
  public String toString() {
    return "sent="
        + sentCount
        + " read="
        + read
        + " lost="
        + lost()
        + " duplicated="
        + duplicates
        + " reordered="
        + reordered;
  }
}
