package dev.plume.bench.longrun;

import dev.plume.bench.history.HistoryLog;
import java.util.Map;

/** Sends with Kafka's defaults (idempotence on, acks=all) until stopped. */
final class IdempotentWorker extends Worker {

  IdempotentWorker(
      String role,
      String topic,
      int partitions,
      int ratePerSec,
      Map<String, Object> baseSettings,
      HistoryLog history,
      long seed) {
    super(role, topic, partitions, ratePerSec, baseSettings, history, seed);
  }

  @Override
  Map<String, Object> settings() {
    return Map.of();
  }

  @Override
  void work() throws InterruptedException {
    openProducer();
    while (!stopping()) {
      if (producer.fatalError() != null) {
        closeProducer();
        openProducer();
      }
      try {
        sendOne(-1);
      } catch (RuntimeException e) {
        // logged as the record's outcome; a producer that can no longer send is replaced above
        if (producer.fatalError() == null) {
          closeProducer();
          openProducer();
        }
      }
    }
  }
}
