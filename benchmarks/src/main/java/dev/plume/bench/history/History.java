package dev.plume.bench.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The sends and transactions of one or more history files (see {@link HistoryLog}). */
public final class History {

  /** What the producer was told about one send. */
  public enum Outcome {
    /** Acknowledged, with an offset. */
    ACKED,
    /** Failed with an error after which the record may be in the log. */
    FAILED_UNKNOWN,
    /** Failed with an error that says the record was not written. */
    FAILED,
    /** No outcome was ever reported. */
    NONE
  }

  /** One send and what became of it. */
  public record Send(
      RecordId id,
      String topic,
      int partition,
      long txn,
      Outcome outcome,
      long offset,
      String error) {

    public boolean transactional() {
      return txn >= 0;
    }

    Send withOutcome(Outcome newOutcome, long newOffset, String newError) {
      return new Send(id, topic, partition, txn, newOutcome, newOffset, newError);
    }
  }

  /** A transaction of one producer instance. */
  public record TxnId(String producer, long txn) {}

  private final Map<RecordId, Send> sends;
  private final Map<TxnId, TxnOutcome> transactions;
  private final long completedTwice;

  private History(Map<RecordId, Send> sends, Map<TxnId, TxnOutcome> transactions, long twice) {
    this.sends = Collections.unmodifiableMap(sends);
    this.transactions = Collections.unmodifiableMap(transactions);
    this.completedTwice = twice;
  }

  public static History read(List<Path> files) {
    Stream<String> lines = Stream.empty();
    for (Path file : files) {
      try {
        lines = Stream.concat(lines, Files.readAllLines(file, StandardCharsets.UTF_8).stream());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read history file " + file, e);
      }
    }
    return parse(lines.toList());
  }

  /** Parses history lines; outcome lines may come before their send line (files interleave). */
  public static History parse(List<String> lines) {
    Map<RecordId, Send> sends = new LinkedHashMap<>();
    Map<RecordId, String[]> outcomes = new LinkedHashMap<>();
    Map<TxnId, TxnOutcome> transactions = new LinkedHashMap<>();
    long twice = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "S" -> {
          RecordId id = new RecordId(f[1], Long.parseLong(f[2]));
          sends.put(
              id,
              new Send(
                  id, f[3], Integer.parseInt(f[4]), Long.parseLong(f[5]), Outcome.NONE, -1, null));
        }
        case "A", "F" -> {
          if (outcomes.put(new RecordId(f[1], Long.parseLong(f[2])), f) != null) {
            twice++;
          }
        }
        case "T" ->
            transactions.put(new TxnId(f[1], Long.parseLong(f[2])), TxnOutcome.valueOf(f[3]));
        default -> throw new IllegalArgumentException("Not a history line: " + line);
      }
    }
    for (Map.Entry<RecordId, String[]> e : outcomes.entrySet()) {
      Send send = sends.get(e.getKey());
      if (send == null) {
        throw new IllegalArgumentException("An outcome without its send: " + e.getKey());
      }
      String[] f = e.getValue();
      sends.put(
          e.getKey(),
          f[0].equals("A")
              ? send.withOutcome(Outcome.ACKED, Long.parseLong(f[4]), null)
              : send.withOutcome(
                  f[3].equals("unknown") ? Outcome.FAILED_UNKNOWN : Outcome.FAILED,
                  -1,
                  f.length > 4 ? f[4] : ""));
    }
    return new History(sends, transactions, twice);
  }

  public Map<RecordId, Send> sends() {
    return sends;
  }

  /** Transactions whose end the producer logged. */
  public Map<TxnId, TxnOutcome> transactions() {
    return transactions;
  }

  /** Sends whose outcome was reported more than once (a client bug). */
  public long completedTwice() {
    return completedTwice;
  }
}
