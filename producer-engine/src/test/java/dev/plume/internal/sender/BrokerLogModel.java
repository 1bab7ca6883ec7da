package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.partition;

import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.internal.sender.SenderFixture.SentBatch;
import dev.plume.producer.TopicPartition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition logs of a broker, with the idempotent-producer checks a Kafka broker makes before
 * appending a batch (per partition and producer id): a batch equal to one of the producer's last
 * five batches is a duplicate and answered with success and the original offset; a higher epoch
 * must start at sequence 0; a lower epoch is refused; otherwise the sequence must follow the last
 * one (any sequence is accepted from a producer the partition holds no state for). Tests feed it
 * the Produce requests the sender sent and decide whether the response then reaches the sender.
 */
final class BrokerLogModel {

  static final short NONE = Errors.NONE.code();
  static final short OUT_OF_ORDER_SEQUENCE_NUMBER = Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code();
  static final short INVALID_PRODUCER_EPOCH = Errors.INVALID_PRODUCER_EPOCH.code();

  /** One record as stored, with the producer state of the batch that carried it. */
  record Stored(String value, long offset, short epoch, int baseSequence) {}

  private record CachedBatch(int firstSequence, int lastSequence, long baseOffset) {}

  private static final class ProducerState {
    short epoch = -1;
    int lastSequence = -1;
    final ArrayDeque<CachedBatch> lastBatches = new ArrayDeque<>();
  }

  private final Map<TopicPartition, List<Stored>> logs = new LinkedHashMap<>();
  private final Map<TopicPartition, Map<Long, ProducerState>> producers = new HashMap<>();

  /** Appends what the request carries (or finds duplicates) and returns the broker's answer. */
  ProduceResponse handle(SentRequest request) {
    Map<TopicPartition, ProduceResponse.PartitionResponse> answers = new LinkedHashMap<>();
    for (SentBatch b : SenderFixture.batches(request)) {
      answers.put(b.tp(), append(b));
    }
    return SenderFixture.response(answers);
  }

  private ProduceResponse.PartitionResponse append(SentBatch b) {
    List<Stored> log = logs.computeIfAbsent(b.tp(), k -> new ArrayList<>());
    ProducerState state =
        producers.computeIfAbsent(b.tp(), k -> new HashMap<>()).get(b.producerId());
    int lastSequence = b.baseSequence() + b.values().size() - 1;
    if (state != null && b.epoch() == state.epoch) {
      for (CachedBatch c : state.lastBatches) {
        if (c.firstSequence() == b.baseSequence() && c.lastSequence() == lastSequence) {
          return partition(b.tp().partition(), NONE, c.baseOffset()); // a duplicate
        }
      }
    }
    if (state != null) {
      if (b.epoch() < state.epoch) {
        return partition(b.tp().partition(), INVALID_PRODUCER_EPOCH, -1);
      }
      boolean inSequence =
          b.epoch() > state.epoch
              ? b.baseSequence() == 0
              : b.baseSequence() == state.lastSequence + 1;
      if (!inSequence) {
        return partition(b.tp().partition(), OUT_OF_ORDER_SEQUENCE_NUMBER, -1);
      }
    } else {
      state = new ProducerState();
      producers.get(b.tp()).put(b.producerId(), state);
    }
    if (b.epoch() != state.epoch) {
      state.lastBatches.clear();
    }
    long baseOffset = log.size();
    for (String v : b.values()) {
      log.add(new Stored(v, log.size(), b.epoch(), b.baseSequence()));
    }
    state.epoch = b.epoch();
    state.lastSequence = lastSequence;
    state.lastBatches.addLast(new CachedBatch(b.baseSequence(), lastSequence, baseOffset));
    if (state.lastBatches.size() > 5) {
      state.lastBatches.removeFirst();
    }
    return partition(b.tp().partition(), NONE, baseOffset);
  }

  List<Stored> log(TopicPartition tp) {
    return logs.getOrDefault(tp, List.of());
  }

  /** The values in the partition's log, in offset order. */
  List<String> values(TopicPartition tp) {
    List<String> out = new ArrayList<>();
    for (Stored s : log(tp)) {
      out.add(s.value());
    }
    return out;
  }
}
