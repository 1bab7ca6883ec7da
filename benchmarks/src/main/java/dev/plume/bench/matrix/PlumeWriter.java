package dev.plume.bench.matrix;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.StringSerializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one matrix run with Plume's engine: keys {@code k<i>}, values {@code c-<i>} for records
 * that must be seen, {@code a-<i>} for records of the aborted transaction.
 */
final class PlumeWriter {

  /** Records per run; the transactional run commits this many and aborts as many again. */
  static final int RECORDS = 1_000;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrapServers;

  PlumeWriter(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Writes {@code run}; returns null on success, else what failed first. */
  String write(MatrixRun run) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", "plume-matrix-" + run.label());
    config.put("linger.ms", "5");
    // An incompatible broker should fail the run in seconds, not hang it for minutes.
    config.put("max.block.ms", "20000");
    config.put("request.timeout.ms", "10000");
    config.put("delivery.timeout.ms", "30000");
    config.putAll(run.producerConfig());
    PlumeProducer<String, String> producer;
    try {
      producer = new PlumeProducer<>(config, new StringSerializer(), new StringSerializer());
    } catch (RuntimeException e) {
      return "create producer: " + CellResult.describe(e);
    }
    String stage = "send";
    try {
      AtomicReference<Exception> firstError = new AtomicReference<>();
      if (run.transactional()) {
        stage = "initTransactions";
        producer.initTransactions();
        stage = "committed transaction";
        producer.beginTransaction();
        sendAll(producer, run.topic(), "c-", firstError);
        producer.commitTransaction();
        stage = "aborted transaction";
        producer.beginTransaction();
        sendAll(producer, run.topic(), "a-", firstError);
        producer.flush();
        producer.abortTransaction();
      } else {
        sendAll(producer, run.topic(), "c-", firstError);
        stage = "flush";
        producer.flush();
        stage = "send";
      }
      Exception error = firstError.get();
      return error == null ? null : stage + ": " + CellResult.describe(error);
    } catch (RuntimeException e) {
      return stage + ": " + CellResult.describe(e);
    } finally {
      try {
        producer.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        // The run's outcome is already decided; a failing close adds nothing to it.
      }
    }
  }

  private static void sendAll(
      PlumeProducer<String, String> producer,
      String topic,
      String valuePrefix,
      AtomicReference<Exception> firstError) {
    // Stop at the first failure: against an incompatible broker every send would wait max.block.ms.
    for (int i = 0; i < RECORDS && firstError.get() == null; i++) {
      producer.send(
          new ProducerRecord<>(topic, "k" + i, valuePrefix + i),
          (metadata, exception) -> {
            if (exception != null) {
              firstError.compareAndSet(null, exception);
            }
          });
    }
  }
}
