package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.Errors;
import dev.plume.internal.protocol.message.ProduceResponse;
import dev.plume.logging.LogCapture;
import dev.plume.producer.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator log of deliveries: rate-limited retry WARNs and failure summaries. */
class DeliveryLogTest {

  private static SenderFixture fixture() {
    SenderFixture.Options o = new SenderFixture.Options();
    o.idempotent = false;
    o.retryBackoffMs = 10;
    o.retryBackoffMaxMs = 10;
    return new SenderFixture(o).startUp();
  }

  /** Answers every in-flight Produce request with {@code error} for each of its partitions. */
  private static void answerAll(SenderFixture f, short error) {
    for (SentRequest r : f.produceRequests()) {
      if (!f.client.inFlightRequests().contains(r)) {
        continue;
      }
      Map<TopicPartition, ProduceResponse.PartitionResponse> parts = new HashMap<>();
      for (SenderFixture.SentBatch b : SenderFixture.batches(r)) {
        parts.put(b.tp(), SenderFixture.partition(b.tp().partition(), error, -1));
      }
      f.respond(r, SenderFixture.response(parts));
    }
  }

  private static long count(List<String> lines, String part) {
    return lines.stream().filter(l -> l.contains(part)).count();
  }

  @Test
  void retryWarnIsRateLimitedPerPartition() {
    SenderFixture f = fixture();
    try (LogCapture logs = LogCapture.of(DeliveryLog.class)) {
      f.append(TP0, "a");
      f.append(TP1, "b");
      for (int round = 0; round < 20; round++) { // 20 retries of each partition in 2 s
        f.runOnce();
        answerAll(f, Errors.NOT_ENOUGH_REPLICAS.code());
        f.runOnce();
        f.advance(100);
      }
      List<String> warns = logs.messages(Level.WARN);
      assertThat(count(warns, "to t-0")).isEqualTo(1);
      assertThat(count(warns, "to t-1")).isEqualTo(1);
      assertThat(warns.get(0)).contains("retrying 1 record(s)", "attempt 1", "NOT_ENOUGH_REPLICAS");

      f.advance(DeliveryLog.INTERVAL_MS);
      f.runOnce();
      answerAll(f, Errors.NOT_ENOUGH_REPLICAS.code());
      f.runOnce();
      List<String> later = logs.messages(Level.WARN);
      assertThat(count(later, "to t-0")).isEqualTo(2);
      assertThat(later.get(later.size() - 1)).contains("more retries of this partition");
    }
  }

  @Test
  void failuresAreLoggedAtOnceThenSummarisedPerInterval() {
    SenderFixture f = fixture();
    try (LogCapture logs = LogCapture.of(DeliveryLog.class)) {
      f.append(TP0, "first");
      f.runOnce();
      answerAll(f, Errors.INVALID_RECORD.code());
      f.runOnce();
      assertThat(logs.messages(Level.ERROR))
          .singleElement()
          .asString()
          .contains("1 record(s) to t-0 failed", "INVALID_RECORD");

      for (int i = 0; i < 5; i++) { // 10 more failing records within the interval
        f.append(TP0, "x" + i);
        f.append(TP1, "y" + i);
        f.runOnce();
        answerAll(f, Errors.INVALID_RECORD.code());
        f.runOnce();
        f.advance(100);
      }
      assertThat(logs.messages(Level.ERROR)).hasSize(1);

      f.advance(DeliveryLog.INTERVAL_MS);
      f.runOnce();
      List<String> errors = logs.messages(Level.ERROR);
      assertThat(errors).hasSize(2);
      assertThat(errors.get(1))
          .contains("10 more record(s) failed", "t-0", "t-1", "INVALID_RECORD");

      f.advance(DeliveryLog.INTERVAL_MS); // a quiet interval: nothing more to say
      f.runOnce();
      assertThat(logs.messages(Level.ERROR)).hasSize(2);
    }
  }
}
