package dev.plume.internal.sender;

import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.producer.TopicPartition;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Produce response said about each batch of its request: filled while the response is read
 * ({@link ProduceResponse#readInto}), then read by the sender's handler. Topics are matched against
 * the names the request sent, without decoding them, so a plain success stores primitives only.
 * Reused with its {@link ProduceRequestSlot}; I/O thread only.
 */
final class ProduceResults implements ProduceResponse.Visitor {

  private static final Logger log = LoggerFactory.getLogger(ProduceResults.class);
  private static final String TOPIC_NAME = "ProduceResponse.Responses.Name";

  private final ProduceRequestSlot slot;
  private boolean[] answered = new boolean[0];
  private short[] errorCodes = new short[0];
  private long[] baseOffsets = new long[0];
  private long[] logAppendTimesMs = new long[0];
  private ProduceResponse.PartitionResponse[] details = new ProduceResponse.PartitionResponse[0];
  private int throttleTimeMs;
  private List<ProduceResponse.NodeEndpoint> nodeEndpoints = List.of();
  // Where the next topic is looked for first (the broker answers in request order).
  private int nextTopicStart;
  // The current topic's name when it was not in the request (for the warning), else null.
  private String unknownTopic;

  ProduceResults(ProduceRequestSlot slot) {
    this.slot = slot;
  }

  /** Forgets the previous response; room for {@code count} batches. */
  void clear(int count) {
    if (answered.length < count) {
      int size = Math.max(count, 2 * answered.length);
      answered = new boolean[size];
      errorCodes = new short[size];
      baseOffsets = new long[size];
      logAppendTimesMs = new long[size];
      details = new ProduceResponse.PartitionResponse[size];
    }
    Arrays.fill(answered, false);
    Arrays.fill(details, null);
    throttleTimeMs = 0;
    nodeEndpoints = List.of();
    nextTopicStart = 0;
    unknownTopic = null;
  }

  void throttleTimeMs(int ms) {
    this.throttleTimeMs = ms;
  }

  int throttleTimeMs() {
    return throttleTimeMs;
  }

  /** Whether the response answered batch {@code i} of the slot. */
  boolean answered(int i) {
    return answered[i];
  }

  short errorCode(int i) {
    return errorCodes[i];
  }

  long baseOffset(int i) {
    return baseOffsets[i];
  }

  long logAppendTimeMs(int i) {
    return logAppendTimesMs[i];
  }

  /** Every field of batch {@code i}'s answer; non-null whenever its error code is not 0. */
  ProduceResponse.PartitionResponse details(int i) {
    return details[i];
  }

  List<ProduceResponse.NodeEndpoint> nodeEndpoints() {
    return nodeEndpoints;
  }

  // ---------------------------------------------------------------- the visit

  @Override
  public int topicByName(ProtocolReader reader, boolean flexible) {
    int count = slot.count();
    for (int n = 0; n < count; n++) {
      int i = (nextTopicStart + n) % count;
      String topic = slot.topicPartition(i).topic();
      if (i > 0 && slot.topicPartition(i - 1).topic().equals(topic)) {
        continue; // not the first batch of its topic: that one was tried
      }
      if (reader.tryReadString(TOPIC_NAME, flexible, topic)) {
        unknownTopic = null;
        return i;
      }
    }
    unknownTopic = reader.readString(TOPIC_NAME, flexible);
    return -1;
  }

  @Override
  public int topicById(UUID topicId) {
    unknownTopic = topicId.toString(); // the sender sends names (v12 at most): never matches
    return -1;
  }

  @Override
  public void partition(
      int topic,
      int index,
      short errorCode,
      long baseOffset,
      long logAppendTimeMs,
      long logStartOffset,
      ProduceResponse.PartitionResponse partitionDetails) {
    if (topic >= 0) {
      String name = slot.topicPartition(topic).topic();
      for (int i = topic; i < slot.count(); i++) {
        TopicPartition tp = slot.topicPartition(i);
        if (!tp.topic().equals(name)) {
          break;
        }
        if (tp.partition() == index && !answered[i]) {
          answered[i] = true;
          errorCodes[i] = errorCode;
          baseOffsets[i] = baseOffset;
          logAppendTimesMs[i] = logAppendTimeMs;
          details[i] = partitionDetails;
          return;
        }
      }
    }
    log.warn(
        "Produce response names {}-{} which was not in the request",
        topic >= 0 ? slot.topicPartition(topic).topic() : unknownTopic,
        index);
  }

  @Override
  public void topicEnd(int topic) {
    if (topic < 0) {
      return;
    }
    int end = topic;
    String name = slot.topicPartition(topic).topic();
    while (end < slot.count() && slot.topicPartition(end).topic().equals(name)) {
      end++;
    }
    nextTopicStart = end < slot.count() ? end : 0;
  }

  @Override
  public void nodeEndpoints(List<ProduceResponse.NodeEndpoint> endpoints) {
    this.nodeEndpoints = endpoints;
  }
}
