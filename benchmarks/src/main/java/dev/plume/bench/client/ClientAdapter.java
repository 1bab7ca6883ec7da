package dev.plume.bench.client;

import java.util.Map;

/**
 * The thin surface the load driver and the perf tool drive, implemented once per client, so that
 * the same send loop, callback and clocks measure both.
 */
public interface ClientAdapter extends AutoCloseable {

  /** "plume" or "kafka-clients". */
  String name();

  /**
   * Sends asynchronously; {@code ack} runs once with the outcome. Null key: sticky partitioning.
   */
  void send(String topic, byte[] key, byte[] value, Ack ack);

  /**
   * Sends one record without a key to the given partition (the driver's priming, which must reach
   * every partition of a topic, not only the few the sticky partitioner picks).
   */
  void sendToPartition(String topic, int partition, byte[] value, Ack ack);

  /**
   * Blocks until the client knows the topic's partitions (metadata fetched), so a measured window
   * does not include the first metadata round trip for a fresh topic; returns the partition count.
   */
  int partitionsFor(String topic);

  /** Blocks until every record sent so far completed. */
  void flush();

  /** Fences older producers with the same transactional.id (transactional clients only). */
  void initTransactions();

  void beginTransaction();

  /** Flushes, then commits the current transaction. */
  void commitTransaction();

  /** The client's own metrics, by name, for printing. */
  Map<String, Object> metrics();

  @Override
  void close();
}
