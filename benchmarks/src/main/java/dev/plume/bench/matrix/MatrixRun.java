package dev.plume.bench.matrix;

import java.util.Map;

/** One producer configuration the matrix runs against every broker version. */
enum MatrixRun {
  /** acks=1 without idempotence: the oldest produce path (no producer id). */
  PLAIN("plain", Map.of("acks", "1", "enable.idempotence", "false")),
  /** The defaults: acks=all, idempotence on (InitProducerId, sequence numbers). */
  IDEMPOTENT("idempotent", Map.of()),
  /** zstd batches (brokers 2.1+ with Produce v7+). */
  ZSTD("zstd", Map.of("compression.type", "zstd")),
  /** One committed and one aborted transaction. */
  TRANSACTIONAL("transactional", Map.of("transactional.id", "plume-matrix-txn"));

  private final String label;
  private final Map<String, String> producerConfig;

  MatrixRun(String label, Map<String, String> producerConfig) {
    this.label = label;
    this.producerConfig = producerConfig;
  }

  String label() {
    return label;
  }

  /** Settings over the matrix's common producer settings. */
  Map<String, String> producerConfig() {
    return producerConfig;
  }

  /**
   * Whether send order per partition is promised: not without idempotence, where a retried batch
   * may land after later ones (max.in.flight.requests.per.connection 5).
   */
  boolean ordered() {
    return this != PLAIN;
  }

  boolean transactional() {
    return this == TRANSACTIONAL;
  }

  /** The topic of this run: one per run, so each check reads only what its run wrote. */
  String topic() {
    return "plume-matrix-" + label;
  }
}
