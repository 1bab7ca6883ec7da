package dev.plume.spring.core;

import dev.plume.producer.ProducerRecord;

/**
 * A send failed, before or after the record was queued. Futures returned by {@link
 * ProducerTemplate} complete with this exception; {@link #getCause()} is the producer's error.
 */
public class SendFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ProducerRecord<?, ?> failedRecord;

  public SendFailedException(ProducerRecord<?, ?> failedRecord, Throwable cause) {
    super(
        "Failed to send a record to topic "
            + failedRecord.topic()
            + (failedRecord.partition() == null ? "" : " partition " + failedRecord.partition())
            + ": "
            + cause,
        cause);
    this.failedRecord = failedRecord;
  }

  /** The record that could not be sent. */
  public ProducerRecord<?, ?> failedRecord() {
    return failedRecord;
  }
}
