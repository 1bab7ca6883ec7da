package dev.plume.bench.history;

import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.TimeoutException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Appends a producer's sends and their outcomes to a history file, one tab-separated line each:
 *
 * <pre>
 * S producer seq topic partition txn      a send (txn -1: not in a transaction)
 * A producer seq partition offset         acknowledged at that offset
 * F producer seq unknown|failed error     failed; "unknown": the record may be in the log anyway
 * T producer txn COMMITTED|ABORTED|UNKNOWN a transaction's end as the producer saw it
 * </pre>
 *
 * A send logged without an A or F line never completed. Thread-safe (callbacks log from the
 * producer's I/O thread); lines reach the file when it is flushed or closed.
 */
public final class HistoryLog implements AutoCloseable {

  /** Broker errors that may come after the leader appended the batch. */
  private static final Set<String> MAYBE_WRITTEN_BROKER_ERRORS =
      Set.of("NOT_ENOUGH_REPLICAS_AFTER_APPEND", "REQUEST_TIMED_OUT", "UNKNOWN_SERVER_ERROR");

  private final BufferedWriter out;

  private HistoryLog(BufferedWriter out) {
    this.out = out;
  }

  /** Creates (or truncates) the file. */
  public static HistoryLog create(Path file) {
    try {
      return new HistoryLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create history file " + file, e);
    }
  }

  public void sent(RecordId id, String topic, int partition, long txn) {
    line("S\t" + id.producer() + "\t" + id.seq() + "\t" + topic + "\t" + partition + "\t" + txn);
  }

  public void acked(RecordId id, int partition, long offset) {
    line("A\t" + id.producer() + "\t" + id.seq() + "\t" + partition + "\t" + offset);
  }

  public void failed(RecordId id, Throwable error) {
    String text =
        (error.getClass().getSimpleName() + ": " + error.getMessage()).replaceAll("\\s", " ");
    line(
        "F\t"
            + id.producer()
            + "\t"
            + id.seq()
            + "\t"
            + (outcomeUnknown(error) ? "unknown" : "failed")
            + "\t"
            + text);
  }

  public void transaction(String producer, long txn, TxnOutcome outcome) {
    line("T\t" + producer + "\t" + txn + "\t" + outcome);
  }

  /**
   * Whether a send that failed with {@code error} may still be in the log: the request may have
   * reached the broker and its answer was lost or came too late (network errors, timeouts, broker
   * errors given after the append). The producer API says no more than the exception, so this is
   * judged from its type; a timeout of a batch that was never sent is counted as unknown too.
   */
  public static boolean outcomeUnknown(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof NetworkException || e instanceof TimeoutException) {
        return true;
      }
      if (e instanceof BrokerErrorException broker
          && MAYBE_WRITTEN_BROKER_ERRORS.contains(broker.errorName())) {
        return true;
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return false;
  }

  public synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void line(String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
