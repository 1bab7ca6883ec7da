package dev.plume.bench.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code plume-perf}, with the flags of Kafka's {@code
 * kafka-producer-perf-test}. Parse errors throw {@link PerfOptions.UsageException}.
 *
 * @param recordSize null unless {@code --record-size}
 * @param payloadFile null unless {@code --payload-file}
 * @param throughput records/s, or a value <= 0 for no throttling
 * @param transactionDurationMs null unless given
 * @param warmupRecords records at the start left out of the steady-state summary (0: none)
 */
public record PerfOptions(
    String topic,
    long numRecords,
    Integer recordSize,
    String payloadFile,
    boolean payloadMonotonic,
    String payloadDelimiter,
    double throughput,
    List<String> producerProps,
    String producerConfigFile,
    boolean printMetrics,
    String transactionalId,
    Long transactionDurationMs,
    long warmupRecords) {

  public PerfOptions {
    producerProps = List.copyOf(producerProps);
  }

  /** A bad command line; the message says why. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: plume-perf --topic TOPIC --num-records NUM-RECORDS",
          "                  (--record-size RECORD-SIZE | --payload-file PAYLOAD-FILE |"
              + " --payload-monotonic)",
          "                  [--payload-delimiter PAYLOAD-DELIMITER] --throughput THROUGHPUT",
          "                  [--producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]",
          "                  [--producer.config CONFIG-FILE] [--print-metrics]",
          "                  [--transactional-id TRANSACTIONAL-ID]"
              + " [--transaction-duration-ms TRANSACTION-DURATION]",
          "                  [--warmup-records WARMUP-RECORDS]",
          "",
          "Measures Plume's producer with the flags and output of Kafka's"
              + " kafka-producer-perf-test.",
          "  --topic TOPIC                produce messages to this topic",
          "  --num-records N              number of messages to produce",
          "  --record-size N              message size in bytes (random A-Z payload per record)",
          "  --payload-file FILE          UTF-8 text file whose delimited entries are picked at"
              + " random",
          "  --payload-monotonic          payload is the record's index as decimal text",
          "  --payload-delimiter D        delimiter of --payload-file (default \\n)",
          "  --throughput T               throttle to about T messages/s; -1 disables throttling",
          "  --producer-props k=v ...     producer configs (precedence over --producer.config)",
          "  --producer.config FILE       producer config properties file",
          "  --print-metrics              print the producer's metrics at the end",
          "  --transactional-id ID        run in transactions with this transactional.id",
          "  --transaction-duration-ms MS commit every MS ms (default 3000 with transactions)",
          "  --warmup-records N           also print a summary of the records after the first N"
              + " (steady state)",
          "",
          "Either --producer-props or --producer.config must be specified; bootstrap.servers is"
              + " required.");

  public static PerfOptions parse(String... args) throws UsageException {
    String topic = null;
    Long numRecords = null;
    Integer recordSize = null;
    String payloadFile = null;
    boolean monotonic = false;
    String delimiter = "\\n";
    Double throughput = null;
    List<String> props = null;
    String configFile = null;
    boolean printMetrics = false;
    String txId = null;
    Long txDuration = null;
    long warmupRecords = 0;
    int payloadChoices = 0;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--topic" -> topic = value(args, ++i, flag);
        case "--num-records" -> numRecords = parseLong(value(args, ++i, flag), flag);
        case "--record-size" -> {
          recordSize = (int) parseLong(value(args, ++i, flag), flag);
          payloadChoices++;
        }
        case "--payload-file" -> {
          payloadFile = value(args, ++i, flag);
          payloadChoices++;
        }
        case "--payload-monotonic" -> {
          monotonic = true;
          payloadChoices++;
        }
        case "--payload-delimiter" -> delimiter = value(args, ++i, flag);
        case "--throughput" -> {
          String v = value(args, ++i, flag);
          try {
            throughput = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw new UsageException("argument " + flag + ": could not convert '" + v + "'");
          }
        }
        case "--producer-props" -> {
          if (props == null) {
            props = new ArrayList<>();
          }
          int before = props.size();
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            props.add(args[++i]);
          }
          if (props.size() == before) {
            throw new UsageException("argument --producer-props: expected at least one argument");
          }
        }
        case "--producer.config" -> configFile = value(args, ++i, flag);
        case "--print-metrics" -> printMetrics = true;
        case "--transactional-id" -> txId = value(args, ++i, flag);
        case "--transaction-duration-ms" -> txDuration = parseLong(value(args, ++i, flag), flag);
        case "--warmup-records" -> warmupRecords = parseLong(value(args, ++i, flag), flag);
        default -> throw new UsageException("unrecognized arguments: '" + flag + "'");
      }
    }
    if (topic == null) {
      throw new UsageException("argument --topic is required");
    }
    if (numRecords == null) {
      throw new UsageException("argument --num-records is required");
    }
    if (throughput == null) {
      throw new UsageException("argument --throughput is required");
    }
    if (payloadChoices != 1) {
      throw new UsageException(
          "exactly one of --record-size, --payload-file or --payload-monotonic must be specified");
    }
    if (numRecords <= 0) {
      throw new UsageException("--num-records should be greater than zero");
    }
    if (recordSize != null && recordSize <= 0) {
      throw new UsageException("--record-size should be greater than zero");
    }
    if (props == null && configFile == null) {
      throw new UsageException("Either --producer-props or --producer.config must be specified.");
    }
    if (txDuration != null && txDuration <= 0) {
      throw new UsageException("--transaction-duration-ms should be greater than zero");
    }
    if (warmupRecords < 0 || warmupRecords >= numRecords) {
      throw new UsageException(
          "--warmup-records should be at least zero and less than --num-records");
    }
    String realDelimiter = delimiter.equals("\\n") ? "\n" : delimiter;
    return new PerfOptions(
        topic,
        numRecords,
        recordSize,
        payloadFile,
        monotonic,
        realDelimiter,
        throughput,
        props == null ? List.of() : props,
        configFile,
        printMetrics,
        txId,
        txDuration,
        warmupRecords);
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException("argument " + flag + ": expected one argument");
    }
    return args[i];
  }

  private static long parseLong(String v, String flag) throws UsageException {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException("argument " + flag + ": could not convert '" + v + "' to a number");
    }
  }
}
