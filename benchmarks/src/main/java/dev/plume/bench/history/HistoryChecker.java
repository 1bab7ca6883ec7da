package dev.plume.bench.history;

import dev.plume.bench.history.History.Outcome;
import dev.plume.bench.history.History.Send;
import dev.plume.bench.history.History.TxnId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a send history with what the official consumer read back, once with read_uncommitted
 * (the whole log, aborted records included) and once with read_committed. Pure: no I/O.
 *
 * <ul>
 *   <li>Outside transactions: an acknowledged record must be in the log once, at its acknowledged
 *       offset; a record reported failed must not be there; one of unknown outcome may be (counted
 *       either way).
 *   <li>Transactions: read_committed must see every record of a committed transaction and none of
 *       an aborted one; a transaction of unknown outcome all or nothing.
 *   <li>Everywhere: no send read twice, a producer's records in send order within each partition,
 *       every send with an outcome, every record read known to the history.
 * </ul>
 */
public final class HistoryChecker {

  private HistoryChecker() {}

  public static CheckReport check(
      History history, List<ReadRecord> readUncommitted, List<ReadRecord> readCommitted) {
    CheckReport report = new CheckReport();
    report.readUncommitted = readUncommitted.size();
    report.readCommitted = readCommitted.size();
    Map<RecordId, ReadRecord> inLog = indexAndCheckLog(history, readUncommitted, report);
    Map<RecordId, ReadRecord> committed = new HashMap<>();
    for (ReadRecord r : readCommitted) {
      if (r.id() != null && committed.put(r.id(), r) != null) {
        report.add(Finding.DUPLICATED, r.id() + " twice in read_committed");
      }
    }
    for (long i = 0; i < history.completedTwice(); i++) {
      report.add(Finding.COMPLETED_TWICE, "an outcome line repeated");
    }

    Map<TxnId, List<Send>> byTxn = new LinkedHashMap<>();
    for (Send send : history.sends().values()) {
      report.sends++;
      switch (send.outcome()) {
        case ACKED -> report.acked++;
        case FAILED, FAILED_UNKNOWN -> report.failed++;
        case NONE -> report.add(Finding.UNFINISHED_SEND, send.id() + " to " + where(send));
      }
      if (send.transactional()) {
        byTxn
            .computeIfAbsent(new TxnId(send.id().producer(), send.txn()), t -> new ArrayList<>())
            .add(send);
      } else {
        checkPlainSend(send, inLog.get(send.id()), report);
      }
    }
    byTxn.forEach((txn, sends) -> checkTransaction(history, txn, sends, committed, report));
    return report;
  }

  /** Indexes the log by send; counts duplicates, order breaks and records no history knows. */
  private static Map<RecordId, ReadRecord> indexAndCheckLog(
      History history, List<ReadRecord> log, CheckReport report) {
    Map<RecordId, ReadRecord> index = new HashMap<>();
    // last sequence read per topic, partition and producer, in offset order
    Map<String, ReadRecord> last = new HashMap<>();
    List<ReadRecord> sorted = new ArrayList<>(log);
    sorted.sort(
        (a, b) ->
            a.topic().equals(b.topic())
                ? a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset())
                : a.topic().compareTo(b.topic()));
    for (ReadRecord r : sorted) {
      if (r.id() == null || !history.sends().containsKey(r.id())) {
        report.add(Finding.NOT_IN_HISTORY, r.topic() + "-" + r.partition() + "@" + r.offset());
        continue;
      }
      ReadRecord first = index.putIfAbsent(r.id(), r);
      if (first != null) {
        report.add(
            Finding.DUPLICATED,
            r.id()
                + " at "
                + r.topic()
                + "-"
                + r.partition()
                + "@"
                + first.offset()
                + " and @"
                + r.offset());
      }
      String key = r.topic() + "\t" + r.partition() + "\t" + r.id().producer();
      ReadRecord previous = last.put(key, r);
      if (previous != null && previous.id().seq() > r.id().seq()) {
        report.add(
            Finding.REORDERED,
            r.id() + " @" + r.offset() + " after " + previous.id() + " @" + previous.offset());
      }
    }
    return index;
  }

  private static void checkPlainSend(Send send, ReadRecord read, CheckReport report) {
    switch (send.outcome()) {
      case ACKED -> {
        if (read == null) {
          report.add(
              Finding.LOST_ACKNOWLEDGED,
              send.id() + " acked at " + where(send) + "@" + send.offset());
        } else if (read.offset() != send.offset() || read.partition() != send.partition()) {
          report.add(
              Finding.OFFSET_MISMATCH,
              send.id() + " acked @" + send.offset() + ", read @" + read.offset());
        }
      }
      case FAILED -> {
        if (read != null) {
          report.add(
              Finding.FAILED_BUT_WRITTEN,
              send.id() + " @" + read.offset() + " after " + send.error());
        }
      }
      case FAILED_UNKNOWN ->
          report.add(
              read == null ? Finding.UNKNOWN_NOT_WRITTEN : Finding.UNKNOWN_WRITTEN,
              send.id() + " " + send.error());
      case NONE -> {
        // counted as unfinished already
      }
    }
  }

  private static void checkTransaction(
      History history,
      TxnId txn,
      List<Send> sends,
      Map<RecordId, ReadRecord> committed,
      CheckReport report) {
    report.transactions++;
    TxnOutcome outcome = history.transactions().getOrDefault(txn, TxnOutcome.UNKNOWN);
    List<Send> visible = new ArrayList<>();
    for (Send send : sends) {
      if (committed.containsKey(send.id())) {
        visible.add(send);
      }
    }
    String name = txn.producer() + " txn " + txn.txn();
    switch (outcome) {
      case COMMITTED -> {
        report.committed++;
        for (Send send : sends) {
          if (!committed.containsKey(send.id())) {
            report.add(
                Finding.LOST_COMMITTED,
                send.id() + " of " + name + " (send " + send.outcome() + ")");
          }
        }
      }
      case ABORTED -> {
        report.aborted++;
        for (Send send : visible) {
          report.add(Finding.ABORTED_VISIBLE, send.id() + " of " + name);
        }
      }
      case UNKNOWN -> {
        report.add(Finding.TXN_OUTCOME_UNKNOWN, name + ": " + visible.size() + "/" + sends.size());
        if (!visible.isEmpty() && visible.size() != sends.size()) {
          report.add(
              Finding.TXN_PARTLY_VISIBLE,
              name + ": " + visible.size() + " of " + sends.size() + " records visible");
        }
      }
    }
    for (Send send : sends) {
      if (send.outcome() == Outcome.ACKED) {
        ReadRecord read = committed.get(send.id());
        if (read != null && read.offset() != send.offset()) {
          report.add(
              Finding.OFFSET_MISMATCH,
              send.id() + " acked @" + send.offset() + ", read @" + read.offset());
        }
      }
    }
  }

  private static String where(Send send) {
    return send.topic() + "-" + send.partition();
  }
}
