package dev.plume.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.TimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker on synthetic histories: a clean one, and one history per anomaly. */
class HistoryCheckerTest {

  private static final String T = "t";

  private final List<String> lines = new ArrayList<>();
  private final List<ReadRecord> uncommitted = new ArrayList<>();
  private final List<ReadRecord> committed = new ArrayList<>();

  // ------------------------------------------------------------ building histories

  private void sent(String producer, long seq, int partition, long txn) {
    lines.add("S\t" + producer + "\t" + seq + "\t" + T + "\t" + partition + "\t" + txn);
  }

  private void acked(String producer, long seq, int partition, long offset) {
    lines.add("A\t" + producer + "\t" + seq + "\t" + partition + "\t" + offset);
  }

  private void failed(String producer, long seq, boolean unknown) {
    lines.add("F\t" + producer + "\t" + seq + "\t" + (unknown ? "unknown" : "failed") + "\terr");
  }

  private void txn(String producer, long txn, TxnOutcome outcome) {
    lines.add("T\t" + producer + "\t" + txn + "\t" + outcome);
  }

  /** In the log at that offset; visible to read_committed too when {@code visible}. */
  private void inLog(String producer, long seq, int partition, long offset, boolean visible) {
    ReadRecord r = new ReadRecord(T, partition, offset, new RecordId(producer, seq));
    uncommitted.add(r);
    if (visible) {
      committed.add(r);
    }
  }

  /** A plain send acknowledged at {@code offset} and in the log there. */
  private void ackedAndWritten(String producer, long seq, int partition, long offset) {
    sent(producer, seq, partition, -1);
    acked(producer, seq, partition, offset);
    inLog(producer, seq, partition, offset, true);
  }

  private CheckReport check() {
    return HistoryChecker.check(History.parse(lines), uncommitted, committed);
  }

  /** A clean history of two producers, 3 partitions, a committed and an aborted transaction. */
  private void cleanHistory() {
    for (int seq = 0; seq < 6; seq++) {
      ackedAndWritten("a.g1", seq, seq % 3, seq / 3);
    }
    // b: transaction 0 committed (offsets 2 and 3 of partition 0), transaction 1 aborted
    sent("b.g1", 0, 0, 0);
    sent("b.g1", 1, 0, 0);
    acked("b.g1", 0, 0, 2);
    acked("b.g1", 1, 0, 3);
    inLog("b.g1", 0, 0, 2, true);
    inLog("b.g1", 1, 0, 3, true);
    txn("b.g1", 0, TxnOutcome.COMMITTED);
    sent("b.g1", 2, 1, 1);
    acked("b.g1", 2, 1, 2);
    inLog("b.g1", 2, 1, 2, false);
    txn("b.g1", 1, TxnOutcome.ABORTED);
  }

  // ------------------------------------------------------------ tests

  @Test
  void aCleanHistoryIsClean() {
    cleanHistory();

    CheckReport report = check();

    assertThat(report.clean()).as(report.toString()).isTrue();
    assertThat(report.sends()).isEqualTo(9);
    assertThat(report.acked()).isEqualTo(9);
    assertThat(report.summaryLine()).startsWith("CHECK CLEAN sends=9 acked=9 failed=0 txns=2");
  }

  @Test
  void anAcknowledgedRecordMissingFromTheLogIsLost() {
    cleanHistory();
    sent("a.g1", 6, 0, -1);
    acked("a.g1", 6, 0, 4);

    CheckReport report = check();

    assertThat(report.count(Finding.LOST_ACKNOWLEDGED)).isEqualTo(1);
    assertThat(report.examples(Finding.LOST_ACKNOWLEDGED))
        .singleElement()
        .asString()
        .contains("a.g1#6");
    assertThat(report.clean()).isFalse();
  }

  @Test
  void aRecordReadTwiceIsDuplicated() {
    cleanHistory();
    inLog("a.g1", 5, 2, 2, true);

    CheckReport report = check();

    assertThat(report.count(Finding.DUPLICATED)).isPositive();
    assertThat(report.count(Finding.REORDERED)).isZero();
  }

  @Test
  void aLaterSendBeforeAnEarlierOneOfTheSameProducerIsReordered() {
    sent("a.g1", 0, 0, -1);
    sent("a.g1", 1, 0, -1);
    acked("a.g1", 0, 0, 1);
    acked("a.g1", 1, 0, 0);
    inLog("a.g1", 1, 0, 0, true);
    inLog("a.g1", 0, 0, 1, true);
    // another producer interleaved in the same partition breaks nothing
    ackedAndWritten("b.g1", 0, 0, 2);

    CheckReport report = check();

    assertThat(report.count(Finding.REORDERED)).isEqualTo(1);
    assertThat(report.count(Finding.DUPLICATED)).isZero();
    assertThat(report.count(Finding.LOST_ACKNOWLEDGED)).isZero();
  }

  @Test
  void failedRecordsInTheLogAreSplitByWhetherTheOutcomeWasUnknown() {
    cleanHistory();
    sent("a.g1", 6, 0, -1);
    failed("a.g1", 6, true);
    inLog("a.g1", 6, 0, 4, true);
    sent("a.g1", 7, 0, -1);
    failed("a.g1", 7, false);
    inLog("a.g1", 7, 0, 5, true);
    sent("a.g1", 8, 1, -1);
    failed("a.g1", 8, true);

    CheckReport report = check();

    assertThat(report.count(Finding.UNKNOWN_WRITTEN)).isEqualTo(1);
    assertThat(report.count(Finding.UNKNOWN_NOT_WRITTEN)).isEqualTo(1);
    assertThat(report.count(Finding.FAILED_BUT_WRITTEN)).isEqualTo(1);
    assertThat(report.examples(Finding.FAILED_BUT_WRITTEN))
        .singleElement()
        .asString()
        .contains("a.g1#7");
    assertThat(report.anomalies()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(3);
  }

  @Test
  void anAbortedTransactionVisibleToReadCommittedIsReported() {
    cleanHistory();
    committed.add(new ReadRecord(T, 1, 2, new RecordId("b.g1", 2)));

    CheckReport report = check();

    assertThat(report.count(Finding.ABORTED_VISIBLE)).isEqualTo(1);
    assertThat(report.anomalies()).isEqualTo(1);
  }

  @Test
  void aCommittedTransactionMissingFromReadCommittedIsLost() {
    cleanHistory();
    committed.removeIf(r -> r.id().equals(new RecordId("b.g1", 1)));

    CheckReport report = check();

    assertThat(report.count(Finding.LOST_COMMITTED)).isEqualTo(1);
  }

  @Test
  void aTransactionOfUnknownOutcomeMustBeAllOrNothing() {
    cleanHistory();
    // c: txn 0 unknown, fully visible (fine); txn 1 never ended, half visible (anomaly)
    sent("c.g1", 0, 2, 0);
    sent("c.g1", 1, 2, 0);
    acked("c.g1", 0, 2, 2);
    acked("c.g1", 1, 2, 3);
    inLog("c.g1", 0, 2, 2, true);
    inLog("c.g1", 1, 2, 3, true);
    txn("c.g1", 0, TxnOutcome.UNKNOWN);
    sent("c.g1", 2, 2, 1);
    sent("c.g1", 3, 2, 1);
    acked("c.g1", 2, 2, 4);
    acked("c.g1", 3, 2, 5);
    inLog("c.g1", 2, 2, 4, true);
    inLog("c.g1", 3, 2, 5, false);

    CheckReport report = check();

    assertThat(report.count(Finding.TXN_OUTCOME_UNKNOWN)).isEqualTo(2);
    assertThat(report.count(Finding.TXN_PARTLY_VISIBLE)).isEqualTo(1);
    assertThat(report.examples(Finding.TXN_PARTLY_VISIBLE))
        .singleElement()
        .asString()
        .contains("c.g1 txn 1");
    assertThat(report.anomalies()).isEqualTo(1);
  }

  @Test
  void aSendWithoutAnOutcomeIsUnfinishedAndTwoOutcomesAreABug() {
    cleanHistory();
    sent("a.g1", 6, 0, -1);
    acked("a.g1", 5, 2, 1);

    CheckReport report = check();

    assertThat(report.count(Finding.UNFINISHED_SEND)).isEqualTo(1);
    assertThat(report.count(Finding.COMPLETED_TWICE)).isEqualTo(1);
  }

  @Test
  void anAcknowledgedOffsetThatDiffersFromTheLogIsReported() {
    sent("a.g1", 0, 0, -1);
    acked("a.g1", 0, 0, 7);
    inLog("a.g1", 0, 0, 3, true);

    assertThat(check().count(Finding.OFFSET_MISMATCH)).isEqualTo(1);
  }

  @Test
  void aRecordNoHistoryKnowsIsReported() {
    cleanHistory();
    uncommitted.add(new ReadRecord(T, 0, 9, new RecordId("stranger.g1", 0)));
    uncommitted.add(new ReadRecord(T, 0, 10, null));

    assertThat(check().count(Finding.NOT_IN_HISTORY)).isEqualTo(2);
  }

  @Test
  void historyFilesWrittenByTheLogReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("h.tsv");
    try (HistoryLog log = HistoryLog.create(file)) {
      RecordId a = new RecordId("p.g1", 0);
      RecordId b = new RecordId("p.g1", 1);
      log.sent(a, T, 0, -1);
      log.sent(b, T, 1, 3);
      log.acked(a, 0, 42);
      log.failed(b, new NetworkException("lost\tthe connection\nhere"));
      log.transaction("p.g1", 3, TxnOutcome.ABORTED);
    }

    History history = History.read(List.of(file));

    assertThat(Files.readAllLines(file)).hasSize(5);
    assertThat(history.sends().get(new RecordId("p.g1", 0)).offset()).isEqualTo(42);
    assertThat(history.sends().get(new RecordId("p.g1", 1)).outcome())
        .isEqualTo(History.Outcome.FAILED_UNKNOWN);
    assertThat(history.transactions())
        .containsEntry(new History.TxnId("p.g1", 3), TxnOutcome.ABORTED);
  }

  @Test
  void outcomesAreUnknownAfterNetworkErrorsTimeoutsAndErrorsAfterTheAppend() {
    assertThat(HistoryLog.outcomeUnknown(new NetworkException("x"))).isTrue();
    assertThat(HistoryLog.outcomeUnknown(new TimeoutException("x"))).isTrue();
    assertThat(
            HistoryLog.outcomeUnknown(
                new BrokerErrorException(
                    (short) 20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", true, "x")))
        .isTrue();
    assertThat(HistoryLog.outcomeUnknown(new RecordTooLargeException("x"))).isFalse();
    assertThat(
            HistoryLog.outcomeUnknown(
                new BrokerErrorException((short) 19, "NOT_ENOUGH_REPLICAS", true, "x")))
        .isFalse();
  }

  @Test
  void recordIdsRoundTripThroughRecordValues() {
    RecordId id = new RecordId("tx1.g12", 123_456_789L);

    byte[] value = id.toValue(100);

    assertThat(value).hasSize(100);
    assertThat(RecordId.fromValue(value)).isEqualTo(id);
    assertThat(RecordId.fromValue("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isNull();
  }
}
