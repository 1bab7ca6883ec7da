package dev.plume.internal.sender;

import dev.plume.internal.accumulator.ProducerBatch;
import dev.plume.internal.network.RequestBody;
import dev.plume.internal.network.RequestEncoder;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import java.nio.ByteBuffer;

/**
 * Encodes a Produce request (v3-12; compact encodings and tagged fields from v9) whose record
 * batches are attached to the request without copying: the request header and framing go into the
 * connection's writer, each sealed batch is a buffer of its own in the gathering write.
 *
 * <p>The batches arrive grouped by topic (consecutive batches of one topic form one topic entry).
 * Reusable: a pooled {@link ProduceRequestSlot} points its body at each request's batches in turn
 * ({@link #set}).
 */
final class ProduceRequestBody implements RequestBody {

  private String transactionalId;
  private short acks;
  private int timeoutMs;
  private ProducerBatch[] batches;
  private ByteBuffer[] sealed;
  private int count;

  ProduceRequestBody() {}

  ProduceRequestBody(
      String transactionalId,
      short acks,
      int timeoutMs,
      ProducerBatch[] batchesGroupedByTopic,
      ByteBuffer[] sealed) {
    set(transactionalId, acks, timeoutMs, batchesGroupedByTopic, sealed, sealed.length);
  }

  /** The request is the first {@code count} batches and sealed buffers of the arrays. */
  void set(
      String transactionalId,
      short acks,
      int timeoutMs,
      ProducerBatch[] batchesGroupedByTopic,
      ByteBuffer[] sealed,
      int count) {
    this.transactionalId = transactionalId;
    this.acks = acks;
    this.timeoutMs = timeoutMs;
    this.batches = batchesGroupedByTopic;
    this.sealed = sealed;
    this.count = count;
  }

  @Override
  public void write(RequestEncoder out, short version) {
    ProtocolWriter w = out.writer();
    boolean flex = ApiKey.PRODUCE.isFlexible(version);
    w.writeNullableString(transactionalId, flex);
    w.writeInt16(acks);
    w.writeInt32(timeoutMs);
    w.writeArrayLength(countTopics(), flex);
    int i = 0;
    while (i < count) {
      String topic = batches[i].topicPartition().topic();
      int end = i;
      while (end < count && batches[end].topicPartition().topic().equals(topic)) {
        end++;
      }
      w.writeString(topic, flex);
      w.writeArrayLength(end - i, flex);
      for (int p = i; p < end; p++) {
        ByteBuffer records = sealed[p];
        w.writeInt32(batches[p].topicPartition().partition());
        if (flex) {
          w.writeUnsignedVarint(records.remaining() + 1);
        } else {
          w.writeInt32(records.remaining());
        }
        out.appendBuffer(records);
        out.writer().writeEmptyTaggedFields(flex);
      }
      out.writer().writeEmptyTaggedFields(flex);
      i = end;
    }
    out.writer().writeEmptyTaggedFields(flex);
  }

  private int countTopics() {
    int topics = 0;
    String previous = null;
    for (int i = 0; i < count; i++) {
      ProducerBatch b = batches[i];
      if (!b.topicPartition().topic().equals(previous)) {
        topics++;
        previous = b.topicPartition().topic();
      }
    }
    return topics;
  }
}
