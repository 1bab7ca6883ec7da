package dev.plume.bench.longrun;

import dev.plume.bench.history.HistoryLog;
import dev.plume.bench.history.TxnOutcome;
import dev.plume.producer.errors.TransactionAbortableException;
import java.util.Map;

/**
 * Transactions of 5 to 40 records, one in ten aborted on purpose, until stopped. A commit or abort
 * that fails leaves the transaction's outcome unknown (the coordinator decides); the producer is
 * then replaced by a new instance with the same transactional.id, whose initTransactions ends
 * whatever the old one left open.
 */
final class TransactionalWorker extends Worker {

  private final String transactionalId;
  private long txn;

  TransactionalWorker(
      String role,
      String topic,
      int partitions,
      int ratePerSec,
      Map<String, Object> baseSettings,
      HistoryLog history,
      long seed) {
    super(role, topic, partitions, ratePerSec, baseSettings, history, seed);
    this.transactionalId = "longrun-" + topic + "-" + role;
  }

  @Override
  Map<String, Object> settings() {
    // Short, so a transaction a dead instance left open is aborted soon by the coordinator.
    return Map.of("transactional.id", transactionalId, "transaction.timeout.ms", "20000");
  }

  @Override
  void work() throws InterruptedException {
    openTransactionalProducer();
    while (!stopping()) {
      long current = txn++;
      TxnOutcome outcome = oneTransaction(current);
      history.transaction(instance, current, outcome);
      if (outcome == TxnOutcome.UNKNOWN) {
        closeProducer();
        openTransactionalProducer();
      }
    }
  }

  private TxnOutcome oneTransaction(long current) throws InterruptedException {
    try {
      producer.beginTransaction();
      int records = 5 + random.nextInt(36);
      for (int i = 0; i < records; i++) {
        sendOne(current);
      }
      if (random.nextInt(10) == 0) {
        producer.abortTransaction();
        return TxnOutcome.ABORTED;
      }
      producer.commitTransaction();
      return TxnOutcome.COMMITTED;
    } catch (TransactionAbortableException e) {
      return tryAbort();
    } catch (RuntimeException e) {
      if (producer.fatalError() == null && isAbortable(e)) {
        return tryAbort();
      }
      return TxnOutcome.UNKNOWN;
    }
  }

  private static boolean isAbortable(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransactionAbortableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private TxnOutcome tryAbort() {
    try {
      producer.abortTransaction();
      return TxnOutcome.ABORTED;
    } catch (RuntimeException e) {
      return TxnOutcome.UNKNOWN;
    }
  }

  /** A new instance; retried while the cluster cannot run initTransactions (e.g. mid-fault). */
  private void openTransactionalProducer() throws InterruptedException {
    while (true) {
      openProducer();
      txn = 0;
      try {
        producer.initTransactions();
        return;
      } catch (RuntimeException e) {
        closeProducer();
        if (stopping()) {
          throw new InterruptedException("stopped while initialising transactions");
        }
        Thread.sleep(1_000);
      }
    }
  }
}
